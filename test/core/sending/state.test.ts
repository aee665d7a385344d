import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getReader } from '../../../functions/core/db/readers.js';
import { lessonsSending } from '../../../functions/core/db/sending-state.js';
import { runDispatch } from '../../../functions/core/dispatch/run.js';
import { changeSending } from '../../../functions/core/sending/state.js';
import { systemClock } from '../../../functions/core/clock.js';
import { advanceDays, received } from '../../helpers/course.js';
import { dynamoFaultyStack, enrolAndConfirm, testStack, type TestStack } from '../../helpers/stack.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await testStack({ now: '2026-03-02T09:00:00Z' });
});
afterAll(() => stack.close());

describe('the author pausing course lessons', () => {
  it('sends no lesson while paused, keeps the readers due, and sends each one once after resuming', async () => {
    const readers = await Promise.all(Array.from({ length: 3 }, () => enrolAndConfirm(stack, { timezone: 'UTC', sendHour: 10 })));
    await changeSending(stack.ctx, { lessons: 'pause', reason: 'away for two days' });
    stack.clock.set(new Date('2026-03-03T10:00:00Z')); // day 1 is due now
    const report = await runDispatch(stack.ctx);
    expect(report).toMatchObject({ stopped: 'paused', sent: 0, readers: 0 });
    await advanceDays(stack, 1);
    for (const r of readers) {
      expect((await received(stack, r.email)).map((s) => s.ref)).toEqual(['tumultuous/day-00']);
      const stored = (await getReader(stack.ctx, r.id))!;
      expect(stored.status).toBe('active');
      expect(stored.claim).toBeUndefined();
    }
    // A paused run takes back its announcement: broadcasts are not left waiting behind it.
    expect(await lessonsSending(stack.ctx, systemClock.now().getTime())).toBe(false);

    // Resumed on Wednesday 10:00: day 1 goes at the next tick, a day late, once; the course goes on from there.
    await changeSending(stack.ctx, { lessons: 'resume' });
    await advanceDays(stack, 1);
    for (const r of readers) {
      const sent = await received(stack, r.email);
      expect(sent.map((s) => [s.ref, s.at])).toEqual([
        ['tumultuous/day-00', '2026-03-02T09:00:00.000Z'],
        ['tumultuous/day-01', '2026-03-04T10:15:00.000Z'],
        ['shared/first-days', '2026-03-05T10:00:00.000Z'],
      ]);
    }
  });
});

describe('a dispatch run announcing itself to broadcasts', () => {
  // The announcement (or its end) lands and DynamoDB loses the answer; the SDK sends the same change
  // again. Counted twice, the runs looked busy after they had ended, and broadcasts waited behind them.
  for (const [write, pick] of [
    ['its start', (body: string) => body.includes('{"N":"1"}')],
    ['its end', (body: string) => body.includes('{"N":"-1"}')],
  ] as const)
    it(`counts a lesson run once, seen while it sends and not after, when DynamoDB lost the answer to ${write}`, async () => {
      const { stack: faulty, dynamo } = await dynamoFaultyStack({ now: '2026-03-02T09:00:00Z' });
      try {
        await enrolAndConfirm(faulty, { timezone: 'UTC', sendHour: 10 });
        faulty.clock.set(new Date('2026-03-03T10:00:00Z'));
        let lost = false;
        dynamo.faults.dropAfterApplyIf = (op, body) => !lost && op === 'UpdateItem' && body.includes('"SENDING"') && body.includes('lessonRuns') && pick(body) && (lost = true);
        const report = await runDispatch(faulty.ctx);
        dynamo.faults.dropAfterApplyIf = undefined;
        expect(dynamo.stats.dropped).toBe(1);
        expect(report.sent).toBe(1);
        expect(await lessonsSending(faulty.ctx, systemClock.now().getTime())).toBe(false);
        // And the next run is seen sending while it sends (a doubled end had made it invisible), then not.
        faulty.clock.set(new Date('2026-03-04T10:00:00Z'));
        // Asked as the claim lands (the read goes out then; its answer is awaited after the run).
        const during: Promise<boolean>[] = [];
        faulty.ctx.probe = (step) => {
          if (step === 'after-claim') during.push(lessonsSending(faulty.ctx, systemClock.now().getTime()));
        };
        try {
          expect((await runDispatch(faulty.ctx)).sent).toBe(1);
        } finally {
          faulty.ctx.probe = undefined;
        }
        expect(await Promise.all(during)).toEqual([true]);
        expect(await lessonsSending(faulty.ctx, systemClock.now().getTime())).toBe(false);
      } finally {
        await faulty.close();
      }
    });
});
