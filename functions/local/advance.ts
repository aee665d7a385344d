import type { Ctx } from '../core/context.js';
import { MINUTE, type SettableClock } from '../core/clock.js';
import { runDispatch } from '../core/dispatch/run.js';
import { earliestDue } from '../core/db/readers.js';
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

/** Whether work that falls due at `due` is due by the tick at `tick` (what the runs' own queries select). */
const dueBy = (due: string | null | undefined, tick: number) => !!due && Date.parse(due) <= tick;
const earliest = (times: (string | null | undefined)[]) => times.filter((x): x is string => !!x).sort()[0] ?? null;

/**
 * Moves app time forward and runs every scheduled job that falls due on the way, on the cron's
 * 15-minute boundaries, so each email carries the time it would really have gone out. Ticks with
 * nothing due are skipped (they would do nothing), which keeps a two-year jump fast.
 *
 * The next due time comes from one small query per due shard (and one for broadcasts). During the
 * loop only a tick's own runs write, so after a tick only the shards it dispatched are asked again,
 * and a run whose work is not due by the tick is not started (its query would find nothing): a
 * simulated day costs a few queries per tick, not two per shard. A request to a running server
 * meanwhile (a click in another tab) is seen by the next advance, or sooner if its shard is dispatched.
 */
export async function advanceClock(ctx: Ctx, clock: SettableClock, ms: number): Promise<AdvanceReport> {
  const from = clock.now();
  const target = from.getTime() + ms;
  const shards = Array.from({ length: ctx.config.dueShards }, (_, s) => s);
  const lessons = new Map<number, string | null>();
  const ask = (list: number[]) => Promise.all(list.map(async (s) => void lessons.set(s, await earliestDue(ctx, s))));
  await ask(shards);
  let broadcasts = await earliestJob(ctx);
  let ticks = 0;
  let sent = 0;
  for (;;) {
    const due = earliest([...lessons.values(), broadcasts]);
    if (!due) break;
    const tick = Math.max(ceilTick(Date.parse(due)), ceilTick(clock.now().getTime() + 1));
    if (tick > target) break;
    clock.set(tick);
    // As the cron does: the lessons of the tick first, then any broadcast with work due.
    const dueShards = shards.filter((s) => dueBy(lessons.get(s), tick));
    if (dueShards.length) sent += (await runDispatch(ctx, { shards: dueShards })).sent;
    const broadcast = dueBy(broadcasts, tick);
    if (broadcast) sent += (await runBroadcasts(ctx)).sent;
    ticks++;
    // A broadcast run is rare and may touch anything: then every shard is asked again.
    await ask(broadcast ? shards : dueShards);
    if (broadcast) broadcasts = await earliestJob(ctx);
  }
  clock.set(target);
  return { from: from.toISOString(), now: clock.now().toISOString(), ticks, sent };
}
