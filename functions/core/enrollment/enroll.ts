import type { Ctx } from '../context.js';
import { DAY, MINUTE } from '../clock.js';
import { claimEmail, releaseEmail } from '../db/email-lookups.js';
import { ConflictError } from '../db/errors.js';
import { deleteReader, getReader, type Reader } from '../db/readers.js';
import { newId } from '../shared/ids.js';
import { Unavailable } from '../shared/errors.js';
import { isSuppressed } from '../sending/suppression.js';
import { commitReader, mutateReader } from '../readers/store.js';
import { sendConfirmation } from './confirmation-email.js';
import { AmbiguousSendError } from '../sending/errors.js';
import type { EnrollInput } from './input.js';
import type { JoinIo } from './join.js';
import { stoppedSince } from './confirm.js';
import { startCourse } from '../course/engine.js';

export const PENDING_TTL = 7 * DAY;
/** Re-sends of the confirmation: at most one per 10 minutes and five per day. */
const RESEND_GAP = 10 * MINUTE;
const RESEND_PER_DAY = 5;

/** Why a sign-up answered 503 must wait for the re-send gap (the page says so: api/pages/errors.ts). */
export const CONFIRMATION_HELD = 'confirmation-held';
/** SES may have sent the confirmation (its answer was lost): the person looks in their inbox first (api/pages/errors.ts). */
export const CONFIRMATION_UNSURE = 'confirmation-unsure';

/** `join-sent`: a known reader asked for something they do not have yet; its own confirmation went (join.ts). */
export type EnrollOutcome = 'sent' | 'resent' | 'join-sent' | 'rate-limited' | 'already-active' | 'ignored' | 'suppressed';

/**
 * Double opt-in. The caller answers 202 whatever this returns: the outcome is for tests and logs,
 * never for the person at the form (no address enumeration). Parallel sign-ups of one address
 * send one confirmation: only the request that creates the reader sends; every other one goes
 * through the re-send rules, judged on the stored state inside the conditional write.
 */
export async function enroll(ctx: Ctx, input: EnrollInput): Promise<EnrollOutcome> {
  // On the suppression list: nothing is created or sent, and the person is told (issue 12).
  if (await isSuppressed(ctx, input.email)) return 'suppressed';
  const now = ctx.clock.now();
  const ownerId = await claimEmail(ctx, input.email, newId());
  const existing = await getReader(ctx, ownerId);
  if (!existing) {
    // New address, or a crash left the email claim without its reader: create it now.
    const fresh = pendingReader(ownerId, input, now);
    let saved: Reader;
    try {
      saved = await commitReader(ctx, null, fresh);
    } catch (e) {
      if (!(e instanceof ConflictError)) throw e;
      // A concurrent sign-up for the same address created it first (and sent its confirmation).
      const theirs = await getReader(ctx, ownerId);
      return theirs ? again(ctx, theirs, input, now) : 'ignored';
    }
    await confirmOrUndo(ctx, saved);
    return 'sent';
  }
  return again(ctx, existing, input, now);
}

/** A sign-up for an address we know: what its reader's state allows. */
function again(ctx: Ctx, existing: Reader, input: EnrollInput, now: Date): Promise<EnrollOutcome> | EnrollOutcome {
  switch (existing.status) {
    case 'active':
    case 'paused':
    case 'completed':
      // Something new asked for (the course while newsletter-only, the newsletter while off): its own
      // confirmation (join.ts, loaded when needed: the api's cold start does not carry it).
      return asksForMore(existing, input) ? import('./join.js').then((j) => j.requestJoin(joinIo(), ctx, existing, input, now)) : 'already-active';
    case 'suppressed':
      // The address bounced or complained: mailing it again would hurt the sender's reputation.
      return 'ignored';
    case 'pending':
    case 'unsubscribed':
      return resend(ctx, existing, input, now);
  }
}

/** Whether a sign-up asks a known reader's address for what it does not have: the course, or the newsletter. */
export function asksForMore(r: Reader, input: EnrollInput): boolean {
  return (input.course && r.course === false) || (input.newsletter && !r.newsletter);
}

/**
 * The send is recorded before it happens (so a crash cannot cause a second email). If SES fails,
 * the record is taken back so the person's next try is not rate-limited, and they are told.
 */
export async function confirmOrUndo(ctx: Ctx, r: Reader, join?: NonNullable<Reader['joining']>): Promise<void> {
  try {
    await sendConfirmation(ctx, r, join);
  } catch (e) {
    if (e instanceof AmbiguousSendError) {
      // SES may well have sent it: its stamp and any join request stay (the link in it must work, and
      // the re-send gap keeps a second copy from following at once), and the person is told just that.
      ctx.log.warn('confirmation may or may not have gone out', { readerId: r.id, error: e.code });
      throw new Unavailable(
        `We asked for your confirmation email to be sent but did not hear back that it went. Please look in your inbox (and spam folder) over the next few minutes; if nothing has arrived, send the form again in ${RESEND_GAP / MINUTE} minutes and we will send another.`,
        { retryAfter: RESEND_GAP / 1000, reason: CONFIRMATION_UNSURE },
      );
    }
    ctx.log.error('confirmation email failed', { readerId: r.id, error: (e as Error).name });
    const stamp = r.confirmSentAt.at(-1);
    // A join request whose email never went has no link that could apply it: it goes too.
    const undo = (cur: Reader): Reader => ({
      ...cur,
      confirmSentAt: cur.confirmSentAt.filter((t) => t !== stamp),
      ...(join && cur.joining?.at === join.at ? { joining: undefined } : {}),
    });
    const undone = await mutateReader(ctx, r.id, undo).then(
      () => true,
      (u: Error) => (ctx.log.error('confirmation stamp not taken back', { readerId: r.id, error: u.name }), false),
    );
    if (undone) throw new Unavailable('We could not send the confirmation email just now. Nothing was lost; please try again in a few minutes.', { retryAfter: 60 });
    // The database failed too, so the stamp stays and the re-send rules hold the next try back:
    // say when it will work (a 202 that sends nothing would be worse than waiting).
    throw new Unavailable(
      `We could not send the confirmation email just now. Your sign-up is kept; please try again in ${RESEND_GAP / MINUTE} minutes and we will send it then.`,
      { retryAfter: RESEND_GAP / 1000, reason: CONFIRMATION_HELD },
    );
  }
}

function pendingReader(id: string, input: EnrollInput, now: Date): Reader {
  return {
    id,
    email: input.email,
    firstName: input.firstName,
    situation: input.situation,
    track: input.situation,
    timezone: input.timezone,
    sendHour: input.sendHour,
    followUpConsent: input.followUpConsent,
    followUpStopped: false,
    newsletter: input.newsletter,
    ...(input.newsletter ? { newsletterOnAt: now.toISOString() } : {}),
    course: input.course,
    status: 'pending',
    createdAt: now.toISOString(),
    confirmSentAt: [now.toISOString()],
    // The scheduler visits pending sign-ups once, when this passes (see computeDueAt).
    expiresAt: Math.floor((now.getTime() + PENDING_TTL) / 1000),
    sendSeq: 0,
    sends: [],
    repliedSeqs: [],
    outbox: [],
    ver: 0,
  };
}

/** Whether the re-send rules allow another confirmation now, by the stamps stored on the reader. */
export function resendRefused(r: Reader, now: Date): boolean {
  const recent = r.confirmSentAt.filter((t) => now.getTime() - Date.parse(t) < DAY);
  const last = recent.at(-1);
  return (!!last && now.getTime() - Date.parse(last) < RESEND_GAP) || recent.length >= RESEND_PER_DAY;
}

/** The reader with this confirmation's send recorded (the stamps of the last day are all the limits read). */
export function withConfirmStamp(r: Reader, now: Date): Reader {
  const recent = r.confirmSentAt.filter((t) => now.getTime() - Date.parse(t) < DAY);
  return { ...r, confirmSentAt: [...recent, now.toISOString()] };
}

/**
 * What join.ts (loaded on first use, importing nothing itself) is handed to do its work. Built on
 * call: confirm.ts and this module import each other, so nothing here reads the other at load.
 */
export function joinIo(): JoinIo {
  return { mutateReader, startCourse, asksForMore, resendRefused, withConfirmStamp, confirmOrUndo, stoppedSince };
}

async function resend(ctx: Ctx, existing: Reader, input: EnrollInput, now: Date): Promise<EnrollOutcome> {
  if (resendRefused(existing, now)) return 'rate-limited';
  const wasUnsubscribed = existing.status === 'unsubscribed';
  let outcome: EnrollOutcome | undefined;
  const saved = await mutateReader(ctx, existing.id, (r) => {
    if (r.status !== 'pending' && r.status !== 'unsubscribed') return (outcome = 'ignored'), null;
    // Judged again on the state being written over: of two parallel re-sends, the second sees the
    // first one's stamp here (its conditional write failed and it re-read), so only one is sent.
    if (resendRefused(r, now)) return (outcome = 'rate-limited'), null;
    outcome = undefined;
    // A new submission updates the choices: the person may be correcting them.
    return {
      ...withConfirmStamp(r, now),
      firstName: input.firstName,
      situation: input.situation,
      track: input.situation,
      timezone: input.timezone,
      sendHour: input.sendHour,
      followUpConsent: input.followUpConsent,
      newsletter: input.newsletter,
      ...(input.newsletter && !r.newsletter ? { newsletterOnAt: now.toISOString(), newsletterOffAt: undefined } : {}),
      course: input.course,
      // A returning reader confirms the sign-up as it is now; a join asked before they left is void.
      joining: undefined,
      // A returning reader stays 'unsubscribed' until they confirm again.
      ...(r.status === 'pending'
        ? { expiresAt: Math.floor((now.getTime() + PENDING_TTL) / 1000) }
        : {}),
    };
  });
  if (outcome) return outcome;
  if (!saved) return 'ignored';
  await confirmOrUndo(ctx, saved);
  return wasUnsubscribed ? 'sent' : 'resent';
}

/**
 * An unsubscribed reader asks to come back from their preferences page: a fresh double opt-in with
 * the choices they had, under the same limits as signing up again on the front page.
 */
export async function requestComeBack(ctx: Ctx, readerId: string): Promise<EnrollOutcome> {
  const r = await getReader(ctx, readerId);
  if (!r || r.status !== 'unsubscribed') return 'ignored';
  const input: EnrollInput = {
    email: r.email,
    firstName: r.firstName,
    situation: r.situation,
    timezone: r.timezone,
    sendHour: r.sendHour,
    followUpConsent: r.followUpConsent,
    newsletter: !!r.newsletter,
    course: r.course !== false,
  };
  return resend(ctx, r, input, ctx.clock.now());
}

/**
 * Called by the scheduler when a pending sign-up's week is up (dynalite has no TTL; in AWS the
 * TTL may get there first, which is fine). Marking it deleted first makes the counter update
 * happen once even if we crash before the delete.
 */
export async function expirePending(ctx: Ctx, r: Reader): Promise<boolean> {
  if (r.status !== 'pending' || !r.expiresAt || r.expiresAt * 1000 > ctx.clock.now().getTime()) return false;
  const marked = r.deletedAt ? r : await commitReader(ctx, r, { ...r, deletedAt: ctx.clock.now().toISOString() });
  await deleteReader(ctx, marked);
  await releaseEmail(ctx, r.email, r.id);
  return true;
}
