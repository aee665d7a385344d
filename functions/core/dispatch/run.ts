import type { Ctx } from '../context.js';
import { funnelDims } from '../choices/record.js';
import { bumpCounter } from '../db/counters.js';
import { countDue, earliestDue, getReader, queryDueShard, type Reader } from '../db/readers.js';
import { SendGate } from '../mailer/send.js';
import { lessonRunEnds, lessonRunStarts, type SendingState } from '../sending/state.js';
import { systemClock } from '../clock.js';
import { dispatchReader, type ReaderOutcome } from './reader.js';
import type { RenderCache } from './emails.js';

export interface DispatchReport {
  at: string;
  /** The shards this run went through (all of them unless a fan-out gave it some). */
  shards: number[];
  readers: number;
  sent: number;
  byKind: Record<string, number>;
  ms: number;
  /** Why the run stopped before the end of what was due: SES refused for the account, the time left ran short, the author paused lessons. */
  stopped?: 'halted' | 'deadline' | 'paused';
  /** What SES said, when it halted the run. */
  halted?: { code: string; reason: string };
  /** Readers still due when the run stopped early (counted up to 10,000: `leftAtLeast`). */
  left?: number;
  leftAtLeast?: boolean;
}

export interface RunOptions {
  concurrency?: number;
  pageSize?: number;
  /** Only these due shards (a fan-out: one invocation per shard). */
  shards?: number[];
  /** Milliseconds left before the invocation is cut off (Lambda's getRemainingTimeInMillis). */
  remainingMs?: () => number;
  /** Stop claiming when less than this is left: what one send may take at worst (pacing, retries). */
  marginMs?: number;
}

/** A send can wait for the budget and back off a few times: leave this much of the invocation unclaimed. */
export const DEADLINE_MARGIN_MS = 30_000;
const LEFT_CAP = 10_000;

/** Runs `fn` over items with at most `limit` in flight. */
export async function pool<T>(items: T[], limit: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  });
  await Promise.all(workers);
}

/**
 * One scheduled run: a Query per due-index shard (never a Scan), each due reader's next step
 * started as soon as its page arrives, with at most `concurrency` in flight. Streaming keeps
 * memory flat however many are due and keeps the sender busy while the next page loads.
 * Lessons are rendered once per run (RenderCache).
 */
export async function runDispatch(ctx: Ctx, opts: RunOptions = {}): Promise<DispatchReport> {
  const started = performance.now();
  const now = ctx.clock.now().toISOString();
  const shards = opts.shards?.filter((s) => Number.isInteger(s) && s >= 0 && s < ctx.config.dueShards) ?? Array.from({ length: ctx.config.dueShards }, (_, s) => s);
  const gate = new SendGate();
  const margin = opts.marginMs ?? DEADLINE_MARGIN_MS;
  const timeShort = () => !!opts.remainingMs && opts.remainingMs() < margin;
  let paused: SendingState['lessonsPaused'];
  let unannounced: unknown;
  let stopped: DispatchReport['stopped'];
  const stop = () => {
    if (unannounced) return true;
    if (!stopped) stopped = paused ? 'paused' : gate.halted ? 'halted' : timeShort() ? 'deadline' : undefined;
    return !!stopped;
  };
  const cache: RenderCache = new Map();
  const limit = Math.max(1, opts.concurrency ?? 24);
  const byKind: Record<string, number> = {};
  const sends = new SendTally();
  const inFlight = new Set<Promise<void>>();
  const seen = new Set<string>();
  let readers = 0;
  // While lessons go out, broadcasts wait (lessons before broadcasts): announced once, when there is
  // something to send, by the write that also tells whether the author paused lessons (a run with
  // nothing due costs no call). If that write fails the run claims nothing and throws at the end.
  let announced: Promise<SendingState> | undefined;
  const handle = async (r: Reader) => {
    announced ??= lessonRunStarts(ctx, systemClock.now().getTime() + (opts.remainingMs?.() ?? 15 * 60_000));
    try {
      paused = (await announced).lessonsPaused;
    } catch (e) {
      unannounced = e;
    }
    if (paused || unannounced) return;
    let out: ReaderOutcome;
    try {
      out = await dispatchReader(ctx, r, cache, { gate });
    } catch (e) {
      // One reader's failure never stops the run; its claim (if any) goes stale and is retried.
      ctx.log.error('dispatch failed for reader', { readerId: r.id, error: (e as Error).message });
      out = { type: 'failed' };
    }
    const key = out.type === 'sent' ? out.kind : out.type;
    byKind[key] = (byKind[key] ?? 0) + 1;
    sends.add(out, now);
  };
  await Promise.all(
    shards.map(async (shard) => {
      for await (const page of queryDueShard(ctx, shard, now, { pageSize: opts.pageSize })) {
        for (const r of page) {
          // A reader written during this run can move further down its shard's index; once a run is enough.
          if (seen.has(r.id)) continue;
          while (inFlight.size >= limit) await Promise.race(inFlight);
          // Halted by SES, or too little time left: claim nothing more (what is left stays due).
          if (stop()) return;
          seen.add(r.id);
          readers++;
          const task: Promise<void> = handle(r).finally(() => inFlight.delete(task));
          inFlight.add(task);
        }
      }
    }),
  );
  await Promise.all(inFlight);
  if (unannounced) throw unannounced;
  if (announced) await announced.then(() => lessonRunEnds(ctx)).catch(() => undefined);
  if (paused) {
    ctx.log.info('dispatch skipped: the author paused lessons', { since: paused.since });
    return { at: now, shards, readers: 0, sent: 0, byKind: {}, ms: Math.round(performance.now() - started), stopped: 'paused' };
  }
  await sends.write(ctx);
  const report: DispatchReport = {
    at: now,
    shards,
    readers,
    sent: (byKind.lesson ?? 0) + (byKind.checkin ?? 0),
    byKind,
    ms: Math.round(performance.now() - started),
  };
  stop();
  if (stopped) {
    report.stopped = stopped;
    if (gate.halted) report.halted = { code: gate.halted.code, reason: gate.halted.message };
    // What is left: readers still due in these shards (those this run did not get to, and its own halted ones).
    const counts = await Promise.all(shards.map((s) => countDue(ctx, s, now, LEFT_CAP)));
    report.left = Math.min(LEFT_CAP, counts.reduce((a, b) => a + b, 0));
    if (report.left >= LEFT_CAP) report.leftAtLeast = true;
    ctx.log.warn('dispatch stopped early', { stopped, left: report.left, halted: report.halted?.code });
  }
  if (readers) ctx.log.info('dispatch run', { ...report, halted: report.halted?.code });
  return report;
}

/** The earliest moment anything is due (the overview's "next dispatch"; the dev clock jumps idle stretches with it). */
export async function nextDueAt(ctx: Ctx): Promise<string | null> {
  const all = await Promise.all(Array.from({ length: ctx.config.dueShards }, (_, s) => earliestDue(ctx, s)));
  return all.filter((x): x is string => !!x).sort()[0] ?? null;
}

/** Sends whatever is due for one reader right now (the welcome after confirming). */
export async function dispatchNow(ctx: Ctx, readerId: string): Promise<ReaderOutcome | null> {
  const r = await getReader(ctx, readerId);
  if (!r) return null;
  const out = await dispatchReader(ctx, r, new Map(), { priority: true });
  const sends = new SendTally();
  sends.add(out, ctx.clock.now().toISOString());
  await sends.write(ctx);
  return out;
}

/**
 * The dashboard's send counters: per lesson (funnel) and per UTC day, tallied as a run goes (totals
 * only, so memory does not grow with the readers due) and written once per lesson per run, not per
 * send. A send finished from its Send event counts here too, on the day it went: the run that sent
 * it only heard a failure. Best effort: a crash before `write` loses a few "sent" counts; outcome
 * counters are exact.
 */
class SendTally {
  private funnel = new Map<string, number>();
  private perDay = new Map<string, { lesson: number; checkin: number }>();

  add(out: ReaderOutcome, now: string): void {
    if (!('kind' in out)) return;
    const day = (out.type === 'recovered' ? out.at : now).slice(0, 10);
    const counts = this.perDay.get(day) ?? { lesson: 0, checkin: 0 };
    counts[out.kind]++;
    this.perDay.set(day, counts);
    if (out.kind === 'lesson') {
      const dims = funnelDims(out.track, out.ref);
      this.funnel.set(dims, (this.funnel.get(dims) ?? 0) + 1);
    }
  }

  async write(ctx: Ctx): Promise<void> {
    const bumps = [...this.funnel].map(([dims, n]) => bumpCounter(ctx, 'funnel', dims, { sent: n }));
    for (const [day, counts] of this.perDay) bumps.push(bumpCounter(ctx, 'sent', day, counts));
    await Promise.all(bumps);
  }
}
