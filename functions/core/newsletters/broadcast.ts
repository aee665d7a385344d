import { z } from 'zod';
import { SendRequest, SendTiming } from './schemas.js';
import { systemClock } from '../clock.js';
import type { Ctx } from '../context.js';
import { nextLessonDate } from '../course/engine.js';
import { ConflictError } from '../db/errors.js';
import { dueSlotOf, type Batch, type Delivery } from '../db/newsletter-deliveries.js';
import { changeBatch, dueBatches, earliestBatch, getDeliveries, getDeliveryMarks, putBatches, putDeliveries } from '../db/newsletter-ledger.js';
import { type Issue, type Job } from '../db/newsletters.js';
import { dueJobs, getIssue, getJob, saveJob } from '../db/newsletter-issues.js';
import { getReaders, type Reader, type SubscriberSummary } from '../db/readers.js';
import { lessonsSending } from '../db/sending-state.js';
import { sendBulkEmail, SendGate, SendingHalted } from '../mailer/send.js';
import { broadcastsAllowed } from '../sending/state.js';
import { suppressAddress } from '../sending/suppression.js';
import { Conflict, NotFound } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { addDays, localDate, zonedInstant } from '../shared/time.js';
import { exclusionOf } from './consent.js';
import { bulkEntry, bulkTemplate, compiledNewsletter, issueParts } from './email.js';
import { countIssue } from './figures.js';
import { Segment } from './segment-schema.js';
import { evaluateSegment } from './segment.js';

/**
 * A broadcast is a durable job with a per-(issue, reader) ledger (db/newsletter-deliveries.ts):
 *
 * 1. Snapshot: the segment is evaluated once and every reader it means gets a ledger item, queued
 *    for their send time (the issue's time, or their own send hour in the day after it), or
 *    skipped with the reason. Nothing is sent until the whole list is written (a crash re-writes
 *    the same queued items), so nobody can be both sent and re-queued.
 * 2. Send: batches of at most 50 due items. Each item is claimed by a conditional write (queued ->
 *    claimed, or a stale claim -> a new claim); only claimed items go into a SendBulkEmail call;
 *    each is marked sent (or skipped, or queued again) after, by its own result. A second worker
 *    loses the claim race and skips; a crash after the claim leaves claims that go stale after
 *    10 minutes, when SES's Send marker decides (sent: finish without sending; none: send).
 * 3. Pause stops claiming; resume goes on from the ledger; cancel marks what was not sent.
 * The job's state is the issue's status: scheduled, sending, paused, sent, cancelled.
 */
export const CLAIM_STALE_MS = 10 * 60_000;
const BATCH = 50;
const SNAPSHOT_LEASE_MS = 5 * 60_000;
const MAX_TRIES = 3;
const RETRY_LATER_MS = 15 * 60_000;


/** POST /newsletters/:id/send: the job is created, scheduled for `at` (default: now). */
export async function scheduleSend(ctx: Ctx, issueId: string, req: SendRequest): Promise<Job> {
  const issue = await getIssue(ctx, issueId);
  if (!issue) throw new NotFound('No newsletter issue with this id');
  const now = ctx.clock.now().toISOString();
  const at = req.at ? new Date(req.at).toISOString() : now;
  const job: Job = {
    issueId,
    state: 'scheduled',
    segment: req.segment,
    at,
    localHour: req.localHour,
    avoidLessonDays: req.avoidLessonDays,
    recipients: 0,
    excluded: 0,
    nextAt: at,
    createdAt: now,
    ver: 0,
  };
  try {
    return await saveJob(ctx, job, null);
  } catch (e) {
    if (e instanceof ConflictError) throw new Conflict('This issue is already scheduled or sent; each issue goes out once (duplicate it to send again)');
    throw e;
  }
}

/** Re-reads and applies `change` until it lands (the author and the workers both write the job). */
async function updateJob(ctx: Ctx, issueId: string, change: (j: Job) => Job | null): Promise<Job | null> {
  for (let i = 0; i < 8; i++) {
    const cur = await getJob(ctx, issueId);
    if (!cur) return null;
    const next = change(structuredClone(cur));
    if (!next) return cur;
    try {
      return await saveJob(ctx, next, cur.ver);
    } catch (e) {
      if (!(e instanceof ConflictError)) throw e;
    }
  }
  throw new ConflictError(`broadcast job ${issueId}`);
}

export type Control = 'pause' | 'resume' | 'cancel';

/** Pause, resume or cancel, at any point. Conflict (409) when the issue is not in a state that allows it. */
export async function controlSend(ctx: Ctx, issueId: string, action: Control): Promise<Job> {
  const now = ctx.clock.now().toISOString();
  let refused: string | undefined;
  const job = await updateJob(ctx, issueId, (j) => {
    refused = undefined;
    if (action === 'pause') {
      if (j.state === 'paused') return null;
      if (j.state !== 'scheduled' && j.state !== 'sending') return (refused = `cannot pause an issue that is ${j.state}`), null;
      return { ...j, state: 'paused', pausedAt: now, nextAt: undefined };
    }
    if (action === 'resume') {
      if (j.state !== 'paused') return j.state === 'scheduled' || j.state === 'sending' ? null : ((refused = `cannot resume an issue that is ${j.state}`), null);
      return { ...j, state: j.snapshotAt ? 'sending' : 'scheduled', pausedAt: undefined, nextAt: j.at > now ? j.at : now };
    }
    if (j.state === 'cancelled') return null;
    if (j.state === 'sent') return (refused = 'cannot cancel an issue that is already sent'), null;
    // Listed now, so the next run marks every copy not yet sent as cancelled (in-flight claims finish first).
    return { ...j, state: 'cancelled', cancelledAt: now, nextAt: now };
  });
  if (!job) throw new NotFound('This issue was never scheduled');
  if (refused) throw new Conflict(refused);
  return job;
}

/** When a reader's copy goes: the issue's time, or the first time their own send hour comes round from then. */
export function sendTimeFor(job: Pick<Job, 'at' | 'localHour'>, r: Pick<SubscriberSummary, 'timezone' | 'sendHour'>): string {
  if (!job.localHour) return job.at;
  const tz = r.timezone ?? 'UTC';
  const hour = r.sendHour ?? 8;
  const at = new Date(job.at);
  const today = localDate(at, tz);
  let t = zonedInstant(today, hour, tz);
  if (t.getTime() < at.getTime()) t = zonedInstant(addDays(today, 1), hour, tz);
  return t.toISOString();
}

/** The reader's next day without a lesson, at their hour (a copy that would land on a lesson day waits for it). */
function nextFreeDay(r: Reader, today: string): string {
  return zonedInstant(addDays(today, 1), r.sendHour, r.timezone).toISOString();
}

/** Whether the reader gets (or got) a lesson on this local day. */
export function lessonDay(r: Reader, day: string): boolean {
  if (r.sends.some((s) => s.kind === 'lesson' && s.localDate === day)) return true;
  const next = nextLessonDate(r);
  return !!next && next <= day;
}

export interface BroadcastReport {
  jobs: number;
  sent: number;
  stopped?: 'paused' | 'halted' | 'deadline';
}

export interface BroadcastOptions {
  remainingMs?: () => number;
  marginMs?: number;
  /** How long to wait for lesson runs to finish before leaving the rest to the next run (real ms). */
  lessonWaitMs?: number;
  /** Batches of 50 sent at once (each its own claims and SendBulkEmail call, all within the send budget). */
  batchesInFlight?: number;
}

/** Four SendBulkEmail calls in flight keep SES and DynamoDB busy while each batch's writes complete. */
export const BATCHES_IN_FLIGHT = 4;

/**
 * One run of every broadcast with work due (the cron calls it after the lesson dispatch). Stops
 * claiming when little time is left; what is left stays queued for the next run.
 */
export async function runBroadcasts(ctx: Ctx, opts: BroadcastOptions = {}): Promise<BroadcastReport> {
  const now = ctx.clock.now().toISOString();
  const jobs = await dueJobs(ctx, now);
  const report: BroadcastReport = { jobs: jobs.length, sent: 0 };
  if (!jobs.length) return report;
  const allowed = await broadcastsAllowed(ctx);
  const margin = opts.marginMs ?? 30_000;
  const timeShort = () => !!opts.remainingMs && opts.remainingMs() < margin;
  const gate = new SendGate();
  for (const job of jobs) {
    if (job.state === 'cancelled') {
      await settleCancelled(ctx, job);
      continue;
    }
    if (!allowed.allowed) {
      // The author or the reputation guard paused broadcasts: nothing is claimed, everything stays queued.
      report.stopped = 'paused';
      continue;
    }
    if (timeShort()) return { ...report, stopped: 'deadline' };
    let current: Job | null = job;
    if (current.state === 'scheduled') current = await snapshot(ctx, current);
    if (!current || current.state !== 'sending') continue;
    try {
      report.sent += await sendDue(ctx, current, gate, { ...opts, timeShort });
    } catch (e) {
      if (e instanceof SendingHalted) return { ...report, stopped: 'halted' };
      throw e;
    }
    if (timeShort()) report.stopped = 'deadline';
  }
  return report;
}

/** Step 1: the recipient list, once, by one worker (a lease on the job), before anything is sent. */
async function snapshot(ctx: Ctx, job: Job): Promise<Job | null> {
  const owner = newId();
  const now = ctx.clock.now();
  const leased = await updateJob(ctx, job.issueId, (j) => {
    if (j.state !== 'scheduled') return null;
    if (j.lease && Date.parse(j.lease.until) > now.getTime() && j.lease.owner !== owner) return null;
    return { ...j, lease: { owner, until: new Date(now.getTime() + SNAPSHOT_LEASE_MS).toISOString() } };
  });
  if (!leased || leased.state !== 'scheduled' || leased.lease?.owner !== owner) return leased;
  const seg = await evaluateSegment(ctx, job.segment);
  // Batches of readers due at the same moment (the issue's time, or each reader's own hour), at most 50 each.
  const byTime = new Map<string, string[]>();
  for (const r of seg.recipients) {
    const at = sendTimeFor(job, r);
    byTime.set(at, [...(byTime.get(at) ?? []), r.id]);
  }
  const batches: Batch[] = [];
  const batchOf = new Map<string, string>();
  for (const [at, ids] of [...byTime].sort(([a], [b]) => (a < b ? -1 : 1)))
    for (let i = 0; i < ids.length; i += BATCH) {
      // Deterministic ids: a snapshot written again after a crash rewrites the same items.
      const batchId = `s${String(batches.length).padStart(6, '0')}`;
      const readerIds = ids.slice(i, i + BATCH);
      for (const id of readerIds) batchOf.set(id, batchId);
      batches.push({ issueId: job.issueId, batchId, state: 'queued', readerIds, notBefore: at, dueSlot: dueSlotOf(at, batchId) });
    }
  const items: Delivery[] = [
    ...seg.recipients.map((r): Delivery => ({ issueId: job.issueId, readerId: r.id, state: 'queued', recipient: true, notBefore: sendTimeFor(job, r), batch: batchOf.get(r.id), deferrals: 0, tries: 0 })),
    ...seg.excluded.map(
      ({ reader, reason }): Delivery => ({ issueId: job.issueId, readerId: reader.id, state: 'skipped', reason, recipient: false, notBefore: job.at, deferrals: 0, tries: 0 }),
    ),
  ];
  await putDeliveries(ctx, items);
  await putBatches(ctx, batches);
  const done = await updateJob(ctx, job.issueId, (j) =>
    j.state === 'scheduled' || (j.state === 'paused' && !j.snapshotAt)
      ? {
          ...j,
          state: j.state === 'paused' ? 'paused' : 'sending',
          snapshotAt: now.toISOString(),
          startedAt: now.toISOString(),
          recipients: seg.recipients.length,
          excluded: seg.excluded.length,
          lease: undefined,
          nextAt: j.state === 'paused' ? undefined : j.at,
        }
      : null,
  );
  if (done?.snapshotAt === now.toISOString()) await countIssue(ctx, job.issueId, { recipients: seg.recipients.length, skipped: seg.excluded.length });
  ctx.log.info('broadcast snapshot', { issueId: job.issueId, recipients: seg.recipients.length, excluded: seg.excluded.length, batches: batches.length });
  return done;
}

/** Step 2: the due copies, batch by batch, while the job is still sending and time remains. */
async function sendDue(ctx: Ctx, job: Job, gate: SendGate, opts: BroadcastOptions & { timeShort: () => boolean }): Promise<number> {
  const issue = await getIssue(ctx, job.issueId);
  if (!issue) return 0;
  const compiled = await compiledNewsletter();
  const parts = await issueParts(issue);
  const tmpl = bulkTemplate(ctx, compiled, parts);
  let sent = 0;
  for (;;) {
    const cur = await getJob(ctx, job.issueId);
    if (!cur || cur.state !== 'sending') return sent; // paused or cancelled meanwhile: claim nothing more
    if (opts.timeShort()) break;
    if (!(await waitForLessons(ctx, opts.lessonWaitMs ?? 60_000))) break;
    const now = ctx.clock.now();
    const width = Math.max(1, opts.batchesInFlight ?? BATCHES_IN_FLIGHT);
    const batches = await dueBatches(ctx, job.issueId, now.toISOString(), width);
    if (!batches.length) break;
    // Every batch settles before the next round (or before an error leaves this run): nothing runs on behind it.
    const results = await Promise.allSettled(batches.map((b) => sendBatch(ctx, issue, cur, b, tmpl, gate)));
    for (const r of results) if (r.status === 'fulfilled') sent += r.value;
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
  await finishIfDone(ctx, job.issueId);
  return sent;
}

/** Lessons before broadcasts: while a dispatch run is sending lessons, wait (up to `maxMs`, real time). */
async function waitForLessons(ctx: Ctx, maxMs: number): Promise<boolean> {
  const start = systemClock.now().getTime();
  while (await lessonsSending(ctx, systemClock.now().getTime())) {
    if (systemClock.now().getTime() - start > maxMs) return false;
    await new Promise((r) => setTimeout(r, 200));
  }
  return true;
}

/** The job is sent once no batch is queued or claimed; else it is listed again for its next due batch. */
async function finishIfDone(ctx: Ctx, issueId: string): Promise<void> {
  const next = await earliestBatch(ctx, issueId);
  const now = ctx.clock.now().toISOString();
  await updateJob(ctx, issueId, (j) => {
    if (j.state !== 'sending') return null;
    if (!next) return { ...j, state: 'sent', finishedAt: now, nextAt: undefined };
    return j.nextAt === next ? null : { ...j, nextAt: next };
  });
}

type Tmpl = ReturnType<typeof bulkTemplate>;

/**
 * One batch: claimed with one conditional write; its copies are those whose ledger item still
 * names it and is queued; each is sent, skipped (with why), deferred or retried later (into a new
 * batch), and the ledger is written back in batch writes. A stale claim first finishes, from SES's
 * Send markers, whatever SES had already taken.
 */
async function sendBatch(ctx: Ctx, issue: Issue, job: Job, batch: Batch, tmpl: Tmpl, gate: SendGate): Promise<number> {
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const staleAt = new Date(now.getTime() + CLAIM_STALE_MS).toISOString();
  const tally = { sent: 0, skipped: 0, failed: 0, deferred: 0, cancelled: 0 };
  // The claim: only the worker whose conditional write lands sends this batch.
  if (!(await changeBatch(ctx, batch, { state: 'claimed', claimedAt: nowIso, dueSlot: dueSlotOf(staleAt, batch.batchId) }))) return 0;
  const claimed: Batch = { ...batch, state: 'claimed', claimedAt: nowIso };
  // The ledger decides which copies are this batch's: a batch list can be stale (a snapshot written
  // again after a crash, copies moved to a later batch), the ledger item's `batch` never is.
  const mine = (await getDeliveries(ctx, issue.id, batch.readerIds)).filter((d) => d.state === 'queued' && d.batch === batch.batchId);
  const marks = batch.state === 'claimed' && mine.length ? await getDeliveryMarks(ctx, issue.id, mine.map((d) => d.readerId)) : new Map<string, string>();
  const readers = new Map((await getReaders(ctx, mine.map((d) => d.readerId))).map((r) => [r.id, r]));
  const updates: Delivery[] = [];
  const later = new Map<string, Delivery[]>(); // copies moved to a new batch, by their new time
  const moveTo = (d: Delivery, at: string, change: Partial<Delivery>) => later.set(at, [...(later.get(at) ?? []), { ...d, ...change, notBefore: at }]);
  const toSend: { d: Delivery; r: Reader }[] = [];
  for (const d of mine) {
    const mark = marks.get(d.readerId);
    if (mark) {
      // SES took it before a crash: finished without sending again.
      updates.push({ ...d, state: 'sent', messageId: mark, sentAt: batch.claimedAt });
      tally.sent++;
      continue;
    }
    const r = readers.get(d.readerId);
    const why = r ? exclusionOf(r) : 'gone';
    if (why) {
      // Unsubscribed, turned the newsletter off or suppressed since the snapshot: skipped, with the reason.
      updates.push({ ...d, state: 'skipped', reason: why });
      tally.skipped++;
      continue;
    }
    const today = localDate(now, r!.timezone);
    if (job.avoidLessonDays && r!.course !== false && lessonDay(r!, today)) {
      moveTo(d, nextFreeDay(r!, today), { deferrals: d.deferrals + 1 });
      tally.deferred++;
      continue;
    }
    toSend.push({ d, r: r! });
  }
  if (toSend.length) {
    await ctx.probe?.('after-claim');
    // Halted (SendingHalted) propagates: nothing more is sent this run; the claim goes stale and the markers decide.
    const results = await sendBulkEmail(ctx, { ...tmpl, kind: 'newsletter', ref: issue.id, entries: toSend.map(({ r }) => bulkEntry(ctx, issue, r)) }, { gate });
    await ctx.probe?.('after-send');
    const byKey = new Map(toSend.map((c) => [c.r.id, c]));
    let maybe = false;
    for (const res of results) {
      const c = byKey.get(res.key)!;
      if (res.status === 'sent') {
        updates.push({ ...c.d, state: 'sent', messageId: res.messageId, sentAt: nowIso });
        tally.sent++;
      } else if (res.status === 'rejected') {
        if (res.error.code !== 'OnSuppressionList') await suppressAddress(ctx, c.r.email, { reason: 'rejected', detail: res.error.code, readerId: c.r.id });
        updates.push({ ...c.d, state: 'skipped', reason: res.error.code === 'OnSuppressionList' ? 'suppressed' : 'rejected' });
        tally.skipped++;
      } else if (res.maybe) {
        // Maybe sent: never resent here. The batch's claim goes stale and SES's Send marker decides.
        maybe = true;
        ctx.log.warn('newsletter copy may or may not have gone out; its batch claim goes stale and the Send event decides', { issueId: issue.id, readerId: c.r.id });
      } else if (c.d.tries + 1 >= MAX_TRIES) {
        updates.push({ ...c.d, state: 'failed', reason: 'failed', tries: c.d.tries + 1 });
        tally.failed++;
      } else moveTo(c.d, new Date(now.getTime() + RETRY_LATER_MS).toISOString(), { tries: c.d.tries + 1 });
    }
    if (maybe) {
      await writeBack(ctx, issue.id, updates, later);
      await countIssue(ctx, issue.id, tally);
      return tally.sent; // the batch stays claimed: its stale claim finishes the ambiguous copies
    }
  }
  await writeBack(ctx, issue.id, updates, later);
  await changeBatch(ctx, claimed, { state: 'done', dueSlot: null });
  await countIssue(ctx, issue.id, tally);
  return tally.sent;
}

/** New batches for copies that wait (a lesson day, a retry), then every changed ledger item. */
async function writeBack(ctx: Ctx, issueId: string, updates: Delivery[], later: Map<string, Delivery[]>): Promise<void> {
  const batches: Batch[] = [];
  for (const [at, ds] of later)
    for (let i = 0; i < ds.length; i += BATCH) {
      const batchId = `m${newId(10)}`;
      const part = ds.slice(i, i + BATCH);
      batches.push({ issueId, batchId, state: 'queued', readerIds: part.map((d) => d.readerId), notBefore: at, dueSlot: dueSlotOf(at, batchId) });
      for (const d of part) updates.push({ ...d, state: 'queued', batch: batchId });
    }
  // The new batches first: a crash before the ledger names them leaves them empty (their copies stay with this batch).
  await putBatches(ctx, batches);
  await putDeliveries(ctx, updates);
}

/** Step 3 for a cancelled job: every copy not sent is marked cancelled; a stale claim's copies that SES took count as sent. */
async function settleCancelled(ctx: Ctx, job: Job): Promise<void> {
  const now = ctx.clock.now();
  for (;;) {
    // Everything still listed, whatever its time: a cancelled issue sends nothing more.
    const listed = await dueBatches(ctx, job.issueId, '9999-12-31T00:00:00.000Z', 20);
    const settle = listed.filter((b) => b.state === 'queued' || (b.claimedAt && now.getTime() - Date.parse(b.claimedAt) >= CLAIM_STALE_MS));
    if (!settle.length) break;
    for (const b of settle) {
      const mine = (await getDeliveries(ctx, job.issueId, b.readerIds)).filter((d) => d.state === 'queued' && d.batch === b.batchId);
      const marks = b.state === 'claimed' && mine.length ? await getDeliveryMarks(ctx, job.issueId, mine.map((d) => d.readerId)) : new Map<string, string>();
      const updates = mine.map((d): Delivery => {
        const mark = marks.get(d.readerId);
        return mark ? { ...d, state: 'sent', messageId: mark, sentAt: b.claimedAt } : { ...d, state: 'cancelled', reason: 'cancelled' };
      });
      await putDeliveries(ctx, updates);
      if (await changeBatch(ctx, b, { state: 'cancelled', dueSlot: null }))
        await countIssue(ctx, job.issueId, { sent: updates.filter((u) => u.state === 'sent').length, cancelled: updates.filter((u) => u.state === 'cancelled').length });
    }
    if (settle.length < listed.length) break; // the rest are fresh claims: their workers finish them
  }
  const left = await earliestBatch(ctx, job.issueId);
  await updateJob(ctx, job.issueId, (j) => (j.state === 'cancelled' ? { ...j, nextAt: left ? new Date(Math.max(Date.parse(left), now.getTime())).toISOString() : undefined, finishedAt: left ? undefined : now.toISOString() } : null));
}

export { SendRequest, SendTiming } from './schemas.js';
