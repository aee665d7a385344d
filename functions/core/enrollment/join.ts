import { startCourse } from '../course/engine.js';
import type { Reader } from '../db/readers.js';
import type { EnrollInput } from './input.js';

/**
 * A known reader asking, from a sign-up form, for something they do not have yet: the course while
 * newsletter-only, the newsletter while it is off. Anyone can type an address into a form, so the
 * request is only stored on the reader (`joining`) and a confirmation for exactly that change is
 * mailed to the address; the change is made only by that email's link (enroll.ts, confirm.ts).
 */
export type JoinRequest = NonNullable<Reader['joining']>;

/** What a join link asks for, as the link carries it (`j`): never read from anywhere else. */
export type JoinAsk = { course: boolean; newsletter: boolean };

/** The token flag of a join link: c (the course), n (the newsletter), cn (both). */
export const joinFlag = (j: JoinRequest): string => `${j.course ? 'c' : ''}${j.newsletter ? 'n' : ''}`;

/** A join link's flag read back; undefined for a plain confirmation link (or a flag no join makes). */
export function askOfFlag(flag: unknown): JoinAsk | undefined {
  if (flag !== 'c' && flag !== 'n' && flag !== 'cn') return undefined;
  return { course: flag.includes('c'), newsletter: flag.includes('n') };
}

/** What this sign-up asks for that the reader does not have, or null (nothing new: nothing is sent). */
export function joinRequest(r: Reader, input: EnrollInput, now: Date): JoinRequest | null {
  const course = input.course && r.course === false;
  const newsletter = input.newsletter && !r.newsletter;
  if (!course && !newsletter) return null;
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
export function applyJoin(r: Reader, j: JoinRequest, now: Date): Reader {
  let next: Reader = { ...r, joining: undefined };
  if (j.newsletter && !next.newsletter) next = { ...next, newsletter: true, newsletterOnAt: now.toISOString() };
  if (j.course && next.course === false) {
    const c = j.course;
    next = startCourse({ ...next, ...c, track: c.situation, course: true, enrolledOn: undefined, cursor: undefined, pausedAt: undefined }, now);
  }
  return next;
}
