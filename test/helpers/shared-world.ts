import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import { testStack, type TestStack } from './stack.js';

/**
 * A seeded world several test files share without seeding it again: the first file to ask seeds it
 * once into a table of its own (a lock folder in the run's folder says who), the others wait for it.
 * Each file then gets a private copy of that table on its own stack, with its clock where the world's
 * ended, so what one file changes never shows in another.
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
      writeFileSync(done, JSON.stringify({ world, now: seeder.clock.now().toISOString() }));
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
  const saved = JSON.parse(readFileSync(done, 'utf8')) as { world: W; now: string; error?: string };
  if (saved.error) throw new Error(`seeding the shared world ${name} failed: ${saved.error}`);
  const stack = await testStack({ now: saved.now });
  await copyTable(stack, source);
  return { stack, world: saved.world };
}

/** Every item of every entity from `source` into the stack's own table, through the entities. */
async function copyTable(stack: TestStack, source: string): Promise<void> {
  const { service: _s, counters, ...entities } = stack.ctx.db.entities;
  type Copyable = {
    scan: { go(o: object): Promise<{ data: Record<string, unknown>[] }> };
    put(items: Record<string, unknown>[]): { go(o: object): Promise<{ unprocessed: unknown[] }> };
  };
  for (const e of [...Object.values(entities), ...Object.values(counters)] as unknown as Copyable[]) {
    const { data } = await e.scan.go({ pages: 'all', table: source });
    if (!data.length) continue;
    const { unprocessed } = await e.put(data).go({ concurrency: 4 });
    if (unprocessed.length) throw new Error(`copying the world: ${unprocessed.length} items not written`);
  }
}
