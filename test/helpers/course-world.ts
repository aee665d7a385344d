import { makeLogger } from '../../functions/core/shared/log.js';
import { simulate, type SimResult } from '../../functions/local/simulate.js';
import { services } from './services.js';
import { sharedSeed } from './shared-world.js';

/**
 * The world `simulate` lives through in test/local/simulate.test.ts. Sign-ups spread over five
 * weeks from 20 January: the reports see two enrolment months (cohorts).
 */
export const COURSE_WORLD = { readers: 100, days: 120, seed: 7, enrolOverDays: 35, start: '2026-01-20T08:00:00Z' } as const;

export interface CourseWorld {
  result: SimResult;
  /** Every log line the simulated system wrote while seeding, through the real Powertools logger. */
  lines: string[];
}

/**
 * A 100-reader, 120-day simulation (sign-ups over its first 35 days), run once per test run: the
 * simulation's own tests read its result and log, the dashboard's browser test opens a copy of its
 * table as a data folder. Whichever file asks first seeds it (in practice simulate.test.ts, which
 * the sequencer starts first).
 */
export function courseWorld() {
  return sharedSeed<CourseWorld>(
    'course',
    async ({ dynamoUrl, table }) => {
      const lines: string[] = [];
      const result = await simulate({ ...COURSE_WORLD, sesUrl: services().sesUrl, dynamoUrl, tableName: table, log: makeLogger({ sink: (l) => lines.push(l) }) });
      return { world: { result, lines }, now: result.end };
    },
    // Seeding takes 75-120 s here; a file that asks while it runs waits for it.
    { waitMs: 400_000 },
  );
}
