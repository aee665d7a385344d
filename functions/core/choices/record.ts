import type { Ctx } from '../context.js';
import { counter } from '../aggregates/counters.js';
import { applyChoice } from '../course/engine.js';
import { choiceKey } from '../db/keys.js';
import type { OutboxOp, Reader } from '../readers/schema.js';
import { commitReader } from '../readers/store.js';
import { ConflictError, getReader } from '../db/access.js';
import { z } from 'zod';

export const FUNNEL = 'FUNNEL';
export const funnelDims = (track: string, lesson: string) => `${track}#${lesson}`;

export const ChoiceItem = z.object({
  readerId: z.string(),
  branch: z.string(),
  choice: z.string(),
  by: z.enum(['click', 'timeout', 'reply', 'author']),
  seq: z.number().int(),
  lesson: z.string().optional(),
  fromTrack: z.string(),
  toTrack: z.string(),
  at: z.string(),
});
export type ChoiceItem = z.infer<typeof ChoiceItem>;

export type ChooseResult =
  /** `late`: the click came after the timeout and replaced the default the course had applied. */
  | { status: 'applied'; reader: Reader; choice: { id: string; label: string; next: string }; late?: boolean }
  /** `closed`: the question timed out too long ago for a click to undo what has happened since. */
  | { status: 'already'; reader: Reader | null; closed?: boolean }
  | { status: 'unknown' };

/**
 * Records a branch choice and moves the reader. The choice item and the funnel counter travel
 * in the reader's outbox, so the move, the history and the count happen together or are finished
 * by the next write. A second click finds the branch already answered and changes nothing; a
 * click soon after a timeout replaces the default (see applyChoice).
 */
export async function choose(
  ctx: Ctx,
  readerId: string,
  input: { branch: string; choice?: string; seq: number; by: ChoiceItem['by'] },
  known?: Reader,
): Promise<ChooseResult> {
  const now = ctx.clock.now();
  for (let attempt = 0; ; attempt++) {
    const current = attempt === 0 && known ? known : await getReader(ctx, readerId);
    if (!current) return { status: 'already', reader: null };
    const res = applyChoice(current, input, now);
    if (!res.changed) return res.reason === 'unknown' ? { status: 'unknown' } : { status: 'already', reader: current, closed: res.reason === 'closed' };
    const at = now.toISOString();
    const lesson = current.sends.find((s) => s.seq === input.seq)?.ref;
    const item: ChoiceItem = {
      readerId,
      branch: input.branch,
      choice: res.choice.id,
      by: input.by,
      seq: input.seq,
      lesson,
      fromTrack: current.track,
      toTrack: res.reader.track,
      at,
    };
    const op: OutboxOp = {
      // A late click follows the timeout's op for the same send: its own id, so both count.
      id: `${readerId}:choice:${input.seq}${res.late ? ':late' : ''}`,
      counters: lesson && input.by !== 'timeout' ? [counter(FUNNEL, funnelDims(current.track, lesson), { clicked: 1 })] : [],
      puts: [{ ...choiceKey(readerId, at, input.branch), type: 'choice', ...item }],
    };
    try {
      const reader = await commitReader(ctx, current, res.reader, [op]);
      return { status: 'applied', reader, choice: res.choice, late: res.late };
    } catch (e) {
      if (!(e instanceof ConflictError) || attempt > 8) throw e;
    }
  }
}
