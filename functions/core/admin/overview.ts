import { z } from 'zod';
import type { Ctx } from '../context.js';
import { countersBetween, readCounter } from '../db/counters.js';
import { ReaderStatus, Track } from '../db/readers.js';
import { countInBox } from '../db/replies.js';
import { countUnmatched } from '../db/unmatched.js';
import { nextDueAt } from '../dispatch/run.js';
import { READER_COUNTS_DIMS } from '../readers/store.js';
import { addDays } from '../shared/time.js';
import { SendingView, sendingView } from './sending.js';

const Count = z.number().int();
const Sent = z.object({ lesson: Count, checkin: Count });

/** The dashboard's first page and GET /api/admin/overview. */
export const Overview = z.object({
  now: z.string(),
  readers: z.object({
    total: Count,
    byStatus: z.record(z.string(), Count),
    byTrack: z.record(z.string(), Count),
    byStatusAndTrack: z.record(z.string(), z.record(z.string(), Count)).describe('status -> track -> count'),
  }),
  /** Lessons and check-ins sent in the last 7 and 30 UTC days (today included). */
  sent: z.object({ last7: Sent, last30: Sent }),
  replies: z.object({ awaitingReview: Count, unmatched: Count }),
  /** The earliest moment anything is due, if anything is. */
  nextDispatch: z.string().nullable(),
  /** Whether Mend is sending (halted by SES, paused), and the bounce and complaint rates. */
  sending: SendingView,
});
export type Overview = z.infer<typeof Overview>;

/** Readers by status and track: one counter item, kept exact by the reader outbox. */
async function readerCounts(ctx: Ctx): Promise<Overview['readers']> {
  const counts = await readCounter(ctx, 'readers', READER_COUNTS_DIMS);
  const byStatusAndTrack: Record<string, Record<string, number>> = {};
  const byStatus: Record<string, number> = {};
  const byTrack: Record<string, number> = {};
  for (const s of ReaderStatus.options) byStatusAndTrack[s] = Object.fromEntries(Track.options.map((t) => [t, 0]));
  for (const s of ReaderStatus.options) byStatus[s] = 0;
  for (const t of Track.options) byTrack[t] = 0;
  let total = 0;
  for (const [attr, n] of Object.entries(counts)) {
    const [status, track] = attr.split('#') as [string, string | undefined];
    if (!track) continue;
    (byStatusAndTrack[status] ??= {})[track] = n;
    byStatus[status] = (byStatus[status] ?? 0) + n;
    byTrack[track] = (byTrack[track] ?? 0) + n;
    total += n;
  }
  return { total, byStatus, byTrack, byStatusAndTrack };
}

/** Emails per UTC day: one Query over the last 30 day items of the SENT counter. */
async function sentCounts(ctx: Ctx): Promise<Overview['sent']> {
  const today = ctx.clock.now().toISOString().slice(0, 10);
  const week = addDays(today, -6);
  const sum = { last7: { lesson: 0, checkin: 0 }, last30: { lesson: 0, checkin: 0 } };
  for (const { dims: day, counts } of await countersBetween(ctx, 'sent', addDays(today, -29), today)) {
    const lesson = counts.lesson ?? 0;
    const checkin = counts.checkin ?? 0;
    sum.last30.lesson += lesson;
    sum.last30.checkin += checkin;
    if (day >= week) {
      sum.last7.lesson += lesson;
      sum.last7.checkin += checkin;
    }
  }
  return sum;
}

export async function overview(ctx: Ctx): Promise<Overview> {
  const [readers, sent, awaitingReview, unmatched, nextDispatch, sending] = await Promise.all([
    readerCounts(ctx),
    sentCounts(ctx),
    countInBox(ctx, 'unreviewed'),
    countUnmatched(ctx),
    nextDueAt(ctx),
    sendingView(ctx),
  ]);
  return { now: ctx.clock.now().toISOString(), readers, sent, replies: { awaitingReview, unmatched }, nextDispatch, sending };
}
