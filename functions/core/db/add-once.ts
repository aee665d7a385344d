import { newId } from '../shared/ids.js';
import { isConditionFailure } from './errors.js';

/**
 * An atomic increment that counts once when DynamoDB applies it and loses the answer. Each write
 * carries its own id (`wid`) and applies only where the item's last write id differs
 * (`(notExists(wid) OR wid <> :wid)`, in parentheses so it composes with ElectroDB's own). That
 * condition can fail only on our own id: the SDK's copy of a write whose answer was lost, which then
 * counts nothing, and the value is read back instead (not
 * checked against our id: another writer may have changed the item since, and that must not turn a
 * landed count into an error). Only the last id is kept, so this holds for the SDK's copy, which
 * follows at once, not when another write lands in between (then the copy counts again, as before).
 * For the abuse windows (sign-ups, exports, admin tokens: counted twice, a client's last request
 * within its limit was refused, or the author locked out one wrong token early), and the count of
 * lesson runs sending now (sending-state.ts: doubled, it held broadcasts back after every run that
 * sent lessons). Plain counters use `Db.increments` instead (see client.ts).
 *   apply(wid): the conditional update, resolving to the new value.
 *   readBack(): the item's value, read consistently after the condition failed (null if it is gone).
 */
export async function addOnce<T>(apply: (wid: string) => Promise<T>, readBack: () => Promise<T | null>): Promise<T> {
  try {
    return await apply(newId(12));
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    const landed = await readBack();
    if (landed === null) throw e;
    return landed;
  }
}

