import type { Ctx } from '../context.js';
import { funnelDims } from '../choices/record.js';
import { applySignals } from '../course/signals.js';
import { counterUpdate, type NewOp } from '../db/outbox.js';
import { APPLIED_REPLIES_KEPT, type Reader } from '../db/readers.js';
import { updateReply, type ReplyItem } from '../db/replies.js';
import { mutateReader } from '../readers/store.js';
import type { Signal } from '../signals/kinds.js';

/**
 * A reply's course step, run after the reply is stored: its signals act on the course, the send it
 * answers joins `repliedSeqs` and the lesson funnel counts the reader once. One versioned write of
 * the reader, so it is exact under any concurrency, and idempotent: the reader remembers the replies
 * that acted (`appliedReplies`) and the sends replied to, so a retry or a second apply changes
 * nothing. The reader item never gets any reply text.
 */

/**
 * Twenty replies at once to one reader are twenty writers of one item: each needs its turn, so the
 * step waits longer than an interactive write would (jittered backoff up to 250 ms a try). Still
 * failing after this, the reply is marked `failed` for the author, and a later delivery retries it.
 */
export const STEP_ATTEMPTS = 40;

/** Signals that move the course. In contact the course asked for, news of the ex is kept but queues nothing. */
const ACTING: ReadonlySet<Signal> = new Set(['broke-no-contact', 'ex-reached-out', 'ex-dating', 'back-together', 'moved-on']);

export function actingSignals(reply: Pick<ReplyItem, 'signals' | 'kind' | 'automatic' | 'context'>): ReplyItem['signals'] {
  // Check-in replies only propose an outcome for the author; auto-replies are never progress.
  if (reply.kind === 'checkin' || reply.automatic) return [];
  return reply.signals.filter((s) => ACTING.has(s.signal) && !(reply.context === 'contact' && s.signal === 'ex-reached-out'));
}

export type StepResult = { courseStep: 'done'; applied: boolean } | { courseStep: 'failed'; applied: false; error: string };

/** Runs the step for a stored reply and records its result on the reply. Never throws for a failed step. */
export async function applyReply(ctx: Ctx, reply: ReplyItem, by: 'inbound' | 'author'): Promise<ReplyItem> {
  const result = await runStep(ctx, reply);
  const changes =
    result.courseStep === 'done'
      ? { courseStep: 'done' as const, applied: result.applied, stepNote: undefined, ...(result.applied ? { appliedBy: by } : {}) }
      : { courseStep: 'failed' as const, applied: false, stepNote: result.error };
  try {
    return await updateReply(ctx, reply, changes);
  } catch (e) {
    // The reply stays as stored (pending): the author sees it waiting, a later delivery finishes it.
    ctx.log.error('reply step result not recorded', { readerId: reply.readerId, replyId: reply.replyId, error: (e as Error).name });
    return { ...reply, ...changes };
  }
}

async function runStep(ctx: Ctx, reply: ReplyItem): Promise<StepResult> {
  const acting = actingSignals(reply);
  const seq = reply.seq;
  // The funnel counts a reader once per lesson they answered in their own words.
  const counts = (r: Reader) => seq !== undefined && reply.kind === 'lesson' && !reply.automatic && !!reply.lessonId && !r.repliedSeqs.includes(seq);
  let applied = false;
  try {
    await mutateReader(
      ctx,
      reply.readerId,
      (fresh) => {
        let next = fresh;
        const done = fresh.appliedReplies ?? [];
        applied = done.includes(reply.replyId);
        if (!applied && acting.length) {
          const moved = applySignals(fresh, acting, ctx.clock.now());
          if (moved !== fresh) {
            next = { ...moved, appliedReplies: [...done, reply.replyId].slice(-APPLIED_REPLIES_KEPT) };
            applied = true;
          }
        }
        if (seq !== undefined && fresh.sends.some((s) => s.seq === seq) && !fresh.repliedSeqs.includes(seq)) next = { ...next, repliedSeqs: [...next.repliedSeqs, seq] };
        return next === fresh ? null : next;
      },
      {
        attempts: STEP_ATTEMPTS,
        ops: (prev): NewOp[] =>
          counts(prev) ? [{ id: `${reply.readerId}:replied:${seq}`, counters: [counterUpdate('funnel', funnelDims(reply.track, reply.lessonId!), { replied: 1 })] }] : [],
      },
    );
    return { courseStep: 'done', applied };
  } catch (e) {
    ctx.log.error('reply course step failed', { readerId: reply.readerId, replyId: reply.replyId, error: (e as Error).name });
    return { courseStep: 'failed', applied: false, error: stepError(e) };
  }
}

/** What the author is told about a failed step: what happened and what to do, never a stack trace. */
function stepError(e: unknown): string {
  const name = (e as Error).name;
  if (name === 'ConflictError') return 'The reader was being changed by many things at once and this reply could not take its turn. Apply it again.';
  return `The course could not be updated just now (${name}). Apply it again, or wait for the next delivery attempt.`;
}
