/**
 * Facts a lesson can say about the reader ("eight weeks of no contact", "two weeks since I last
 * asked"). Lessons are rendered once per run with a placeholder for each fact and filled per
 * reader, so every lesson gets every fact. Pure: the date of the send is passed in.
 */
import type { Reader } from '../db/readers.js';
import { daysBetween } from '../shared/time.js';
import type { CourseDefinition } from './schema.js';

export const FACTS = ['weeksNoContact', 'sinceAsked', 'sinceStart'] as const;
export type FactName = (typeof FACTS)[number];
export type Facts = Record<FactName, string>;

/** What the react-email preview and the tests show. */
export const sampleFacts: Facts = { weeksNoContact: 'eight', sinceAsked: 'two weeks', sinceStart: 'twelve days' };

const SMALL = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** 8 -> "eight", 21 -> "twenty-one"; 100 and over stay digits. */
export function numberWords(n: number): string {
  if (n < 0 || n >= 100 || !Number.isInteger(n)) return String(n);
  if (n < 20) return SMALL[n]!;
  const t = TENS[Math.floor(n / 10)]!;
  return n % 10 ? `${t}-${SMALL[n % 10]}` : t;
}

/** A span of days the way a person says it: "four days", "two weeks", "about three weeks", "about two months". */
export function spanWords(days: number): string {
  const d = Math.max(0, Math.round(days));
  if (d === 0) return 'less than a day';
  if (d === 1) return 'a day';
  if (d < 14) return `${numberWords(d)} days`;
  if (d < 60) {
    const w = Math.round(d / 7);
    return `${d % 7 === 0 ? '' : 'about '}${w === 1 ? 'a week' : `${numberWords(w)} weeks`}`;
  }
  const m = Math.round(d / 30.4);
  return `about ${m === 1 ? 'a month' : `${numberWords(m)} months`}`;
}

const asking = new WeakMap<CourseDefinition, ReadonlySet<string>>();

/** Lesson ids that ask a question (a branch): on a path, as re-asks, or asking whether to keep asking. */
export function askingLessons(def: CourseDefinition): ReadonlySet<string> {
  const hit = asking.get(def);
  if (hit) return hit;
  const ids = new Set<string>();
  for (const t of Object.values(def.tracks)) for (const p of Object.values(t.paths)) for (const l of p) if (l.branch) ids.add(l.lesson);
  for (const b of Object.values(def.branches)) {
    if (b.enough) ids.add(b.enough.lesson);
    for (const c of b.choices) if (c.action.type === 'repeat') for (const l of [c.action.lesson, ...(c.action.then ?? [])]) ids.add(l);
  }
  asking.set(def, ids); // course definitions never change once loaded (a new version is a new object)
  return ids;
}

const gates = new WeakMap<CourseDefinition, ReadonlyMap<string, number>>();

/** Days of no contact a question waits for (a decision point), by branch id, wherever it is asked from. */
export function noContactGates(def: CourseDefinition): ReadonlyMap<string, number> {
  let hit = gates.get(def);
  if (!hit) {
    const m = new Map<string, number>();
    for (const t of Object.values(def.tracks))
      for (const p of Object.values(t.paths)) for (const l of p) if (l.branch && l.noContactDays && !m.has(l.branch)) m.set(l.branch, l.noContactDays);
    gates.set(def, (hit = m));
  }
  return hit;
}

/** The local date of the reader's last email that asked a question, if any (in this run of the course). */
export function lastAskDate(r: Reader, def: CourseDefinition): string | undefined {
  const asking = askingLessons(def);
  const from = r.cursor?.fromSeq ?? 0;
  for (let i = r.sends.length - 1; i >= 0; i--) {
    const s = r.sends[i]!;
    if (s.seq > from && s.kind === 'lesson' && asking.has(s.ref)) return s.localDate;
  }
  return undefined;
}

/** Every fact for this reader on `day` (their local date of the send). */
export function factsFor(r: Reader, def: CourseDefinition, day: string): Facts {
  const c = r.cursor;
  const nc = c?.noContactSince ? daysBetween(c.noContactSince, day) : 0;
  const asked = lastAskDate(r, def);
  return {
    weeksNoContact: numberWords(Math.max(1, Math.floor(nc / 7))),
    sinceAsked: spanWords(asked ? daysBetween(asked, day) : 0),
    sinceStart: spanWords(c ? daysBetween(c.anchor, day) : 0),
  };
}

/** `{fact}` names in a question, replaced by `fill(name)`; unknown names are left as they are. */
export const fillFacts = (text: string, fill: (name: FactName) => string) =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => ((FACTS as readonly string[]).includes(name) ? fill(name as FactName) : whole));
