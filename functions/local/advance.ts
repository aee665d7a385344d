import type { Ctx } from '../core/context.js';
import { MINUTE, type SettableClock } from '../core/clock.js';
import { nextDueAt, runDispatch } from '../core/dispatch/run.js';
import { earliestJob } from '../core/db/newsletter-issues.js';
import { runBroadcasts } from '../core/newsletters/broadcast.js';

/** The cron's period in AWS; the dev clock ticks on the same boundaries. */
export const TICK_MS = 15 * MINUTE;
const ceilTick = (ms: number) => Math.ceil(ms / TICK_MS) * TICK_MS;

export interface AdvanceReport {
  from: string;
  now: string;
  ticks: number;
  sent: number;
}

/** The earliest moment a lesson, a check-in or a broadcast has work. */
async function nextWork(ctx: Ctx): Promise<string | null> {
  const [lessons, broadcasts] = await Promise.all([nextDueAt(ctx), earliestJob(ctx)]);
  return [lessons, broadcasts].filter((x): x is string => !!x).sort()[0] ?? null;
}

/**
 * Moves app time forward and runs every scheduled job that falls due on the way, on the cron's
 * 15-minute boundaries, so each email carries the time it would really have gone out. Ticks with
 * nothing due are skipped (they would do nothing), which keeps a two-year jump fast.
 */
export async function advanceClock(ctx: Ctx, clock: SettableClock, ms: number): Promise<AdvanceReport> {
  const from = clock.now();
  const target = from.getTime() + ms;
  let ticks = 0;
  let sent = 0;
  let due = await nextWork(ctx);
  while (due) {
    const tick = Math.max(ceilTick(Date.parse(due)), ceilTick(clock.now().getTime() + 1));
    if (tick > target) break;
    clock.set(tick);
    const report = await runDispatch(ctx);
    // As the cron does: the lessons of the tick first, then any broadcast with work due.
    const broadcast = await runBroadcasts(ctx);
    ticks++;
    sent += report.sent + broadcast.sent;
    // One small query per shard (and one for broadcasts) finds the next due time, so idle stretches cost nothing.
    due = await nextWork(ctx);
  }
  clock.set(target);
  return { from: from.toISOString(), now: clock.now().toISOString(), ticks, sent };
}
