import { z } from 'zod';
import type { Ctx } from '../context.js';
import { countersBetween } from '../db/counters.js';
import { clearSendingFlag, lessonRunStarted, readSendingState, setSendingFlag, type SendingState } from '../db/sending-state.js';
import { addDays } from '../shared/time.js';
import type { SendingHalted } from './errors.js';

export type { SendingState } from '../db/sending-state.js';

/**
 * Whether sending is halted (SES said the account or configuration is at fault) or paused (the
 * author; the reputation guard for broadcasts), and the reputation numbers the guard reads.
 */

/** What this process believes, so a success clears a halt without reading the state on every send. */
const believedHalted = new WeakMap<Ctx, boolean>();

/**
 * An account or configuration fault: one clear error in the log and the state the overview shows.
 * Every run tries again; the first send that works clears it (noteSendWorked).
 */
export async function noteHalt(ctx: Ctx, e: SendingHalted): Promise<void> {
  if (!believedHalted.get(ctx)) ctx.log.error('sending halted: SES refused for a reason that is not the reader\'s; nobody was suppressed, and the next run tries again', { code: e.code, error: e.message });
  believedHalted.set(ctx, true);
  await setSendingFlag(ctx, 'halted', { reason: `${e.code}: ${e.message}`.slice(0, 300), since: ctx.clock.now().toISOString(), by: 'ses' }).catch((err: Error) =>
    ctx.log.error('could not record the halt', { error: err.message }),
  );
}

/** A send went through: a halt this process knew of is over. */
export async function noteSendWorked(ctx: Ctx): Promise<void> {
  if (!believedHalted.get(ctx)) return;
  believedHalted.set(ctx, false);
  await clearSendingFlag(ctx, 'halted');
  ctx.log.info('sending works again: halt cleared');
}

/** A halt recorded by another process is then cleared by our first success. */
function believe(ctx: Ctx, s: SendingState): SendingState {
  if (s.halted) believedHalted.set(ctx, true);
  return s;
}

/**
 * A dispatch run with lessons to send announces itself (broadcasts wait while lessons go out) and
 * learns in the same write whether lessons are paused or sending is halted. `lessonRunEnds` after.
 */
export async function lessonRunStarts(ctx: Ctx, untilMs: number): Promise<SendingState> {
  return believe(ctx, await lessonRunStarted(ctx, untilMs));
}

export { lessonRunEnded as lessonRunEnds } from '../db/sending-state.js';

export const PauseAction = z.enum(['pause', 'resume']);
export const SendingChange = z
  .object({
    lessons: PauseAction.optional().describe('course lessons and check-ins (the welcome still goes to a reader who just confirmed)'),
    broadcasts: PauseAction.optional(),
    reason: z.string().trim().max(300, 'at most 300 characters').optional(),
  })
  .refine((v) => v.lessons || v.broadcasts, { message: 'give lessons or broadcasts', path: ['lessons'] });
export type SendingChange = z.infer<typeof SendingChange>;

/** The author pauses or resumes lessons or broadcasts. */
export async function changeSending(ctx: Ctx, change: SendingChange): Promise<SendingState> {
  const since = ctx.clock.now().toISOString();
  const reason = change.reason || 'paused by the author';
  for (const [key, flag] of [['lessons', 'lessonsPaused'], ['broadcasts', 'broadcastsPaused']] as const) {
    if (change[key] === 'pause') await setSendingFlag(ctx, flag, { reason, since, by: 'author' });
    if (change[key] === 'resume') await clearSendingFlag(ctx, flag);
  }
  return readSendingState(ctx);
}

/** SES's review lines: an account above them is reviewed (and may be paused) by SES. */
export const REVIEW_LINES = { complaintRate: 0.001, bounceRate: 0.04, minSends: 1000, maxDays: 30 } as const;

export const Reputation = z.object({
  /** Sends in the window the rates are over (the most recent UTC days that reach 1,000 sends, at most 30). */
  sends: z.number().int(),
  days: z.number().int(),
  bounces: z.number().int().describe('permanent bounces'),
  complaints: z.number().int(),
  bounceRate: z.number().nullable(),
  complaintRate: z.number().nullable(),
  /** Enough sends to judge, and a rate at or over SES's review line. */
  overLine: z.boolean(),
  why: z.string().optional(),
});
export type Reputation = z.infer<typeof Reputation>;

/** Bounce and complaint rates over the recent sends, from the per-day counters (two Queries). */
export async function reputation(ctx: Ctx): Promise<Reputation> {
  const today = ctx.clock.now().toISOString().slice(0, 10);
  const from = addDays(today, -(REVIEW_LINES.maxDays - 1));
  const [sent, feedback] = await Promise.all([countersBetween(ctx, 'sent', from, today), countersBetween(ctx, 'feedback', from, today)]);
  const sentOn = new Map(sent.map((d) => [d.dims, Object.values(d.counts).reduce((a, b) => a + b, 0)]));
  const fbOn = new Map(feedback.map((d) => [d.dims, d.counts]));
  let sends = 0;
  let bounces = 0;
  let complaints = 0;
  let days = 0;
  for (let day = today; days < REVIEW_LINES.maxDays && sends < REVIEW_LINES.minSends; day = addDays(day, -1), days++) {
    sends += sentOn.get(day) ?? 0;
    bounces += fbOn.get(day)?.bouncedPermanent ?? 0;
    complaints += fbOn.get(day)?.complained ?? 0;
  }
  const bounceRate = sends ? bounces / sends : null;
  const complaintRate = sends ? complaints / sends : null;
  const enough = sends >= REVIEW_LINES.minSends;
  const overComplaints = enough && complaintRate! >= REVIEW_LINES.complaintRate;
  const overBounces = enough && bounceRate! >= REVIEW_LINES.bounceRate;
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  const why = overComplaints
    ? `complaint rate ${pct(complaintRate!)} over the last ${sends} sends (SES reviews at 0.1%)`
    : overBounces
      ? `bounce rate ${pct(bounceRate!)} over the last ${sends} sends (SES reviews at 4%)`
      : undefined;
  return { sends, days, bounces, complaints, bounceRate, complaintRate, overLine: overComplaints || overBounces, why };
}

/**
 * The reputation guard: above a review line, broadcasts pause (course lessons keep going unless
 * the author pauses them). Only the author resumes them; if the rate is still over the line the
 * next bounce or complaint pauses them again.
 */
export async function guardReputation(ctx: Ctx): Promise<Reputation> {
  const rep = await reputation(ctx);
  if (rep.overLine) {
    await setSendingFlag(ctx, 'broadcastsPaused', { reason: `reputation guard: ${rep.why}`, since: ctx.clock.now().toISOString(), by: 'guard' });
  }
  return rep;
}

/** For the broadcast path (issue 13): may a broadcast go out now? */
export async function broadcastsAllowed(ctx: Ctx): Promise<{ allowed: boolean; reason?: string }> {
  const s = await readSendingState(ctx);
  return s.broadcastsPaused ? { allowed: false, reason: s.broadcastsPaused.reason } : { allowed: true };
}
