import { Entity, type EntityConfiguration } from 'electrodb';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { addOnce } from './own-writes.js';
import { isConditionFailure } from './errors.js';

/**
 * Whether Mend may send, as the author and the senders see it: one item.
 *  - `halted`: an account or configuration fault stopped the last run (SES said so); every run
 *    tries again, and the first send that works clears it.
 *  - `lessonsPaused`: the author paused course lessons and check-ins.
 *  - `broadcastsPaused`: the author, or the reputation guard (bounce or complaint rate over SES's
 *    review lines), paused broadcasts.
 *   pk SENDING   sk STATE
 */
const Flag = z.object({ reason: z.string(), since: z.string(), by: z.enum(['ses', 'author', 'guard']) });
export type Flag = z.infer<typeof Flag>;

export const SendingState = z.object({
  halted: Flag.optional(),
  lessonsPaused: Flag.optional(),
  broadcastsPaused: Flag.optional(),
});
export type SendingState = z.infer<typeof SendingState>;
export type StateFlag = keyof SendingState;

export const sendingStateEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'sending-state', version: '1', service: 'mend' },
      attributes: {
        halted: { type: 'any' },
        lessonsPaused: { type: 'any' },
        broadcastsPaused: { type: 'any' },
        lessonRuns: { type: 'number' },
        lessonRunsUntil: { type: 'number' },
        /** The last change of `lessonRuns`' write id (own-writes.ts). */
        wid: { type: 'string' },
      },
      indexes: {
        one: {
          pk: { field: 'pk', composite: [], template: 'SENDING', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'STATE', casing: 'none' },
        },
      },
    },
    config,
  );

/** The item as the senders read it (one that does not parse reads as nothing set). */
function stateOf(data: unknown): SendingState {
  const r = SendingState.safeParse(data ?? {});
  return r.success ? r.data : {};
}

export async function readSendingState(ctx: Ctx): Promise<SendingState> {
  const { data } = await ctx.db.entities.sendingState.get({}).go({ consistent: true });
  return stateOf(data);
}

/** Sets one flag (a fresh `since` only if it was not set: the first moment counts). */
export async function setSendingFlag(ctx: Ctx, flag: StateFlag, value: Flag): Promise<void> {
  try {
    await ctx.db.entities.sendingState
      .update({})
      .set({ [flag]: value })
      .where((a, { notExists }) => notExists(a[flag]))
      .go({ response: 'none' });
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
}

/**
 * Dispatch runs sending lessons right now (every process together), so broadcasts wait for them:
 * lessons come before broadcasts. A run adds one when it starts sending and takes it back when it
 * ends; `until` (wall-clock ms, the run's deadline) bounds what a crashed run leaves behind.
 * The same write answers with the state (halted, paused), so a run learns it without a read of its own.
 */
export async function lessonRunStarted(ctx: Ctx, untilMs: number): Promise<SendingState> {
  return stateOf(await addToLessonRuns(ctx, 1, untilMs));
}

export async function lessonRunEnded(ctx: Ctx): Promise<void> {
  await addToLessonRuns(ctx, -1);
}

/** Counted once (own-writes.ts): a start counted twice kept broadcasts waiting (a minute, then giving up) for lessons that had ended, after every run that sent any. */
function addToLessonRuns(ctx: Ctx, by: number, untilMs?: number): Promise<unknown> {
  const state = ctx.db.entities.sendingState;
  return addOnce(
    async (wid) =>
      (
        await state
          .update({})
          .add({ lessonRuns: by })
          .set({ wid, ...(untilMs === undefined ? {} : { lessonRunsUntil: untilMs }) })
          .where((a, { notExists, ne }) => `(${notExists(a.wid)} OR ${ne(a.wid, wid)})`)
          .go({ response: 'all_new' })
      ).data as unknown,
    async () => {
      const { data } = await state.get({}).go({ consistent: true });
      return (data as unknown) ?? null;
    },
  );
}

/** Whether lessons are being sent now (wall-clock ms `nowMs`). */
export async function lessonsSending(ctx: Ctx, nowMs: number): Promise<boolean> {
  const { data } = await ctx.db.entities.sendingState.get({}).go({ consistent: true, attributes: ['lessonRuns', 'lessonRunsUntil'] });
  return (data?.lessonRuns ?? 0) > 0 && (data?.lessonRunsUntil ?? 0) > nowMs;
}

/** Clears one flag; a no-op when it is not set. */
export async function clearSendingFlag(ctx: Ctx, flag: StateFlag): Promise<void> {
  await ctx.db.entities.sendingState.update({}).remove([flag]).go({ response: 'none' });
}
