import { newId } from '../shared/ids.js';
import { isConditionFailure } from './errors.js';

/**
 * An atomic increment that counts once when DynamoDB applies it and loses the answer. Each write
 * carries its own id (`wid`) and applies only where the item's last write id differs
 * (`notExists(wid) OR wid <> :wid`); the SDK's copy of a write whose answer was lost then fails on
 * that condition instead of counting again, and the id found there says the first one landed. Only
 * the last id is kept, so this holds for the SDK's copy, which follows at once, not for a late
 * replay. For the abuse windows (sign-ups, exports, admin tokens: counted twice, a client's last
 * request within its limit was refused, or the author locked out one wrong token early), and the
 * count of lesson runs sending now (sending-state.ts: doubled, it held broadcasts back after every run that sent lessons).
 * Plain counters use `Db.increments` instead (see client.ts).
 *   apply(wid): the conditional update, resolving to the new value.
 *   readBack(): the item's write id and value, read consistently after the condition failed.
 */
export async function addOnce<T>(apply: (wid: string) => Promise<T>, readBack: () => Promise<{ wid?: string; value: T } | null>): Promise<T> {
  const wid = newId(12);
  try {
    return await apply(wid);
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    const landed = await readBack();
    if (landed?.wid !== wid) throw e;
    return landed.value;
  }
}
