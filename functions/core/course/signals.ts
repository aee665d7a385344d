import type { Reader } from '../db/readers.js';
import type { Recognised } from '../signals/kinds.js';
import { interject, resolveStory } from './engine.js';

/**
 * What a reader's news does to their course, however it reached us (a reply the recogniser read,
 * or a "tell me what happened" link). Only clear signals act; everything else is kept for the
 * author to read. Pure.
 */
export function applySignals(r: Reader, signals: Pick<Recognised, 'signal'>[], now: Date): Reader {
  let next = r;
  for (const s of signals) {
    if (s.signal === 'broke-no-contact' || s.signal === 'ex-reached-out' || s.signal === 'ex-dating') next = interject(next, s.signal, now);
    if (s.signal === 'back-together' || s.signal === 'moved-on') next = resolveStory(next, s.signal, now);
  }
  return next;
}
