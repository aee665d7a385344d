/**
 * The course as a state machine over a reader. Pure functions: no I/O, time passed in.
 * The dispatcher and the link handlers load a reader, call these, and commit the result.
 */
import type { Config } from '../config.js';
import type { Cursor, Reader, SendRecord, Track } from '../db/readers.js';
import { DAY } from '../clock.js';
import { STALE_OP_MS } from '../db/outbox.js';
import { addDays, addMonths, daysBetween, localDate, maxDate, zonedInstant } from '../shared/time.js';
import { lastAskDate, noContactGates } from './facts.js';
import { courseFor, currentCourse, pathOf } from './versions.js';
import type { Branch, Choice, CourseDefinition, LessonRef, Target } from './schema.js';

export type Plan =
  | { type: 'expire' }
  | { type: 'timeout'; branch: string; seq: number }
  | {
      type: 'lesson';
      lesson: string;
      track: Track;
      /** path: the next lesson of the path (`index`); insert: a queued lesson; wait: filling a wait for no contact. */
      source: 'path' | 'insert' | 'wait';
      branch?: string;
      at: Date;
      index?: number;
    }
  | { type: 'checkin'; checkpoint: string; at: Date };

export const checkpointId = (months: number) => `${months}m`;

/** A reader's own click on a question that timed out still counts for this long after the timeout. */
export const LATE_CLICK_DAYS = 14;
/** Timed-out questions are remembered this long (choice links live 120 days), to answer a late click truthfully. */
const DEFAULTS_KEPT_DAYS = 120;
/** A check-in never comes within this many days of an email that asks a question. */
export const QUESTION_GAP_DAYS = 2;

const today = (r: Reader, now: Date) => localDate(now, r.timezone);

/** Sends of this run of the course (a reader who left and came back starts afresh). */
const runSends = (r: Reader) => {
  const from = r.cursor?.fromSeq ?? 0;
  return from ? r.sends.filter((s) => s.seq > from) : r.sends;
};

/** Lesson ids the reader has received in this run of the course. */
export function receivedLessons(r: Reader): Set<string> {
  return new Set(runSends(r).filter((s) => s.kind === 'lesson').map((s) => s.ref));
}

/**
 * The first index at or after `from` whose lesson the reader has not had yet. A lesson that sits on
 * two paths or tracks (or came earlier because of a reply) is never sent twice; a question always is
 * asked, since the path cannot go on without an answer.
 */
function nextUnreceived(path: LessonRef[], from: number, got: Set<string>): number {
  let i = from;
  while (i < path.length && !path[i]!.branch && got.has(path[i]!.lesson)) i++;
  return i;
}

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
    // Strictly after the change: a change made at the very instant of the reader's hour comes after
    // that hour's dispatch may have run, and the email would go a tick late instead of at the hour.
    if (zonedInstant(day, r.sendHour, r.timezone).toISOString() <= notBefore) day = addDays(day, 1);
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
    cursor: { path: 'main', index: 0, anchor: on, inserts: [], quietTimeouts: 0, rounds: 0, defaults: [], noContactSince: on, fromSeq: r.sendSeq },
    expiresAt: undefined,
    unsubscribedAt: undefined,
    completedAt: undefined,
  };
}

/** A newsletter-only reader confirms: active (the newsletter goes out), no cursor (no lessons), no check-ins. */
export function confirmNewsletterOnly(r: Reader, now: Date): Reader {
  return {
    ...r,
    status: 'active',
    confirmedAt: now.toISOString(),
    enrolledOn: r.enrolledOn ?? today(r, now),
    cursor: undefined,
    followUpConsent: false,
    expiresAt: undefined,
    unsubscribedAt: undefined,
  };
}

/**
 * The local date of the reader's next lesson, if one is planned (a newsletter waits for a day
 * without one). Check-ins and branch timeouts are not lessons.
 */
export function nextLessonDate(r: Reader): string | null {
  const p = lessonPlan(r);
  return p && p.type === 'lesson' ? localDate(planAt(p, r), r.timezone) : null;
}

/** Days of no contact a question waits for (a decision point), wherever it is asked from. */
const noContactGate = (def: CourseDefinition, branch: string | undefined) => (branch ? noContactGates(def).get(branch) : undefined);

/** `on`, or later if no contact has not lasted `days` by then (it restarts when the reader breaks it). */
function gated(r: Reader, on: string, days: number | undefined): { on: string; pushed: boolean } {
  const since = r.cursor?.noContactSince;
  if (!days || !since) return { on, pushed: false };
  const ready = addDays(since, days);
  return ready > on ? { on: ready, pushed: true } : { on, pushed: false };
}

/**
 * A question pushed back because no contact restarted must not leave weeks of silence: the
 * course's waiting lessons go out one by one, spread evenly over the wait, each at most once.
 */
function orWaiting(r: Reader, def: CourseDefinition, plan: Plan & { type: 'lesson' }, gate: { on: string; pushed: boolean }): Plan {
  if (!gate.pushed) return plan;
  const last = lastMailDate(r);
  if (!last) return plan;
  const gap = daysBetween(last, gate.on);
  if (gap <= 7) return plan;
  const got = receivedLessons(r);
  const pool = (def.waiting ?? []).filter((l) => !got.has(l));
  if (!pool.length) return plan;
  const n = Math.min(pool.length, Math.ceil(gap / 7) - 1);
  const on = addDays(last, Math.max(2, Math.round(gap / (n + 1))));
  return { type: 'lesson', lesson: pool[0]!, track: r.track, source: 'wait', at: slot(r, on) };
}

function lessonPlan(r: Reader): Plan | null {
  if (r.status !== 'active' || !r.cursor) return null;
  const c = r.cursor;
  const def = courseFor(r.courseVersion);
  const insert = c.inserts[0];
  if (insert) {
    const gate = gated(r, insert.on, noContactGate(def, insert.branch));
    const plan = { type: 'lesson', lesson: insert.lesson, track: r.track, source: 'insert', branch: insert.branch, at: slot(r, gate.on) } as const;
    return orWaiting(r, def, plan, gate);
  }
  if (c.awaiting) return { type: 'timeout', branch: c.awaiting.branch, seq: c.awaiting.seq };
  const path = pathOf(def, r.track, c.path);
  const index = nextUnreceived(path, c.index, receivedLessons(r));
  const ref = path[index];
  if (!ref) return null;
  const gate = gated(r, addDays(c.anchor, ref.day), ref.noContactDays);
  let at = slot(r, gate.on);
  // The welcome does not wait for tomorrow's hour: it answers the click on the confirmation link.
  const isWelcome = c.path === 'main' && index === 0 && !runSends(r).some((s) => s.kind === 'lesson');
  if (isWelcome && r.confirmedAt && Date.parse(r.confirmedAt) < at.getTime()) at = new Date(r.confirmedAt);
  return orWaiting(r, def, { type: 'lesson', lesson: ref.lesson, track: r.track, source: 'path', branch: ref.branch, at, index }, gate);
}

function planAt(p: Plan, r: Reader): Date {
  if (p.type === 'timeout') return new Date(r.cursor!.awaiting!.timeoutAt);
  if (p.type === 'expire') return new Date((r.expiresAt ?? 0) * 1000);
  return p.at;
}

/**
 * A check-in is never a second question on top of a course question: it comes at least two days
 * after the last email that asked one, and not just before the next.
 */
function apartFromQuestions(r: Reader, on: string): string {
  const def = courseFor(r.courseVersion);
  let day = on;
  const asked = lastAskDate(r, def);
  if (asked && daysBetween(asked, day) < QUESTION_GAP_DAYS) day = addDays(asked, QUESTION_GAP_DAYS);
  const next = lessonPlan(r);
  if (next?.type === 'lesson' && next.branch) {
    const d = localDate(next.at, r.timezone);
    if (Math.abs(daysBetween(day, d)) < QUESTION_GAP_DAYS) day = addDays(d, QUESTION_GAP_DAYS);
  }
  return day;
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
  return { type: 'checkin', checkpoint: checkpointId(m), at: slot(r, apartFromQuestions(r, addMonths(r.enrolledOn, m))) };
}

/** The checkpoints (ids) a reader has not been sent yet. */
export function checkpointsToCome(r: Reader, cfg: Pick<Config, 'checkpoints'>): string[] {
  const sent = new Set(r.sends.filter((s) => s.kind === 'checkin').map((s) => s.ref));
  return [...cfg.checkpoints].sort((a, b) => a - b).map(checkpointId).filter((c) => !sent.has(c));
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

/**
 * Past the lessons the reader already has; completed when nothing is left. `at` is when that
 * happened (the send, or the move).
 */
function settle(r: Reader, at: string): Reader {
  if (!r.cursor) return r;
  const path = pathOf(courseFor(r.courseVersion), r.track, r.cursor.path);
  const index = nextUnreceived(path, r.cursor.index, receivedLessons(r));
  const next = index === r.cursor.index ? r : { ...r, cursor: { ...r.cursor, index } };
  const c = next.cursor!;
  const finished = !c.awaiting && !c.inserts.length && c.index >= path.length;
  if (finished && next.status === 'active') return { ...next, status: 'completed', completedAt: at };
  return next;
}

/** Moves the reader past what was just sent. */
export function afterSend(r: Reader, plan: Plan & { type: 'lesson' | 'checkin' }, record: SendRecord): Reader {
  const next: Reader = { ...r, sends: [...r.sends, record], sendSeq: record.seq, claim: undefined };
  if (plan.type === 'checkin' || !next.cursor) return next;
  const c: Cursor = { ...next.cursor, inserts: [...next.cursor.inserts] };
  if (plan.source === 'insert') c.inserts.shift();
  else if (plan.source === 'path') {
    c.index = (plan.index ?? c.index) + 1;
    c.arrived = undefined; // the first lesson after a move has said where the reader is now
  }
  if (plan.branch) {
    const branch = branchOf(r, plan.branch);
    c.awaiting = {
      branch: plan.branch,
      seq: record.seq,
      timeoutAt: timeoutOn(r, addDays(record.localDate, branch.timeoutDays)),
    };
  }
  next.cursor = c;
  return settle(next, record.at);
}

/** Far enough ahead that whatever comes next is due by then. */
const END_OF_TIME = new Date(8.64e15);

/**
 * A send SES took before the dispatcher could finish it (its Send marker, found once the claim
 * was stale), recorded whatever happened to the reader since. A reply or a choice may have landed
 * meanwhile: an interjection queued ahead of the claimed lesson, or a move to another path. The
 * claimed lesson is finished as what it was (the next path lesson, or a queued one, with its
 * question awaited); if the course no longer has it at all, the send is recorded and the course
 * stays where the change put it. A pause or an unsubscribe since changes none of that.
 */
export function afterRecoveredSend(r: Reader, record: SendRecord): Reader {
  const claim = r.claim;
  if (!claim) return r;
  if (claim.kind === 'checkin') return afterSend(r, { type: 'checkin', checkpoint: claim.ref, at: new Date(claim.at) }, record);
  const planned = (x: Reader) => {
    const p = planNext({ ...x, claim: undefined, status: 'active' }, END_OF_TIME, { checkpoints: [] });
    return p?.type === 'lesson' && p.lesson === claim.ref ? p : null;
  };
  const c = r.cursor;
  // Next as the course stands (nothing that matters changed since the claim).
  const asIs = planned(r);
  if (asIs) return afterSend(r, asIs, record);
  if (c) {
    // Still queued, behind an interjection queued since: taken out of the queue as sent.
    const i = c.inserts.findIndex((x) => x.lesson === claim.ref);
    if (i >= 0) {
      const first = { ...r, cursor: { ...c, inserts: [c.inserts[i]!, ...c.inserts.filter((_, j) => j !== i)] } };
      const p = planned(first);
      if (p) return afterSend(first, p, record);
    }
    // The path's next lesson, with what was queued since left to come after it.
    const p = planned({ ...r, cursor: { ...c, inserts: [] } });
    if (p) return afterSend(r, p, record);
  }
  return settle({ ...r, sends: [...r.sends, record], sendSeq: record.seq, claim: undefined }, record.at);
}

export function branchOf(r: Reader, id: string): Branch {
  const b = courseFor(r.courseVersion).branches[id];
  if (!b) throw new Error(`unknown branch ${id}`);
  return b;
}

export type ChoiceResult =
  | { changed: true; reader: Reader; choice: Choice; late: boolean }
  | { changed: false; reason: 'already' | 'closed' | 'unknown' };

/** Timed-out questions still worth remembering; only recent ones keep the course as it stood. */
function keptDefaults(c: Cursor, now: Date, withBefore: boolean): Cursor['defaults'] {
  return (c.defaults ?? [])
    .filter((d) => now.getTime() - Date.parse(d.at) <= DEFAULTS_KEPT_DAYS * DAY)
    .map((d) => (withBefore && now.getTime() - Date.parse(d.at) <= LATE_CLICK_DAYS * DAY ? d : { ...d, before: undefined }));
}

/** The course as it stood before a timeout's default (what happened since on its own stays: slips, interjections). */
function restore(r: Reader, before: NonNullable<Cursor['defaults'][number]['before']>): Reader {
  const c = r.cursor!;
  return {
    ...r,
    track: before.track as Track,
    cursor: {
      ...c,
      path: before.path,
      index: before.index,
      anchor: before.anchor,
      rounds: before.rounds,
      quietTimeouts: before.quietTimeouts,
      awaiting: undefined,
      arrived: undefined,
      inserts: c.inserts.filter((i) => !i.branch),
    },
  };
}

/**
 * Applies a branch choice. Only the send that asked (seq) can answer it, and only once: a repeated
 * or stale link changes nothing. `by: 'timeout'` applies the branch's default. A reader's own
 * click within LATE_CLICK_DAYS of a timeout replaces that default (the course goes back to where
 * it stood and follows the click); only the reader's own earlier click blocks it.
 */
export function applyChoice(
  r: Reader,
  input: { branch: string; choice?: string; seq: number; by: 'click' | 'timeout' | 'reply' | 'author' },
  now: Date,
): ChoiceResult {
  const c0 = r.cursor;
  if (!c0) return { changed: false, reason: 'already' };
  // A question the course answered by default, for a reader no longer getting lessons: closed, not "answered".
  const defaulted = (c0.defaults ?? []).some((x) => x.branch === input.branch && x.seq === input.seq);
  if (r.status !== 'active') return { changed: false, reason: defaulted && input.by === 'click' ? 'closed' : 'already' };
  const timeout = input.by === 'timeout';
  let base = r;
  let late = false;
  if (!c0.awaiting || c0.awaiting.branch !== input.branch || c0.awaiting.seq !== input.seq) {
    if (input.by !== 'click') return { changed: false, reason: 'already' };
    const d = keptDefaults(c0, now, true).find((x) => x.branch === input.branch && x.seq === input.seq);
    if (!d) return { changed: false, reason: 'already' };
    if (!d.before) return { changed: false, reason: 'closed' };
    late = true;
    if (d.choice === input.choice) {
      // The reader confirms what the course assumed: nothing moves, but it is their answer now.
      const choice = branchOf(r, input.branch).choices.find((x) => x.id === input.choice);
      if (!choice) return { changed: false, reason: 'unknown' };
      return { changed: true, late, choice, reader: { ...r, cursor: { ...c0, quietTimeouts: 0, defaults: keptDefaults(c0, now, false) } } };
    }
    base = restore(r, d.before);
  }
  const c = base.cursor!;
  const branch = branchOf(base, input.branch);
  const choiceId = timeout ? (c.quietTimeouts >= branch.maxTimeouts ? branch.finally : branch.onTimeout) : input.choice;
  const choice = branch.choices.find((x) => x.id === choiceId);
  if (!choice || (choice.hidden && !timeout)) return { changed: false, reason: 'unknown' };
  const day = today(base, now);
  let next: Reader = { ...base, cursor: { ...c, awaiting: undefined, quietTimeouts: timeout ? c.quietTimeouts + 1 : 0 } };
  if (choice.action.type === 'goto') next = moveTo(next, choice.action.to, day, choice.action.startNoContact, timeout);
  else {
    const a = choice.action;
    const askId = a.ask ?? branch.id;
    const asked = branchOf(base, askId);
    const lessons = [a.lesson, ...(a.then ?? [])];
    const round = (a.fresh ? 0 : (c.rounds ?? 0)) + 1;
    // Each re-ask in a row has its own lesson; after the last, ask whether to keep asking at all.
    const enough = asked.enough && round > lessons.length ? asked.enough : undefined;
    const lesson = enough ? enough.lesson : lessons[Math.min(round, lessons.length) - 1]!;
    // Asked again `days` after a click; after silence, `days` after the question itself, so
    // the quiet cadence stays steady (the timeout already waited).
    const askedOn = base.sends.find((s) => s.seq === input.seq)?.localDate ?? day;
    const on = timeout ? maxDate(day, addDays(askedOn, a.days)) : addDays(day, a.days);
    next.cursor = { ...next.cursor!, rounds: round, inserts: [...next.cursor!.inserts, { lesson, on, branch: enough ? enough.branch : askId }] };
  }
  const defaults = timeout
    ? [
        ...keptDefaults(c, now, true),
        {
          branch: branch.id,
          seq: input.seq,
          at: now.toISOString(),
          choice: choice.id,
          before: { track: base.track, path: c.path, index: c.index, anchor: c.anchor, rounds: c.rounds ?? 0, quietTimeouts: c.quietTimeouts },
        },
      ]
    : keptDefaults(c, now, false);
  next = { ...next, cursor: { ...next.cursor!, defaults } };
  return { changed: true, reader: settle(next, now.toISOString()), choice, late };
}

/**
 * Puts the reader at the start of a path (or a lesson in it), its first lesson due tomorrow. Every
 * move starts the question counts afresh: a new question is never answered by an old silence.
 */
export function moveTo(r: Reader, to: Target, day: string, startNoContact = false, quietly = false): Reader {
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
      quietTimeouts: 0,
      rounds: 0,
      noContactSince: startNoContact || !c.noContactSince ? day : c.noContactSince,
      arrived: to.track !== r.track ? { from: r.track, quietly } : c.arrived,
    },
  };
}

/** Switch track from the preferences page: start the new track after its welcome. */
export function switchTrack(r: Reader, track: Track, now: Date): Reader {
  if (!r.cursor || r.track === track) return { ...r, track };
  const main = pathOf(courseFor(r.courseVersion), track, 'main');
  const next = moveTo(r, { track, path: 'main', lesson: main[1]?.lesson }, today(r, now), true);
  // The reader's own move: no timed-out question can pull them back.
  const moved: Reader = { ...next, cursor: { ...next.cursor!, inserts: [], defaults: [] }, status: r.status === 'completed' ? 'active' : r.status };
  return settle(moved, now.toISOString());
}

/** Queue a lesson sent because of something the reader told us (a reply signal or a footer link). */
export function interject(r: Reader, kind: string, now: Date): Reader {
  const def = courseFor(r.courseVersion);
  const lesson = def.interjections[kind];
  if (!lesson || !r.cursor || r.status !== 'active') return r;
  const day = today(r, now);
  const c = { ...r.cursor };
  if (kind === 'broke-no-contact') c.noContactSince = day;
  // Never the same lesson again and again: each interjection goes out at most its number of times.
  const times = def.interjectionTimes?.[kind] ?? 1;
  const had = runSends(r).filter((s) => s.kind === 'lesson' && s.ref === lesson).length;
  if (!c.inserts.some((i) => i.lesson === lesson) && had < times) c.inserts = [{ lesson, on: day }, ...c.inserts];
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
  return settle(rescheduled({ ...r, status: 'active', pausedAt: undefined, cursor }, now), now.toISOString());
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
  return settle(rescheduled({ ...moved, cursor: { ...moved.cursor!, inserts: [], defaults: [] } }, now), now.toISOString());
}
