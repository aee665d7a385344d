import type { Ctx } from '../context.js';
import { choose } from '../choices/record.js';
import { afterRecoveredSend, afterSend, CLAIM_STALE_MS, planNext, type Plan } from '../course/engine.js';
import { ConflictError } from '../db/errors.js';
import type { Reader, SendRecord } from '../db/readers.js';
import { getSentMark } from '../db/sent-marks.js';
import { drainStale, readerStore } from '../db/versioned.js';
import { expirePending } from '../enrollment/enroll.js';
import { AmbiguousSendError, PermanentSendError, SendingHalted, sendEmail, type SendGate } from '../mailer/send.js';
import { suppressAddress } from '../sending/suppression.js';
import { commitReader, mutateReader } from '../readers/store.js';
import { localDate } from '../shared/time.js';
import { askedOp } from '../outcomes/record.js';
import { buildEmail, type RenderCache } from './emails.js';

export type ReaderOutcome = (
  | { type: 'sent'; kind: 'lesson' | 'checkin'; ref: string; track: string }
  /** A send SES took in an earlier run, finished now from its Send event: `at` is when it went. */
  | { type: 'recovered'; kind: 'lesson' | 'checkin'; ref: string; track: string; at: string }
  | { type: 'skipped' | 'expired' | 'timeout' | 'failed' | 'rejected' | 'recovered' | 'halted' }
) & {
  /** When this reader is next due, if known. */
  dueAt?: string;
};

/**
 * One reader, one step: claim with a conditional write, send, finish. A crash or a second
 * dispatcher between claim and finish never sends twice (the claim blocks others until it goes
 * stale) and never skips (a stale claim is retried, unless SES reported the send).
 */
export interface DispatchOptions {
  /** The run's view of SES (see mailer/send.ts): an account fault stops every send of the run. */
  gate?: SendGate;
  /** The welcome, sent as the reader confirms: ahead of the dispatch in the send budget. */
  priority?: boolean;
}

export async function dispatchReader(ctx: Ctx, reader: Reader, cache: RenderCache, opts: DispatchOptions = {}): Promise<ReaderOutcome> {
  const now = ctx.clock.now();
  // A writer that crashed mid-drain left counter work behind: finish it on this visit.
  let r = await drainStale(ctx, readerStore, reader.id, reader);
  if (r.claim) {
    if (now.getTime() - Date.parse(r.claim.at) < CLAIM_STALE_MS) return { type: 'skipped', dueAt: r.dueAt };
    const messageId = await getSentMark(ctx, r.id, r.claim.seq);
    if (messageId !== null) return recoverSent(ctx, r, messageId);
  }
  const plan = planNext(r, now, ctx.config);
  if (!plan) return { type: 'skipped', dueAt: (r.claim ? await releaseClaim(ctx, r) : r).dueAt };
  if (plan.type === 'expire') return (await expirePending(ctx, r)) ? { type: 'expired' } : { type: 'skipped' };
  if (plan.type === 'timeout') {
    const res = await choose(ctx, r.id, { branch: plan.branch, seq: plan.seq, by: 'timeout' }, r);
    if (res.status !== 'applied') return { type: 'skipped' };
    // The default choice may make a lesson due this very tick (a re-ask): send it now, on the hour.
    const after = planNext(res.reader, now, ctx.config);
    if (after && (after.type === 'lesson' || after.type === 'checkin')) return dispatchReader(ctx, res.reader, cache, opts);
    return { type: 'timeout', dueAt: res.reader.dueAt };
  }
  const seq = r.claim?.seq ?? r.sendSeq + 1;
  const ref = plan.type === 'lesson' ? plan.lesson : plan.checkpoint;
  try {
    r = await commitReader(ctx, r, { ...r, claim: { seq, kind: plan.type, ref, at: now.toISOString() } });
  } catch (e) {
    if (e instanceof ConflictError) return { type: 'skipped' }; // someone else got there first
    throw e;
  }
  ctx.probe?.('after-claim');
  const email = await buildEmail(ctx, cache, r, plan, seq);
  let messageId: string;
  try {
    ({ messageId } = await sendEmail(ctx, email, { gate: opts.gate, priority: opts.priority }));
  } catch (e) {
    if (e instanceof PermanentSendError) return reject(ctx, r, e);
    // The account's fault, not the reader's: nobody is suppressed, the claim goes stale, the next run tries again.
    if (e instanceof SendingHalted) return { type: 'halted', dueAt: r.dueAt };
    // Maybe sent: never retried here. Once the claim is stale, the Send marker decides (recoverSent or a send).
    if (e instanceof AmbiguousSendError) ctx.log.warn('send may or may not have gone out; its claim goes stale and the SES Send event decides', { readerId: r.id, seq, error: e.code });
    else ctx.log.warn('send failed, claim left to go stale and be retried', { readerId: r.id, seq, error: (e as Error).name });
    return { type: 'failed', dueAt: r.dueAt };
  }
  ctx.probe?.('after-send');
  const record: SendRecord = {
    seq,
    kind: plan.type,
    ref,
    // The track at the time, for check-ins too: the by-track report files answers under it.
    track: plan.type === 'lesson' ? plan.track : r.track,
    at: now.toISOString(),
    localDate: localDate(now, r.timezone),
    messageId,
  };
  const done = await finish(ctx, r, plan, record);
  return { type: 'sent', kind: plan.type, ref, track: r.track, dueAt: done?.dueAt };
}

/**
 * A stale claim SES never took (no Send marker), on a reader with nothing to send now (paused or
 * stopped since): let it go. Kept, it would make the reader due on every run for good.
 */
async function releaseClaim(ctx: Ctx, r: Reader): Promise<Reader> {
  const seq = r.claim!.seq;
  return (await mutateReader(ctx, r.id, (cur) => (cur.claim?.seq === seq ? { ...cur, claim: undefined } : null), { current: r })) ?? r;
}

/** Finish the claim: fast path on the version we hold, else re-read (a pause may have landed). */
async function finish(
  ctx: Ctx,
  claimed: Reader,
  plan: Plan & { type: 'lesson' | 'checkin' },
  record: SendRecord,
): Promise<Reader | null> {
  const ops = askedOps(plan.type, plan.type === 'checkin' ? plan.checkpoint : '');
  try {
    return await commitReader(ctx, claimed, afterSend(claimed, plan, record), ops(claimed));
  } catch (e) {
    if (!(e instanceof ConflictError)) throw e;
    // Someone wrote since the claim (a reply, a click): the plan holds unless it moved the course.
    const apply = (cur: Reader) => (samePlace(cur, claimed) ? afterSend(cur, plan, record) : afterRecoveredSend(cur, record));
    return mutateReader(ctx, claimed.id, (cur) => (cur.claim?.seq === record.seq ? apply(cur) : null), { ops });
  }
}

/** A check-in counts as "asked" for the outcome report in the same write that records its send. */
const askedOps = (kind: string, checkpoint: string) => (r: Reader) => (kind === 'checkin' ? [askedOp(r, checkpoint)] : []);

/** Whether the course is where it was: same path and place, same lesson queued first. */
const samePlace = (a: Reader, b: Reader) =>
  a.cursor?.path === b.cursor?.path && a.cursor?.index === b.cursor?.index && a.cursor?.inserts[0]?.lesson === b.cursor?.inserts[0]?.lesson;

/**
 * SES took the message but we crashed before finishing: finish without sending again, whatever
 * changed since the claim (see afterRecoveredSend; giving up here once left the claim in place for
 * good, so the reader got nothing more and the email SES sent was never recorded).
 */
async function recoverSent(ctx: Ctx, r: Reader, messageId: string): Promise<ReaderOutcome> {
  const claim = r.claim!;
  const record: SendRecord = {
    seq: claim.seq,
    kind: claim.kind,
    ref: claim.ref,
    track: r.track,
    at: claim.at,
    localDate: localDate(new Date(claim.at), r.timezone),
    messageId,
  };
  const ops = askedOps(claim.kind, claim.ref);
  let finished = false;
  const done = await mutateReader(ctx, r.id, (cur) => ((finished = cur.claim?.seq === claim.seq) ? afterRecoveredSend(cur, record) : null), { ops, current: r });
  // Counted as sent once, by whoever records it (the run that sent it only heard a failure).
  if (!finished || (claim.kind !== 'lesson' && claim.kind !== 'checkin')) return { type: 'recovered', dueAt: done?.dueAt };
  return { type: 'recovered', kind: claim.kind, ref: claim.ref, track: record.track!, at: claim.at, dueAt: done?.dueAt };
}

/**
 * SES refused this address for good, or it is on the suppression list: the address goes on the
 * list (if it is not there yet) and the reader stops, with the claim released.
 */
async function reject(ctx: Ctx, r: Reader, e: PermanentSendError): Promise<ReaderOutcome> {
  ctx.log.warn('send rejected permanently', { readerId: r.id, code: e.code });
  const detail = e.code === 'OnSuppressionList' ? 'on the suppression list' : e.code;
  if (e.code !== 'OnSuppressionList') await suppressAddress(ctx, r.email, { reason: 'rejected', detail, readerId: r.id });
  await mutateReader(ctx, r.id, (cur) =>
    cur.claim || cur.status !== 'suppressed' ? { ...cur, claim: undefined, status: 'suppressed', suppressedReason: cur.status === 'suppressed' ? cur.suppressedReason : `rejected: ${detail}` } : null,
  );
  return { type: 'rejected' };
}
