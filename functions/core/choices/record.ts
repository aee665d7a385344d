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
  const state: { result: ChooseResult; op?: NewOp } = { result: { status: 'already', reader: null } };
  const reader = await mutateReader(
    ctx,
    readerId,
    (current) => {
      const res = applyChoice(current, input, now);
      if (!res.changed) {
        state.result = res.reason === 'unknown' ? { status: 'unknown' } : { status: 'already', reader: current, closed: res.reason === 'closed' };
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
        // A late click follows the timeout's op for the same send: its own id, so both count.
        id: `${readerId}:choice:${input.seq}${res.late ? ':late' : ''}`,
        counters: lesson && input.by !== 'timeout' ? [counterUpdate('funnel', funnelDims(current.track, lesson), { clicked: 1 })] : [],
        puts: [{ entity: 'choice', item }],
      };
      state.result = { status: 'applied', reader: res.reader, choice: res.choice, late: res.late };
      return res.reader;
    },
    { ops: () => (state.op ? [state.op] : []), ...(known ? { current: known } : {}) },
  );
  return state.result.status === 'applied' && reader ? { ...state.result, reader } : state.result;
}
