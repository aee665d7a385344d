import { describe, expect, it } from 'vitest';
import { slotPlan } from '../../../functions/core/sending/pacing.js';

describe('the send budget\'s slots', () => {
  it('never allow more than the rate in any one-second window, and use at least 90% of it from 10 a second', () => {
    for (let rate = 2; rate <= 1000; rate++) {
      const p = slotPlan(rate);
      // A one-second window overlaps at most perSecond + 1 slots.
      expect(p.capacity * (p.perSecond + 1), `rate ${rate}`).toBeLessThanOrEqual(rate);
      if (rate >= 10) expect(p.capacity * p.perSecond, `rate ${rate}`).toBeGreaterThanOrEqual(0.9 * rate);
      expect(p.perSecond).toBeLessThanOrEqual(50);
    }
    expect(slotPlan(20)).toMatchObject({ perSecond: 19, capacity: 1 });
    expect(slotPlan(200).capacity * slotPlan(200).perSecond).toBeGreaterThanOrEqual(190);
  });
});
