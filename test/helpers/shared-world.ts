import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import { makeDb, type Db } from '../../functions/core/db/client.js';
import { writeWhole } from '../../functions/local/files.js';
import { services } from './services.js';
import { testStack, type TestStack } from './stack.js';

/** Where a shared world was seeded, and what its seeder returned. */
export interface Seeded<W> {
  world: W;
  /** App time where the world ended. */
  now: string;
  dynamoUrl: string;
  table: string;
}

/**
 * A world several test files share without seeding it again: the first file to ask seeds it once
 * into a table of its own (a lock folder in the run's folder says who), the others wait for it.
 * The seeder may have run in another worker, on that worker's dynalite: `dynamoUrl` says where.
 * `seed` returns the world (JSON: it goes through a file) and the app time it ended at.
 */
export async function sharedSeed<W>(
  name: string,
  seed: (where: { dynamoUrl: string; table: string }) => Promise<{ world: W; now: string }>,
  opts: { waitMs?: number } = {},
): Promise<Seeded<W>> {
  const dir = inject('runDir');
  const done = join(dir, `${name}.json`);
  const where = { dynamoUrl: services().dynamoUrl, table: `world_${name}` };
  let won = false;
  try {
    mkdirSync(join(dir, `${name}.lock`));
    won = true;
  } catch {
    // Another file is seeding it.
  }
  if (won) {
    try {
      const { world, now } = await seed(where);
      // Whole or not at all (local/files.ts): the waiters poll for the file, and a big world (over
      // 512 KB) written in place was once read half-written ("Unterminated string in JSON at position 524288").
      writeWhole(done, JSON.stringify({ world, now, ...where }));
    } catch (e) {
      writeWhole(done, JSON.stringify({ error: (e as Error).message }));
      throw e;
    }
  }
  const waitMs = opts.waitMs ?? 180_000;
  for (let waited = 0; !existsSync(done); waited += 100) {
    if (waited > waitMs) throw new Error(`the shared world ${name} was not seeded in time`);
    await sleep(100);
  }
  const saved = JSON.parse(readFileSync(done, 'utf8')) as Seeded<W> & { error?: string };
  if (saved.error) throw new Error(`seeding the shared world ${name} failed: ${saved.error}`);
  return saved;
}

/**
 * A shared world seeded on a test stack starting at `start`; each file gets a private copy of its
 * table on its own stack, with its clock where the world ended, so what one file changes never
 * shows in another.
 */
export async function sharedWorld<W>(name: string, start: string, seed: (stack: TestStack) => Promise<W>): Promise<{ stack: TestStack; world: W }> {
  const seeded = await sharedSeed(name, async ({ table }) => {
    const seeder = await testStack({ now: start, tableName: table });
    try {
      const world = await seed(seeder);
      return { world, now: seeder.clock.now().toISOString() };
    } finally {
      await seeder.close();
    }
  });
  const stack = await testStack({ now: seeded.now });
  await copyWorld(seeded, stack.ctx.db);
  return { stack, world: seeded.world };
}

/** Every item of a seeded world's table into `into` (another table, another dynalite, a data folder's). */
export async function copyWorld(seeded: Seeded<unknown>, into: Db): Promise<void> {
  const from = makeDb({ endpoint: seeded.dynamoUrl, table: seeded.table, quickRetries: true });
  try {
    await copyTable(from, into);
  } finally {
    from.destroy();
  }
}

type Copyable = {
  scan: { go(o: object): Promise<{ data: Record<string, unknown>[] }> };
  put(items: Record<string, unknown>[]): { go(o: object): Promise<{ unprocessed: unknown[] }> };
};
/** The entities of a Db, each item type once (the counters are entities of their own). */
const entitiesOf = (db: Db) => {
  const { service: _s, counters, ...entities } = db.entities;
  return [...Object.entries(entities), ...Object.entries(counters).map(([k, e]) => [`counter_${k}`, e])] as unknown as [string, Copyable][];
};

/** Every item of every entity from the world's table into another, through the entities. */
async function copyTable(from: Db, to: Db): Promise<void> {
  const into = new Map(entitiesOf(to));
  for (const [name, e] of entitiesOf(from)) {
    const { data } = await e.scan.go({ pages: 'all' });
    if (!data.length) continue;
    const { unprocessed } = await into.get(name)!.put(data).go({ concurrency: 4 });
    if (unprocessed.length) throw new Error(`copying the world: ${unprocessed.length} items not written`);
  }
}
