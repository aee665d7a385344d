import { newId } from '../shared/ids.js';
import { isConditionFailure } from './errors.js';

/**
 * Knowing our own write after DynamoDB applied it and lost the answer. The SDK then sends the same
 * request again, and a conditional copy fails on the state the first one left, which looks like
 * someone else's write. Three shapes, one idea: the write carries an id of its own (`wid`), or its
 * key is fresh, and the condition failure is read against it.
 */

/**
 * A conditional write that stores its own write id: true if it landed (at once, or as the write whose
 * answer was lost: the id read back after the copy failed is ours), false if the condition failed on
 * someone else's write. Used by the SES event marks, newsletter notes, batch changes, broadcast job
 * saves and suppression lifts.
 *   write(wid): the conditional write, storing `wid` in the item.
 *   widNow(): the item's write id, read consistently.
 */
export async function ownWrite(write: (wid: string) => Promise<unknown>, widNow: () => Promise<string | undefined>): Promise<boolean> {
  const wid = newId(12);
  try {
    await write(wid);
    return true;
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    return (await widNow()) === wid;
  }
}

/**
 * A create keyed by a fresh random id (an issue, a note, an admin session): its condition can only
 * fail on our own write, which DynamoDB applied and whose answer it lost before the SDK's copy found
 * it. That is success; taken for an error, the author got a 500 for what was saved, and saved it again.
 */
export async function createFresh(write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
}

/**
 * An atomic increment that counts once when DynamoDB applies it and loses the answer. Each write
 * carries its own id (`wid`) and applies only where the item's last write id differs
 * (`(notExists(wid) OR wid <> :wid)`, in parentheses so it composes with ElectroDB's own). That
 * condition can fail only on our own id: the SDK's copy of a write whose answer was lost, which then
 * counts nothing, and the value is read back instead (not checked against our id: another writer
 * may have changed the item since, and that must not turn a landed count into an error). Only the last id is kept, so this holds for the SDK's copy, which
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

