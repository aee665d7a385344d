import type { Ctx } from '../context.js';
import type { HappenedId } from '../course/happened.js';
import { applySignals } from '../course/signals.js';
import type { Reader } from '../db/readers.js';
import { mutateReader } from './store.js';

/**
 * What the reader's news did to their course, so the page after the click can say it truthfully:
 * a lesson about it comes next; the count restarted (they had that lesson already); the course
 * moved to its closing lessons; or nothing changed (paused, finished, or already there).
 */
export type HappenedEffect = 'lesson' | 'restarted' | 'moved' | 'unchanged' | 'paused' | 'finished';

export type HappenedResult = { status: 'applied'; effect: HappenedEffect; reader: Reader } | { status: 'stopped' } | { status: 'gone' };

const KEEP_REPORTS = 50;

function effectOf(before: Reader, after: Reader, event: HappenedId): HappenedEffect {
  if (before.status === 'paused') return 'paused';
  if (before.status === 'completed') return 'finished';
  const queued = after.cursor!.inserts.length > before.cursor!.inserts.length;
  if (queued) return 'lesson';
  if (event === 'broke-no-contact') return 'restarted';
  if (after.track !== before.track || after.cursor!.path !== before.cursor!.path) return 'moved';
  return 'unchanged';
}

/**
 * A "tell me what happened" link, after the reader confirmed it (a POST): acts exactly as the same
 * words in a reply would (applySignals), and keeps a note of it for the author's timeline.
 */
export async function reportHappened(ctx: Ctx, readerId: string, event: HappenedId): Promise<HappenedResult> {
  const now = ctx.clock.now();
  const state: { result: HappenedResult } = { result: { status: 'gone' } };
  const saved = await mutateReader(ctx, readerId, (r) => {
    if (r.status === 'unsubscribed' || r.status === 'suppressed' || r.status === 'pending' || !r.cursor) {
      state.result = { status: 'stopped' };
      return null;
    }
    const next = applySignals(r, [{ signal: event }], now);
    state.result = { status: 'applied', effect: effectOf(r, next, event), reader: next };
    return { ...next, reported: [...(r.reported ?? []), { event, at: now.toISOString() }].slice(-KEEP_REPORTS) };
  });
  if (!saved) return { status: 'gone' };
  const { result } = state;
  if (result.status !== 'applied') return result;
  ctx.log.info('reader reported an event', { readerId, event, effect: result.effect });
  return { ...result, reader: saved };
}
