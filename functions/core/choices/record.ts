import type { Ctx } from '../context.js';
import { applyChoice } from '../course/engine.js';
import type { ChoiceItem } from '../db/choices.js';
import { counterUpdate, type NewOp } from '../db/outbox.js';
import type { Reader } from '../db/readers.js';
import { mutateReader } from '../readers/store.js';

export type { ChoiceItem } from '../db/choices.js';

/** The lesson funnel's counter item for a lesson on a track. */
export const funnelDims = (track: string, lesson: string) => `${track}#${lesson}`;

export type ChooseResult =
  | { status: 'applied'; reader: Reader; choice: { id: string; label: string; next: string } }
  | { status: 'already'; reader: Reader | null }
  | { status: 'unknown' };

/**
 * Records a branch choice and moves the reader. The choice item and the funnel counter travel
 * in the reader's outbox, so the move, the history and the count happen together or are finished
 * by the next write. A second click finds the branch already answered and changes nothing.
 */
export async function choose(
  ctx: Ctx,
  readerId: string,
  input: { branch: string; choice?: string; seq: number; by: ChoiceItem['by'] },
  known?: Reader,
): Promise<ChooseResult> {
  const now = ctx.clock.now();
  const state: { result: ChooseResult; op?: NewOp } = { result: { status: 'already', reader: null } };
  const reader = await mutateReader(
    ctx,
    readerId,
    (current) => {
      const res = applyChoice(current, input, now);
      if (!res.changed) {
        state.result = res.reason === 'unknown' ? { status: 'unknown' } : { status: 'already', reader: current };
        return null;
      }
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
        at: now.toISOString(),
      };
      state.op = {
        id: `${readerId}:choice:${input.seq}`,
        counters: lesson && input.by !== 'timeout' ? [counterUpdate('funnel', funnelDims(current.track, lesson), { clicked: 1 })] : [],
        puts: [{ entity: 'choice', item }],
      };
      state.result = { status: 'applied', reader: res.reader, choice: res.choice };
      return res.reader;
    },
    { ops: () => (state.op ? [state.op] : []), ...(known ? { current: known } : {}) },
  );
  return state.result.status === 'applied' && reader ? { ...state.result, reader } : state.result;
}
