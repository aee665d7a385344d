import { describe, expect, it } from 'vitest';
import { getSentMark } from '../../functions/core/db/sent-marks.js';
import { getReader } from '../../functions/core/db/readers.js';
import { advanceDays } from '../helpers/course.js';
import { dynamoFaultyStack, enrolAndConfirm } from '../helpers/stack.js';

describe("the local stack's Send events (local/send-events.ts)", () => {
  it('stores the Send marker of a lesson although every SDK attempt of its first write was throttled, as Lambda retries an SNS delivery', async () => {
    const { stack, dynamo } = await dynamoFaultyStack({ now: '2026-03-02T06:00:00Z' });
    const r = await enrolAndConfirm(stack, { timezone: 'UTC', sendHour: 8 });
    // The next lesson's marker write is refused through all eight of the SDK's attempts, once.
    let refused = 0;
    dynamo.faults.throttleIf = (op, body) => op === 'BatchWriteItem' && body.includes('"SENTMARK#') && refused++ < 8;
    try {
      await advanceDays(stack, 2);
    } finally {
      dynamo.faults.throttleIf = undefined;
    }
    expect(refused).toBe(9); // eight refused, then the retry asked again and went through
    const last = (await getReader(stack.ctx, r.id))!.sends.at(-1)!;
    expect(last).toMatchObject({ kind: 'lesson', ref: 'tumultuous/day-01' });
    // Without it, a crash before the send was recorded would have it sent again once its claim went stale.
    expect(await getSentMark(stack.ctx, r.id, last.seq)).toBe(last.messageId);
  });
});
