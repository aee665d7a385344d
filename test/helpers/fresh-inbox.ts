import { beforeAll } from 'vitest';
import { services } from './services.js';

/**
 * Every stack file starts with this worker's SES emulator store empty. The store only ever grows,
 * and a read of it (`/store`, the dev inbox, the tests' inbox helpers) serialises all of it: by the
 * end of a run a worker's store held thousands of lessons, ~2 GB of JSON went over the wire, and
 * a tenth of the suite's CPU went to writing and parsing other files' mail. A file never needs mail
 * another file sent (each uses its own addresses and tables; shared worlds share tables, not mail),
 * and a worker runs one file at a time, so clearing here takes nothing from anyone.
 */
beforeAll(async () => {
  const res = await fetch(`${services().sesUrl}/clear-store`, { method: 'POST' });
  if (!res.ok) throw new Error(`clearing the SES emulator's store answered ${res.status}`);
});
