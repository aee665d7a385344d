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

interface NextWork {
  /** The earliest moment anything has work: a lesson, a check-in or a broadcast. */
  at: string;
  lessons: string | null;
  broadcasts: string | null;
}

async function nextWork(ctx: Ctx): Promise<NextWork | null> {
  const [lessons, broadcasts] = await Promise.all([nextDueAt(ctx), earliestJob(ctx)]);
  const at = [lessons, broadcasts].filter((x): x is string => !!x).sort()[0];
  return at ? { at, lessons, broadcasts } : null;
}

/** Whether work that falls due at `due` is due by the tick at `tick` (what the runs' own queries select). */
const dueBy = (due: string | null, tick: number) => !!due && Date.parse(due) <= tick;

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
    const tick = Math.max(ceilTick(Date.parse(due.at)), ceilTick(clock.now().getTime() + 1));
    if (tick > target) break;
    clock.set(tick);
    // As the cron does: the lessons of the tick first, then any broadcast with work due. A run whose
    // work is not due yet would find nothing (its own query selects what is due by now): skipped, as
    // the idle ticks are. Anything that falls due meanwhile (a request to a running server) is found
    // by the next query below and runs on the next tick, as when the whole tick is idle.
    if (dueBy(due.lessons, tick)) sent += (await runDispatch(ctx)).sent;
    if (dueBy(due.broadcasts, tick)) sent += (await runBroadcasts(ctx)).sent;
    ticks++;
    // One small query per shard (and one for broadcasts) finds the next due time, so idle stretches cost nothing.
    due = await nextWork(ctx);
  }
  clock.set(target);
  return { from: from.toISOString(), now: clock.now().toISOString(), ticks, sent };
}
