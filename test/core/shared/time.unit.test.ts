import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, localDate, localParts, zonedInstant } from '../../../functions/core/shared/time.js';

const ZONES = ['UTC', 'Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'Pacific/Chatham', 'America/St_Johns'];

describe('zonedInstant', () => {
  it('gives the instant the reader\'s wall clock shows the hour, across DST', () => {
    expect(zonedInstant('2026-03-07', 8, 'America/New_York').toISOString()).toBe('2026-03-07T13:00:00.000Z'); // EST
    expect(zonedInstant('2026-03-09', 8, 'America/New_York').toISOString()).toBe('2026-03-09T12:00:00.000Z'); // EDT
    expect(zonedInstant('2026-04-06', 8, 'Australia/Sydney').toISOString()).toBe('2026-04-05T22:00:00.000Z'); // AEST after the April change
    expect(zonedInstant('2026-06-01', 8, 'Asia/Kolkata').toISOString()).toBe('2026-06-01T02:30:00.000Z');
  });

  it('takes the moment the clocks jump when the hour does not exist (spring forward)', () => {
    // 02:00 does not exist in New York on 8 March 2026: the clocks go from 01:59 to 03:00.
    const at = zonedInstant('2026-03-08', 2, 'America/New_York');
    expect(at.toISOString()).toBe('2026-03-08T07:00:00.000Z');
    expect(localParts(at, 'America/New_York')).toMatchObject({ hour: 3, minute: 0 });
  });

  it('takes the first of the two when the hour exists twice (fall back)', () => {
    // 01:00 happens twice in New York on 1 November 2026 (EDT, then EST): the first is 05:00 UTC.
    expect(zonedInstant('2026-11-01', 1, 'America/New_York').toISOString()).toBe('2026-11-01T05:00:00.000Z');
  });

  it('round-trips: the instant falls on that local date, at that hour unless a gap swallowed it', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2026-01-01'), max: new Date('2028-12-31'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 23 }),
        fc.constantFrom(...ZONES),
        (d, hour, zone) => {
          const date = d.toISOString().slice(0, 10);
          const at = zonedInstant(date, hour, zone);
          expect(localDate(at, zone)).toBe(date);
          const local = localParts(at, zone);
          expect([hour, hour + 1]).toContain(local.hour);
        },
      ),
    );
  });
});

describe('local-date arithmetic', () => {
  it('adds days and months the way a calendar does', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28'); // the month's last day, never March
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
  });

  it('agrees with itself: adding n days is n days between', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2026-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }), fc.integer({ min: -800, max: 800 }), (d, n) => {
        const from = d.toISOString().slice(0, 10);
        expect(daysBetween(from, addDays(from, n))).toBe(n);
      }),
    );
  });
});
