/**
 * The course as a state machine over a reader. Pure functions: no I/O, time passed in.
 * The dispatcher and the link handlers load a reader, call these, and commit the result.
 */
import type { Config } from '../config.js';
import type { Reader, SendRecord, Track } from '../db/readers.js';
import { DAY } from '../clock.js';
import { STALE_OP_MS } from '../db/outbox.js';
import { addDays, addMonths, localDate, maxDate, zonedInstant } from '../shared/time.js';
import { courseFor, currentCourse, pathOf } from './versions.js';
import type { Branch, Choice, CourseDefinition, LessonRef, Target } from './schema.js';

export type Plan =
  | { type: 'expire' }
  | { type: 'timeout'; branch: string; seq: number }
  | { type: 'lesson'; lesson: string; track: Track; source: 'path' | 'insert'; branch?: string; at: Date }
  | { type: 'checkin'; checkpoint: string; at: Date };

export const checkpointId = (months: number) => `${months}m`;

const today = (r: Reader, now: Date) => localDate(now, r.timezone);

/** The last local date the reader got a lesson or a check-in: never two in one local day. */
function lastMailDate(r: Reader): string | undefined {
  for (let i = r.sends.length - 1; i >= 0; i--) {
    const s = r.sends[i]!;
    if (s.kind === 'lesson' || s.kind === 'checkin') return s.localDate;
  }
  return undefined;
}

/** The reader's hour on the first allowed day on or after `on`. */
const slot = (r: Reader, on: string) => {
  const last = lastMailDate(r);
  let day = last ? maxDate(on, addDays(last, 1)) : on;
  const notBefore = r.cursor?.notBefore;
  if (notBefore) {
    day = maxDate(day, localDate(new Date(notBefore), r.timezone));
    if (zonedInstant(day, r.sendHour, r.timezone).toISOString() < notBefore) day = addDays(day, 1);
  }
  return zonedInstant(day, r.sendHour, r.timezone);
};

/** Marks a change made outside the schedule: the next email waits for the reader's next hour. */
export const rescheduled = (r: Reader, now: Date): Reader =>
  r.cursor ? { ...r, cursor: { ...r.cursor, notBefore: now.toISOString() } } : r;

/** A branch timeout at the reader's hour on `date` (their local date), in their zone. */
const timeoutOn = (r: Reader, date: string) => zonedInstant(date, r.sendHour, r.timezone).toISOString();

/**
 * A new send hour or time zone. A pending branch timeout keeps its local day but moves to the new
 * hour in the new zone: its default may send a re-ask at once, and that must be at the reader's hour.
 */
export function changeSchedule(r: Reader, sendHour: number, timezone: string, now: Date): Reader {
  const next: Reader = { ...r, sendHour, timezone };
  const a = r.cursor?.awaiting;
  if (a && next.cursor) {
    const day = localDate(new Date(a.timeoutAt), r.timezone);
    next.cursor = { ...next.cursor, awaiting: { ...a, timeoutAt: timeoutOn(next, day) } };
  }
  return rescheduled(next, now);
}

/** Active readers start here: the welcome goes out at once, the rest at their hour. */
export function startCourse(r: Reader, now: Date, def: CourseDefinition = currentCourse): Reader {
  const on = today(r, now);
  return {
    ...r,
    status: 'active',
    confirmedAt: now.toISOString(),
    enrolledOn: r.enrolledOn ?? on,
    courseVersion: def.version,
    track: r.situation,
    cursor: { path: 'main', index: 0, anchor: on, inserts: [], quietTimeouts: 0, noContactSince: on },
    expiresAt: undefined,
    unsubscribedAt: undefined,
    completedAt: undefined,
  };
}

function lessonPlan(r: Reader): Plan | null {
  if (r.status !== 'active' || !r.cursor) return null;
  const c = r.cursor;
  const def = courseFor(r.courseVersion);
  const insert = c.inserts[0];
  if (insert) {
    return { type: 'lesson', lesson: insert.lesson, track: r.track, source: 'insert', branch: insert.branch, at: slot(r, insert.on) };
  }
  if (c.awaiting) return { type: 'timeout', branch: c.awaiting.branch, seq: c.awaiting.seq };
  const ref = pathOf(def, r.track, c.path)[c.index];
  if (!ref) return null;
  let on = addDays(c.anchor, ref.day);
  if (ref.noContactDays && c.noContactSince) on = maxDate(on, addDays(c.noContactSince, ref.noContactDays));
  let at = slot(r, on);
  // The welcome does not wait for tomorrow's hour: it answers the click on the confirmation link.
  const isWelcome = c.path === 'main' && c.index === 0 && !r.sends.some((s) => s.kind === 'lesson');
  if (isWelcome && r.confirmedAt && Date.parse(r.confirmedAt) < at.getTime()) at = new Date(r.confirmedAt);
  return { type: 'lesson', lesson: ref.lesson, track: r.track, source: 'path', branch: ref.branch, at };
}

function planAt(p: Plan, r: Reader): Date {
  if (p.type === 'timeout') return new Date(r.cursor!.awaiting!.timeoutAt);
  if (p.type === 'expire') return new Date((r.expiresAt ?? 0) * 1000);
  return p.at;
}

/**
 * The next check-in: the first checkpoint after the last one sent. If several are overdue
 * (the reader was paused), only the latest is sent; the older ones count as not asked.
 */
function checkinPlan(r: Reader, now: Date | 'next', cfg: Pick<Config, 'checkpoints'>): Plan | null {
  if (!r.followUpConsent || r.followUpStopped || !r.enrolledOn) return null;
  if (r.status !== 'active' && r.status !== 'completed') return null;
  const sent = new Set(r.sends.filter((s) => s.kind === 'checkin').map((s) => s.ref));
  const months = [...cfg.checkpoints].sort((a, b) => a - b);
  let lastSentIdx = -1;
  months.forEach((m, i) => sent.has(checkpointId(m)) && (lastSentIdx = i));
  const rest = months.slice(lastSentIdx + 1);
  if (!rest.length) return null;
  // 'next': when does the first one fall due (for the due index)?
  const day = now === 'next' ? '' : today(r, now);
  const overdue = rest.filter((m) => addMonths(r.enrolledOn!, m) <= day);
  const m = overdue.at(-1) ?? rest[0]!;
  return { type: 'checkin', checkpoint: checkpointId(m), at: slot(r, addMonths(r.enrolledOn, m)) };
}

/** What the dispatcher should do for this reader now, if anything. */
export function planNext(r: Reader, now: Date, cfg: Pick<Config, 'checkpoints'>): Plan | null {
  if (r.status === 'pending') return r.expiresAt && r.expiresAt * 1000 <= now.getTime() ? { type: 'expire' } : null;
  const candidates = [lessonPlan(r), checkinPlan(r, now, cfg)].filter((p): p is Plan => !!p);
  const due = candidates.filter((p) => planAt(p, r).getTime() <= now.getTime());
  // Lessons before check-ins on the same tick; the check-in then waits for the next free day.
  return due[0] ?? null;
}

/** When the dispatcher should next look at this reader (stored in the due index), or undefined. */
export function computeDueAt(r: Reader, cfg: Pick<Config, 'checkpoints'>): string | undefined {
  if (r.deletedAt) return undefined;
  if (r.status === 'pending') return r.expiresAt ? new Date(r.expiresAt * 1000).toISOString() : undefined;
  const times = [lessonPlan(r), checkinPlan(r, 'next', cfg)]
    .filter((p): p is Plan => !!p)
    .map((p) => planAt(p, r).getTime());
  // A stuck claim must be looked at again even if nothing else is due.
  if (r.claim) times.push(Date.parse(r.claim.at) + CLAIM_STALE_MS);
  // So must counter work a crashed writer left in the outbox (the dispatcher finishes it).
  for (const op of r.outbox) times.push((op.at ? Date.parse(op.at) : 0) + STALE_OP_MS);
  return times.length ? new Date(Math.min(...times)).toISOString() : undefined;
}

export const CLAIM_STALE_MS = 10 * 60_000;

/** Moves the reader past what was just sent. */
export function afterSend(r: Reader, plan: Plan & { type: 'lesson' | 'checkin' }, record: SendRecord): Reader {
  const next: Reader = { ...r, sends: [...r.sends, record], sendSeq: record.seq, claim: undefined };
  if (plan.type === 'checkin' || !next.cursor) return next;
  const c = { ...next.cursor, inserts: [...next.cursor.inserts] };
  if (plan.source === 'insert') c.inserts.shift();
  else c.index += 1;
  if (plan.branch) {
    const branch = branchOf(r, plan.branch);
    c.awaiting = {
      branch: plan.branch,
      seq: record.seq,
      timeoutAt: timeoutOn(r, addDays(record.localDate, branch.timeoutDays)),
    };
  }
  next.cursor = c;
  const def = courseFor(r.courseVersion);
  const finished = !c.awaiting && !c.inserts.length && c.index >= pathOf(def, r.track, c.path).length;
  if (finished && next.status === 'active') {
    next.status = 'completed';
    next.completedAt = record.at;
  }
  return next;
}

export function branchOf(r: Reader, id: string): Branch {
  const b = courseFor(r.courseVersion).branches[id];
  if (!b) throw new Error(`unknown branch ${id}`);
  return b;
}

export type ChoiceResult = { changed: true; reader: Reader; choice: Choice } | { changed: false; reason: 'already' | 'unknown' };

/**
 * Applies a branch choice. Only the send that asked (seq) can answer it, and only once:
 * a repeated or stale link changes nothing. `by: 'timeout'` applies the branch's default.
 */
export function applyChoice(
  r: Reader,
  input: { branch: string; choice?: string; seq: number; by: 'click' | 'timeout' | 'reply' | 'author' },
  now: Date,
): ChoiceResult {
  const c = r.cursor;
  if (!c?.awaiting || c.awaiting.branch !== input.branch || c.awaiting.seq !== input.seq) return { changed: false, reason: 'already' };
  if (r.status !== 'active') return { changed: false, reason: 'already' };
  const branch = branchOf(r, input.branch);
  const timeout = input.by === 'timeout';
  const choiceId = timeout ? (c.quietTimeouts >= branch.maxTimeouts ? branch.finally : branch.onTimeout) : input.choice;
  const choice = branch.choices.find((x) => x.id === choiceId);
  if (!choice) return { changed: false, reason: 'unknown' };
  const day = today(r, now);
  let next: Reader = {
    ...r,
    cursor: { ...c, awaiting: undefined, quietTimeouts: timeout ? c.quietTimeouts + 1 : 0 },
  };
  if (choice.action.type === 'goto') next = moveTo(next, choice.action.to, day, choice.action.startNoContact);
  else {
    // Asked again `days` after a click; after silence, `days` after the question itself, so
    // the quiet cadence stays steady (the timeout already waited).
    const asked = r.sends.find((s) => s.seq === input.seq)?.localDate ?? day;
    const on = timeout ? maxDate(day, addDays(asked, choice.action.days)) : addDays(day, choice.action.days);
    next.cursor!.inserts = [...next.cursor!.inserts, { lesson: choice.action.lesson, on, branch: branch.id }];
  }
  return { changed: true, reader: next, choice };
}

/** Puts the reader at the start of a path (or a lesson in it), its first lesson due tomorrow. */
export function moveTo(r: Reader, to: Target, day: string, startNoContact = false): Reader {
  const def = courseFor(r.courseVersion);
  const path = pathOf(def, to.track, to.path);
  const index = to.lesson ? Math.max(0, path.findIndex((l: LessonRef) => l.lesson === to.lesson)) : 0;
  const first = path[index]!;
  const c = r.cursor!;
  return {
    ...r,
    track: to.track,
    cursor: {
      ...c,
      path: to.path,
      index,
      anchor: addDays(day, 1 - first.day),
      awaiting: undefined,
      noContactSince: startNoContact || !c.noContactSince ? day : c.noContactSince,
    },
  };
}

/** Switch track from the preferences page: start the new track after its welcome. */
export function switchTrack(r: Reader, track: Track, now: Date): Reader {
  if (!r.cursor || r.track === track) return { ...r, track };
  const main = pathOf(courseFor(r.courseVersion), track, 'main');
  const next = moveTo(r, { track, path: 'main', lesson: main[1]?.lesson }, today(r, now), true);
  return { ...next, cursor: { ...next.cursor!, inserts: [] }, status: r.status === 'completed' ? 'active' : r.status };
}

/** Queue a lesson sent because of something the reader told us (a reply signal). */
export function interject(r: Reader, kind: string, now: Date): Reader {
  const lesson = courseFor(r.courseVersion).interjections[kind];
  if (!lesson || !r.cursor || r.status !== 'active') return r;
  const day = today(r, now);
  const c = { ...r.cursor };
  if (!c.inserts.some((i) => i.lesson === lesson)) c.inserts = [{ lesson, on: day }, ...c.inserts];
  if (kind === 'broke-no-contact') c.noContactSince = day;
  return rescheduled({ ...r, cursor: c }, now);
}

export function pause(r: Reader, now: Date): Reader {
  if (r.status !== 'active') return r;
  return { ...r, status: 'paused', pausedAt: now.toISOString() };
}

/** Resuming shifts the whole plan by the time paused, so the course picks up where it stopped. */
export function resume(r: Reader, now: Date): Reader {
  if (r.status !== 'paused') return r;
  const shift = r.pausedAt ? Math.max(0, Math.round((now.getTime() - Date.parse(r.pausedAt)) / DAY)) : 0;
  const c = r.cursor;
  const cursor = c && {
    ...c,
    anchor: addDays(c.anchor, shift),
    inserts: c.inserts.map((i) => ({ ...i, on: addDays(i.on, shift) })),
    // Whole local days later, at the reader's hour (a fixed 24 h shift would drift across DST).
    awaiting: c.awaiting && { ...c.awaiting, timeoutAt: timeoutOn(r, addDays(localDate(new Date(c.awaiting.timeoutAt), r.timezone), shift)) },
  };
  const finished = c && !c.awaiting && !c.inserts.length && c.index >= pathOf(courseFor(r.courseVersion), r.track, c.path).length;
  return rescheduled({ ...r, status: finished ? 'completed' : 'active', pausedAt: undefined, cursor }, now);
}

/**
 * A reply says the story has resolved (back together, or moved on): go to the fitting closing
 * lessons of the reader's track, unless they are already there or past them.
 */
export function resolveStory(r: Reader, kind: 'back-together' | 'moved-on', now: Date): Reader {
  if (r.status !== 'active' || !r.cursor) return r;
  const def = courseFor(r.courseVersion);
  const to = def.resolutions[kind]?.[r.track];
  if (!to) return r;
  if (r.cursor.path === to.path) {
    const at = to.lesson ? pathOf(def, to.track, to.path).findIndex((l) => l.lesson === to.lesson) : 0;
    if (r.cursor.index >= at) return r;
  }
  const moved = moveTo(r, to, today(r, now));
  return rescheduled({ ...moved, cursor: { ...moved.cursor!, inserts: [] } }, now);
}
