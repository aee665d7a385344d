/**
 * The reader item's size and what it costs per call: a reader with 20, 40 and 60 sends, stored as
 * Mend stores it (`sends` as one string of rows, core/db/readers.ts) and as it was stored before
 * (a list of maps), each written, read and found by the due query in turn, in the same process
 * and run. The list of maps is written as a raw item (a baseline that by definition bypasses Mend).
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ManualClock } from '../functions/core/clock.js';
import { dueShard, getReader, queryDueShard, Reader, storedReader, type SendRecord } from '../functions/core/db/readers.js';
import { startStack } from '../functions/local/stack.js';
import { fmt } from './seed.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const NOW = '2026-06-01T00:00:00.000Z';

function sendsOf(n: number): SendRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const day = `2026-03-${String((i % 28) + 1).padStart(2, '0')}`;
    return { seq: i + 1, kind: 'lesson', ref: `healthy/day-${String(i).padStart(2, '0')}`, track: 'healthy', at: `${day}T08:00:00.000Z`, localDate: day, messageId: `0100018f0a1b2c3d-${String(i).padStart(8, '0')}-1a2b-3c4d-5e6f-7a8b9c0d1e2f-000000` };
  });
}

export async function benchReaderItem(): Promise<void> {
  console.log(`\nReader item: a write, a read and a due query of one reader, ${ROUNDS} times each way, embedded dynalite (in memory)`);
  const stack = await startStack({ dataDir: null, silent: true, clock: new ManualClock(NOW), tableName: 'bench_reader_item' });
  const { ctx } = stack;
  try {
    for (const n of [20, 40, 60]) {
      const r = Reader.parse({
        id: `bench-${n}`,
        email: 'reader@example.test',
        firstName: 'Reader',
        situation: 'healthy',
        track: 'healthy',
        timezone: 'Europe/Paris',
        sendHour: 8,
        followUpConsent: true,
        status: 'active',
        createdAt: '2026-01-01T00:00:00.000Z',
        dueAt: '2026-06-02T06:00:00.000Z',
        cursor: { path: 'main', index: 3, anchor: '2026-01-01' },
        sends: sendsOf(n),
      });
      const compact = storedReader(ctx, r);
      const maps = { ...compact, sends: r.sends };
      const ms: Record<'maps' | 'compact', number> = { maps: 0, compact: 0 };
      // Alternating rounds, so a slower moment of the machine falls on both alike.
      for (let i = 0; i < ROUNDS; i++)
        for (const [form, item] of [['maps', maps], ['compact', compact]] as const) {
          const t = performance.now();
          await ctx.db.client.send(new PutCommand({ TableName: ctx.db.table, Item: item }));
          const back = await getReader(ctx, r.id);
          if (back?.sends.length !== n) throw new Error(`the ${form} item read back with ${back?.sends.length} sends`);
          for await (const page of queryDueShard(ctx, dueShard(r.id, ctx.config.dueShards), '2026-06-03T00:00:00.000Z')) void page;
          ms[form] += performance.now() - t;
        }
      const kb = (item: unknown) => fmt(JSON.stringify(item).length / 1024, 1);
      console.log(
        `  ${n} sends: item ${kb(compact)} KB as Mend stores it, ${kb(maps)} KB as a list of maps (JSON size); ` +
          `write + read + due query ${fmt(ms.compact / ROUNDS, 2)} ms against ${fmt(ms.maps / ROUNDS, 2)} ms (${fmt(ms.compact / ms.maps, 2)}x)`,
      );
    }
  } finally {
    await stack.close();
  }
}
