import { GetAccountCommand } from '@aws-sdk/client-sesv2';
import { systemClock } from '../clock.js';
import type { Ctx } from '../context.js';
import { takeTokens } from '../db/send-budget.js';
import { serviceFault } from '../shared/service-faults.js';

/**
 * One send budget for everything that sends, across concurrent senders, processes and Lambdas:
 * never above the account's maximum send rate in any one-second window.
 *
 * Why a token item per time slot in DynamoDB rather than fixed shares per function: the number of
 * senders changes all the time (a dispatch per shard, the api's confirmations, a broadcast), and
 * fixed shares would leave most of the rate idle whenever one of them has nothing to send. The
 * table is already shared by all of them, and one atomic ADD per slot per sender is cheap.
 *
 * Each second is cut into `perSecond` slots of `capacity` tokens with capacity × (perSecond + 1)
 * <= rate: any one-second window, wherever it starts, overlaps at most perSecond + 1 slots, so it
 * can never hold more than the rate, however the sends fall inside their slots. A sender calls
 * SES only inside the slot its token is for (a token whose slot has passed is dropped).
 *
 * Confirmations and the welcome go first: bulk senders only ever take tokens of the slot that is
 * current, while a priority send may take one of the next few slots ahead, so a dispatch or a
 * broadcast that keeps every current slot full delays it by one slot or two, not by the backlog.
 *
 * Real time, not app time: the rate limit lives in the real world.
 */
export interface SlotPlan {
  rate: number;
  perSecond: number;
  capacity: number;
  slotMs: number;
}

/**
 * The slots for a rate: the fewest slots a second that still use 95% of the rate (or as much as
 * any plan of at most 50 slots can). Fewer, longer slots: a slot must outlast the DynamoDB round
 * trip that leases its tokens and a busy sender's event-loop lag, and each slot costs a write.
 */
export function slotPlan(rate: number): SlotPlan {
  // SES's sandbox (1 a second) cannot be cut finer than whole seconds: the rule then holds per second.
  if (rate < 2) return { rate, perSecond: 1, capacity: 1, slotMs: 1000 };
  const plans = [{ n: 1, c: Math.floor(rate / 2) }];
  for (let n = 2; n <= 50; n++) {
    const c = Math.floor(rate / (n + 1));
    if (c < 1) break;
    plans.push({ n, c });
  }
  const best = Math.max(...plans.map((p) => p.n * p.c));
  const enough = Math.min(best, 0.95 * rate);
  const { n, c } = plans.find((p) => p.n * p.c >= enough)!;
  return { rate, perSecond: n, capacity: c, slotMs: 1000 / n };
}

const wallNow = () => systemClock.now().getTime();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
/** How far ahead a priority send may reserve. */
const PRIORITY_AHEAD_MS = 3000;

class Budget {
  private local = { slot: -1, left: 0, exhausted: false };
  private bulk: ((until: number) => void)[] = [];
  private pumping = false;
  /** Tokens this process took (bench and tests read it: DynamoDB writes per send). */
  leases = 0;

  constructor(
    private readonly ctx: Ctx,
    readonly plan: SlotPlan,
  ) {}

  private slotOf(ms: number) {
    return Math.floor(ms / this.plan.slotMs);
  }

  private take(slot: number, want: number) {
    this.leases++;
    const expiresAt = Math.floor((slot * this.plan.slotMs) / 1000) + 3600;
    return takeTokens(this.ctx, { perSecond: this.plan.perSecond, slot }, want, this.plan.capacity, expiresAt);
  }

  /** A token: resolves with the end of its slot (real ms), after which it is void. */
  acquire(priority: boolean): Promise<number> {
    if (priority) return this.acquirePriority();
    return new Promise((resolve) => {
      this.bulk.push(resolve);
      void this.pump();
    });
  }

  /**
   * Hands out the current slot's tokens to the waiting bulk sends, leasing as many as are waiting.
   * Once the current slot is spent, the next one is leased at once and its tokens wait in hand
   * for it to start: the DynamoDB round trip is not taken out of the slot's own time (leasing on
   * arrival lost up to half of each slot to it on a busy machine). Tokens are only ever handed
   * out inside their own slot, so the one-second rule holds as before.
   */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.bulk.length) {
        const now = wallNow();
        const slot = this.slotOf(now);
        if (this.local.slot === slot && this.local.left > 0) {
          this.local.left--;
          this.bulk.shift()!((slot + 1) * this.plan.slotMs);
          continue;
        }
        if (this.local.slot > slot) {
          await sleep(this.local.slot * this.plan.slotMs - now);
          continue;
        }
        // This slot is spent (by us or by others): lease the next one ahead; else lease this one.
        const target = this.local.slot === slot && this.local.exhausted ? slot + 1 : slot;
        const want = Math.min(this.plan.capacity, this.bulk.length);
        const got = await this.take(target, want);
        // Every token of the slot taken at once: nothing is left there, no need to ask again.
        this.local = { slot: target, left: got, exhausted: got < want || got >= this.plan.capacity };
      }
    } finally {
      this.pumping = false;
    }
  }

  /**
   * Up to `want` tokens of one slot, for one SendBulkEmail call whose destinations all go at once:
   * never more than the slot holds, so a bulk call can never put more than the rate in any second.
   * Waits for the next slot when this one is spent. Returns how many it got (at least `atLeast`,
   * for a call whose destinations are already chosen; fewer granted are left unused) and the end
   * of their slot.
   */
  async acquireMany(want: number, atLeast = 1): Promise<{ n: number; until: number }> {
    const need = Math.min(Math.max(1, atLeast), this.plan.capacity);
    for (;;) {
      const now = wallNow();
      const slot = this.slotOf(now);
      const got = await this.take(slot, Math.min(want, this.plan.capacity));
      if (got >= need && this.slotOf(wallNow()) === slot) return { n: got, until: (slot + 1) * this.plan.slotMs };
      await sleep((slot + 1) * this.plan.slotMs - wallNow());
    }
  }

  /** The first slot from now with a token left, up to a few seconds ahead; then wait for it to start. */
  private async acquirePriority(): Promise<number> {
    for (;;) {
      const start = this.slotOf(wallNow());
      const last = start + Math.ceil(PRIORITY_AHEAD_MS / this.plan.slotMs);
      for (let slot = start; slot <= last; slot++) {
        if (slot < this.slotOf(wallNow())) continue;
        if (!(await this.take(slot, 1))) continue;
        await sleep(slot * this.plan.slotMs - wallNow());
        if (this.slotOf(wallNow()) === slot) return (slot + 1) * this.plan.slotMs;
        break; // held up past our slot (a stalled event loop): the token is void, take another
      }
      await sleep(this.plan.slotMs);
    }
  }
}

interface RateCache {
  rate: number | null;
  at: number;
  budget?: Budget;
}
const rates = new WeakMap<Ctx, RateCache>();
/** GetAccount is read again after this long (a raised quota takes effect within it). */
const RATE_TTL_MS = 10 * 60_000;
/** A read that failed by itself (throttled, SES failing, the network) is tried again this much sooner. */
const RATE_RETRY_MS = 60_000;
/**
 * If GetAccount cannot be read and MEND_MAX_SEND_RATE is not set: 14 a second, the lowest rate SES
 * gives a production account (the sandbox's 1 would make a backlog crawl; anything higher could
 * be above the account's real limit and be throttled). The last rate read, if there was one, wins.
 */
export const FALLBACK_RATE = 14;
/** The contexts (one per process in a Lambda) already told that the rate is unknown: said once, not per send. */
const toldUnknown = new WeakSet<Ctx>();

/**
 * The account's maximum send rate: MEND_MAX_SEND_RATE, else SES GetAccount (cached), else unlimited
 * locally. GetAccount failing (the function lacks `ses:GetAccount`, a stand-in without it, SES
 * throttling) never fails a send: it paces at FALLBACK_RATE (or the last rate read), says so once
 * with what to do, and reads again later.
 */
export async function maxSendRate(ctx: Ctx): Promise<number | null> {
  if (ctx.config.maxSendRate !== undefined) return ctx.config.maxSendRate || null;
  if (ctx.config.mode === 'local') return null;
  const cached = rates.get(ctx);
  if (cached && wallNow() - cached.at < RATE_TTL_MS) return cached.rate;
  let rate: number;
  let at = wallNow();
  try {
    const out = await ctx.ses.send(new GetAccountCommand({}));
    rate = out.SendQuota?.MaxSendRate ?? FALLBACK_RATE;
  } catch (e) {
    rate = cached?.rate ?? FALLBACK_RATE;
    // A refusal (a missing permission) lasts until someone acts: read again on the usual schedule.
    const passing = serviceFault(e) !== null;
    if (passing) at -= RATE_TTL_MS - RATE_RETRY_MS;
    if (!toldUnknown.has(ctx)) {
      toldUnknown.add(ctx);
      ctx.log.warn("SES send rate unknown (GetAccount failed): pacing every send at a safe rate until it can be read; grant the function ses:GetAccount or set MEND_MAX_SEND_RATE to the account's rate", {
        rate,
        error: (e as Error).name,
        readAgainInSeconds: (passing ? RATE_RETRY_MS : RATE_TTL_MS) / 1000,
      });
    }
  }
  rates.set(ctx, { rate, at, budget: cached?.budget?.plan.rate === rate ? cached.budget : undefined });
  return rate;
}

/** The budget of this process for the current rate, or null when sending is not paced. */
export async function sendBudget(ctx: Ctx): Promise<Budget | null> {
  const rate = await maxSendRate(ctx);
  if (!rate) return null;
  let entry = rates.get(ctx);
  if (!entry) rates.set(ctx, (entry = { rate, at: wallNow() }));
  if (!entry.budget || entry.budget.plan.rate !== rate) entry.budget = new Budget(ctx, slotPlan(rate));
  return entry.budget;
}

/**
 * Tokens for one bulk call (every destination counts): how many of `want` may go now (at least
 * one), and until when (real ms) they hold.
 */
export async function paceBulk(ctx: Ctx, want: number, atLeast = 1): Promise<{ n: number; until: number }> {
  const budget = await sendBudget(ctx);
  return budget ? budget.acquireMany(want, atLeast) : { n: want, until: Infinity };
}

/**
 * Waits for a send token: returns when this process may make one SES call, with the real instant
 * (ms) the token is void after (Infinity when sending is not paced). The caller checks it again
 * immediately before calling SES (`tokenHolds`): a sender held up past its slot (a busy event
 * loop, the gate's first call) must take a new token, or two slots' sends could share one second.
 */
export async function paceSend(ctx: Ctx, priority: boolean): Promise<number> {
  const budget = await sendBudget(ctx);
  return budget ? budget.acquire(priority) : Infinity;
}

/** Whether a token valid until `until` (from paceSend / paceBulk) may still be used now. */
export const tokenHolds = (until: number) => wallNow() < until;

/**
 * The most sends in any one-second window, wherever it starts: what the budget guarantees never
 * exceeds the rate (the pacing test and the benchmarks measure it with this).
 */
export function busiestSecond(times: number[]): number {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while (t[i]! - t[j]! >= 1000) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}
