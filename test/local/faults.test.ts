import { describe, expect, it } from 'vitest';
import { simulate } from '../../functions/local/simulate.js';
import { services } from '../helpers/services.js';

/**
 * The fault-injected proof (issue 12): synthetic readers live through the real system while SES
 * throttles 20% of calls, answers 5xx to 5%, accepts and then drops the connection on 2% of sends,
 * and DynamoDB throttles 5% of requests and loses the answer to 2% of writes after applying them
 * (the SDK sends each again); the readers' replies go through the same faults.
 * `npm run simulate -- --readers 1000 --days 60 --faults` runs the full-size version; this one is
 * smaller so the suite stays quick on two cores.
 */
describe('sending under the fault mix', () => {
  it('sends every due email exactly once, on the reader\'s own day, and suppresses nobody', async () => {
    const readers = Number(process.env.FAULT_READERS ?? 60);
    const result = await simulate({
      readers,
      days: 60,
      seed: 12,
      enrolOverDays: 7,
      sesUrl: services().sesUrl,
      dynamoUrl: services().dynamoUrl,
      faults: { ses: { throttle: 0.2, serverError: 0.05, dropAfterAccept: 0.02 }, dynamo: { throttle: 0.05, dropAfterApply: 0.02 }, seed: 12 },
    });
    const { delivery, faults } = result;
    console.log(JSON.stringify({ delivery, faults }));
    // The faults really happened.
    expect(faults!.ses.throttled).toBeGreaterThan(readers);
    expect(faults!.ses.serverErrors).toBeGreaterThan(readers / 5);
    expect(faults!.ses.dropped).toBeGreaterThan(readers / 20);
    expect(faults!.dynamo.throttled).toBeGreaterThan(readers * 5);
    expect(faults!.dynamo.dropped).toBeGreaterThan(readers);
    expect(delivery.emails).toBeGreaterThan(readers * 10);
    expect(delivery).toMatchObject({ duplicated: 0, missing: 0, offDay: 0, overdue: 0, suppressed: 0 });
    expect(delivery.emails).toBe(delivery.recorded);
    // The author's numbers: every lesson and check-in counted once, a lost answer or a recovered send included.
    expect(delivery.counts).toMatchObject({ funnel: { itemsOff: 0 }, replied: { itemsOff: 0 }, outcomes: { itemsOff: 0 }, perDay: { daysOff: 0, counted: delivery.recorded } });
    expect(delivery.counts!.outcomes.counted).toBeGreaterThan(0);
    // Never lose a reply: each one the readers wrote is stored once, whatever DynamoDB did to its writes.
    expect(delivery.replies.sent).toBeGreaterThan(readers);
    expect(delivery.replies).toMatchObject({ stored: delivery.replies.sent, lost: 0, doubled: 0, gaveUp: 0 });
  }, 600_000);

  it('finishes every send whose answer is lost, from the Send events SES would publish, and sends none twice', async () => {
    // Every send is taken by SES and its answer dropped: each one is finished by its Send event
    // (found in the emulator's store), the last ones after the end of the run, once their claims go stale.
    const result = await simulate({
      readers: 12,
      days: 3,
      seed: 3,
      sesUrl: services().sesUrl,
      dynamoUrl: services().dynamoUrl,
      faults: { ses: { dropAfterAccept: 1 }, dynamo: {}, seed: 3 },
    });
    const { delivery, faults } = result;
    expect(faults!.ses.dropped).toBeGreaterThan(8);
    expect(delivery.emails).toBeGreaterThan(8);
    expect(delivery).toMatchObject({ duplicated: 0, missing: 0, offDay: 0, overdue: 0, suppressed: 0 });
    expect(delivery.emails).toBe(delivery.recorded);
    expect(delivery.counts).toMatchObject({ funnel: { itemsOff: 0 }, perDay: { daysOff: 0, counted: delivery.recorded } });
  });
});
