import type { Ctx } from '../context.js';
import type { startCourse } from '../course/engine.js';
import type { Reader } from '../db/readers.js';
import type { mutateReader } from '../readers/store.js';
import type { ConfirmResult, stoppedSince } from './confirm.js';
import type { asksForMore, confirmOrUndo, EnrollOutcome, resendRefused, withConfirmStamp } from './enroll.js';
import type { EnrollInput } from './input.js';

/**
 * A known reader asking, from a sign-up form, for something they do not have yet: the course while
 * newsletter-only, the newsletter while it is off. Anyone can type an address into a form, so the
 * request is only stored on the reader (`joining`) and a confirmation for exactly that change is
 * mailed to the address; the change is made only by that email's link.
 *
 * Loaded on first use (enroll.ts and confirm.ts import it when a request or a join link comes), so
 * the api's cold start does not carry it. It imports types only and is handed what it calls
 * (`JoinIo`, enroll.ts `joinIo`): a lazy module that imported the enrolment code itself would
 * share it with the cold start, and esbuild would split the cold start's chunks around it (that
 * cost more bytes at cold start than this file weighs).
 */
export type JoinRequest = NonNullable<Reader['joining']>;

export interface JoinIo {
  mutateReader: typeof mutateReader;
  startCourse: typeof startCourse;
  asksForMore: typeof asksForMore;
  resendRefused: typeof resendRefused;
  withConfirmStamp: typeof withConfirmStamp;
  confirmOrUndo: typeof confirmOrUndo;
  stoppedSince: typeof stoppedSince;
}

/** What a join link asks for, as the link carries it (`j`): never read from anywhere else. */
export type JoinAsk = { course: boolean; newsletter: boolean };

/** A join link's flag (`j`: c the course, n the newsletter, cn both; confirmation-email.ts writes it) read back. */
export function askOfFlag(flag: unknown): JoinAsk | undefined {
  if (flag !== 'c' && flag !== 'n' && flag !== 'cn') return undefined;
  return { course: flag.includes('c'), newsletter: flag.includes('n') };
}

/** What this sign-up asks for that the reader does not have, or null (nothing new: nothing is sent). */
export function joinRequest(io: JoinIo, r: Reader, input: EnrollInput, now: Date): JoinRequest | null {
  if (!io.asksForMore(r, input)) return null;
  const course = input.course && r.course === false;
  const newsletter = input.newsletter && !r.newsletter;
  return {
    ...(course
      ? { course: { firstName: input.firstName, situation: input.situation, timezone: input.timezone, sendHour: input.sendHour, followUpConsent: input.followUpConsent } }
      : {}),
    ...(newsletter ? { newsletter: true as const } : {}),
    at: now.toISOString(),
  };
}

/** Whether the reader already has everything a join link asked for (its second click). */
export const hasAll = (r: Reader, ask: JoinAsk) => (!ask.course || r.course !== false) && (!ask.newsletter || !!r.newsletter);

/**
 * The confirmed change, and nothing else. Joining the course starts it as a confirmation would
 * (check-ins count from this start: enrolledOn is the course's start) with the choices made on the
 * form, and keeps the newsletter as it was; joining the newsletter turns it on and leaves the course.
 */
export function applyJoin(io: Pick<JoinIo, 'startCourse'>, r: Reader, j: JoinRequest, now: Date): Reader {
  let next: Reader = { ...r, joining: undefined };
  if (j.newsletter && !next.newsletter) next = { ...next, newsletter: true, newsletterOnAt: now.toISOString() };
  if (j.course && next.course === false) {
    const c = j.course;
    next = io.startCourse({ ...next, ...c, track: c.situation, course: true, enrolledOn: undefined, cursor: undefined, pausedAt: undefined }, now);
  }
  return next;
}

/**
 * A known reader (active, paused or finished) asks from a form for what they do not have yet. The
 * request is stored on them, replacing any earlier one (whose link then applies nothing), and the
 * confirmation for exactly that change goes to the address, under the re-send limits of a sign-up.
 * Nothing about what they get changes until its link is clicked.
 */
export async function requestJoin(io: JoinIo, ctx: Ctx, existing: Reader, input: EnrollInput, now: Date): Promise<EnrollOutcome> {
  if (io.resendRefused(existing, now)) return 'rate-limited';
  let outcome: EnrollOutcome | undefined;
  const saved = await io.mutateReader(ctx, existing.id, (r) => {
    if (!knownStatus(r)) return (outcome = 'ignored'), null;
    // Judged again on the state being written over, as a re-send is: parallel requests send one email.
    const join = joinRequest(io, r, input, now);
    if (!join) return (outcome = 'already-active'), null;
    if (io.resendRefused(r, now)) return (outcome = 'rate-limited'), null;
    outcome = undefined;
    return { ...io.withConfirmStamp(r, now), joining: join };
  });
  if (outcome) return outcome;
  if (!saved?.joining) return 'ignored';
  await io.confirmOrUndo(ctx, saved, saved.joining);
  return 'join-sent';
}

const knownStatus = (r: Reader) => r.status === 'active' || r.status === 'paused' || r.status === 'completed';

/**
 * A join link clicked (confirm.ts sends it here): it applies only the request stored for it, the
 * one asked at the instant the link was issued. One a later request replaced (or already applied
 * and since undone) applies nothing; a link from before the reader left applies nothing either.
 */
export async function confirmJoin(io: JoinIo, ctx: Ctx, readerId: string, issuedAt: number, flag: unknown): Promise<ConfirmResult> {
  const ask = askOfFlag(flag);
  if (!ask) return { status: 'invalid' };
  const now = ctx.clock.now();
  const state: { result: ConfirmResult['status'] } = { result: 'already' };
  const reader = await io.mutateReader(ctx, readerId, (r) => {
    // Stopped since, or not in now (left, or came back by a fresh sign-up): nothing to apply. Nor
    // does a link for the newsletter issued before the reader last turned it off: that was later.
    const newsletterOffSince = ask.newsletter && !!r.newsletterOffAt && issuedAt < Date.parse(r.newsletterOffAt);
    if (io.stoppedSince(r, issuedAt) || !knownStatus(r) || newsletterOffSince) return (state.result = 'stopped'), null;
    if (r.joining && Date.parse(r.joining.at) === issuedAt) return (state.result = 'confirmed'), applyJoin(io, r, r.joining, now);
    state.result = hasAll(r, ask) ? 'already' : 'stale';
    return null;
  });
  if (!reader) return { status: 'gone' };
  return state.result === 'confirmed' || state.result === 'already' ? { status: state.result, reader, change: ask } : { status: state.result };
}
