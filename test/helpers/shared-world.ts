import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import { makeDb, type Db } from '../../functions/core/db/client.js';
import { testStack, type TestStack } from './stack.js';

/**
 * A seeded world several test files share without seeding it again: the first file to ask seeds it
 * once into a table of its own (a lock folder in the run's folder says who), the others wait for it.
 * Each file then gets a private copy of that table on its own stack, with its clock where the world's
 * ended, so what one file changes never shows in another. The seeder may have run in another worker,
 * on that worker's dynalite: the copy reads the world from where it was seeded.
 */
export async function sharedWorld<W>(name: string, start: string, seed: (stack: TestStack) => Promise<W>): Promise<{ stack: TestStack; world: W }> {
  const dir = inject('runDir');
  const done = join(dir, `${name}.json`);
  const source = `world_${name}`;
  let won = false;
  try {
    mkdirSync(join(dir, `${name}.lock`));
    won = true;
  } catch {
    // Another file is seeding it.
  }
  if (won) {
    const seeder = await testStack({ now: start, tableName: source });
    try {
      const world = await seed(seeder);
      writeFileSync(done, JSON.stringify({ world, now: seeder.clock.now().toISOString(), dynamoUrl: seeder.urls.dynamo }));
    } catch (e) {
      writeFileSync(done, JSON.stringify({ error: (e as Error).message }));
      throw e;
    } finally {
      await seeder.close();
    }
  }
  for (let waited = 0; !existsSync(done); waited += 100) {
    if (waited > 180_000) throw new Error(`the shared world ${name} was not seeded in time`);
    await sleep(100);
  }
  const saved = JSON.parse(readFileSync(done, 'utf8')) as { world: W; now: string; dynamoUrl: string; error?: string };
  if (saved.error) throw new Error(`seeding the shared world ${name} failed: ${saved.error}`);
  const stack = await testStack({ now: saved.now });
  const from = makeDb({ endpoint: saved.dynamoUrl, table: source, quickRetries: true });
  try {
    await copyTable(from, stack);
  } finally {
    from.destroy();
  }
  return { stack, world: saved.world };
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

/** Every item of every entity from the world's table into the stack's own table, through the entities. */
async function copyTable(from: Db, stack: TestStack): Promise<void> {
  const into = new Map(entitiesOf(stack.ctx.db));
  for (const [name, e] of entitiesOf(from)) {
    const { data } = await e.scan.go({ pages: 'all' });
    if (!data.length) continue;
    const { unprocessed } = await into.get(name)!.put(data).go({ concurrency: 4 });
    if (unprocessed.length) throw new Error(`copying the world: ${unprocessed.length} items not written`);
  }
}
