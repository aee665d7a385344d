import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, OUTCOME_IDS, checkpointRow } from '../../../functions/core/reports/outcomes.js';

const counts = fc.record({
  asked: fc.nat(500),
  ...Object.fromEntries(OUTCOME_IDS.map((o) => [o, fc.nat(100)])),
}) as fc.Arbitrary<Record<string, number>>;

describe('one checkpoint row of the outcome report', () => {
  it('counts everyone due: shares (no response included) sum to 1, nothing is negative', () => {
    fc.assert(
      fc.property(counts, (c) => {
        const row = checkpointRow('tumultuous', '1m', c);
        expect(row.due).toBeGreaterThanOrEqual(row.responded);
        for (const k of CATEGORIES) expect(row.counts[k]).toBeGreaterThanOrEqual(0);
        expect(CATEGORIES.reduce((s, k) => s + row.counts[k], 0)).toBe(row.due);
        if (row.due > 0) expect(CATEGORIES.reduce((s, k) => s + row.shares[k]!, 0)).toBeCloseTo(1, 9);
        else expect(row.responseRate).toBeNull();
      }),
    );
  });

  it('bounds "got back together" over everyone due, so a few happy answers cannot pass for the whole picture', () => {
    const row = checkpointRow('tumultuous', '3m', { asked: 10, 'together-healthy': 2, 'moved-on': 1 });
    expect(row.reconciled).toEqual({ count: 2, ofResponded: 2 / 3, low: 0.2, high: 0.9 });
    expect(row.counts.no_response).toBe(7);
  });
});
