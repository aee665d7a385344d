/**
 * The outcome report at scale: 100,000 readers with check-ins and answers, seeded straight into the
 * embedded DynamoDB, then
 *  - the report as the author gets it (GET /api/admin/reports/outcomes: one Query on the counters);
 *  - a naive recount (Scan every item, tally check-ins asked and answers per situation and checkpoint).
 * Both must agree; the report's latency must not depend on the number of readers.
 */
import { ManualClock } from '../functions/core/clock.js';
import type { Ctx } from '../functions/core/context.js';
import { putCounters } from '../functions/core/db/counters.js';
import { putOutcomes, type OutcomeRecord } from '../functions/core/db/outcomes.js';
import { putReaders, readerFromItem, type Reader, type Situation } from '../functions/core/db/readers.js';
import { Outcome } from '../functions/core/outcomes/categories.js';
import { outcomeDims } from '../functions/core/outcomes/record.js';
import { addMonths } from '../functions/core/shared/time.js';
import { checkpointRow, type OutcomeReport } from '../functions/core/reports/outcomes.js';
import { startStack } from '../functions/local/stack.js';
import { rng } from '../functions/local/simulate.js';
import { fmt, timed } from './seed.js';

const N = Number(process.env.BENCH_REPORT_READERS ?? 100_000);
const NOW = '2026-06-01T12:00:00Z';
const SITUATIONS: Situation[] = ['tumultuous', 'healthy', 'stress'];
const CHECKPOINTS = [1, 3, 6, 12, 24];
const TOKEN = 'bench-admin-token';

type Counts = Map<string, Record<string, number>>;
const add = (m: Counts, sk: string, attr: string) => {
  const c = m.get(sk) ?? {};
  c[attr] = (c[attr] ?? 0) + 1;
  m.set(sk, c);
};

/** One synthetic reader who enrolled some time in the last two years, with the check-ins due so far and some answers. */
function reader(i: number, rand: ReturnType<typeof rng>, counters: Counts): { reader: Reader; outcomes: OutcomeRecord[] } {
  const situation = SITUATIONS[i % 3]!;
  const track = rand.next() < 0.2 ? rand.pick(SITUATIONS) : situation;
  const enrolled = new Date(Date.parse(NOW) - Math.floor(rand.next() * 760) * 86_400_000).toISOString();
  const enrolledOn = enrolled.slice(0, 10);
  const cohort = enrolledOn.slice(0, 7);
  const consent = rand.next() < 0.7;
  const asked = consent ? CHECKPOINTS.filter((m) => addMonths(enrolledOn, m) <= NOW.slice(0, 10)) : [];
  const r: Reader = {
    id: `b${String(i).padStart(7, '0')}`, email: `bench-${i}@example.test`, firstName: `R${i}`, situation, track, timezone: 'UTC', sendHour: 8,
    followUpConsent: consent, followUpStopped: false, status: asked.length ? 'completed' : 'active', createdAt: enrolled, enrolledOn,
    confirmSentAt: [], sendSeq: asked.length, repliedSeqs: [], outbox: [], ver: 1,
    sends: asked.map((m, k) => ({ seq: k + 1, kind: 'checkin' as const, ref: `${m}m`, at: `${addMonths(enrolledOn, m)}T08:00:00.000Z`, localDate: addMonths(enrolledOn, m) })),
  };
  const outcomes: OutcomeRecord[] = [];
  for (const m of asked) {
    const cp = `${m}m`;
    const dims = [outcomeDims.situation(situation, cp), outcomeDims.track(track, cp), outcomeDims.cohort(cohort, situation, cp)];
    for (const d of dims) add(counters, d, 'asked');
    if (rand.next() > 0.6 - m / 100) continue; // fewer answer as the years go by
    const outcome = rand.pick(Outcome.options);
    for (const d of dims) add(counters, d, outcome);
    const at = `${addMonths(enrolledOn, m)}T10:00:00.000Z`;
    outcomes.push({
      readerId: r.id, checkpoint: cp, outcome, answeredAt: at, source: 'link',
      situation, track, cohort, history: [{ outcome, at, source: 'link' }], outbox: [], ver: 1,
    });
  }
  return { reader: r, outcomes };
}

/** The naive way: read every reader and outcome item in the table (Scans) and count. */
async function naiveRecount(ctx: Ctx): Promise<Map<string, Record<string, number>>> {
  const tally = new Map<string, Record<string, number>>();
  const [readers, outcomes] = await Promise.all([
    ctx.db.entities.reader.scan.go({ pages: 'all' }),
    ctx.db.entities.outcome.scan.go({ pages: 'all' }),
  ]);
  for (const r of readers.data.map(readerFromItem)) for (const s of r.sends) if (s.kind === 'checkin') add(tally, `${r.situation}#${s.ref}`, 'asked');
  for (const o of outcomes.data) add(tally, `${o.situation}#${o.checkpoint}`, String(o.outcome));
  return tally;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchReport(): Promise<void> {
  console.log(`\nOutcome report: ${fmt(N)} readers over two years, embedded dynalite (in memory)`);
  const stack = await startStack({ dataDir: null, silent: true, clock: new ManualClock(NOW), tableName: 'bench_report', secrets: { adminToken: TOKEN } });
  const { ctx } = stack;
  try {
    const rand = rng(42);
    const counters: Counts = new Map();
    const people = Array.from({ length: N }, (_, i) => reader(i, rand, counters));
    const answers = people.flatMap((p) => p.outcomes);
    const counterItems = [...counters].map(([dims, counts]) => ({ dims, counts }));
    const seeded = await timed(() =>
      Promise.all([putReaders(ctx, people.map((p) => p.reader)), putOutcomes(ctx, answers), putCounters(ctx, 'outcomes', counterItems)]),
    );
    console.log(`  seeded ${fmt(N + answers.length + counterItems.length)} items (${fmt(N)} readers, ${fmt(answers.length)} answers, ${fmt(counterItems.length)} counters) in ${fmt(seeded.ms / 1000, 1)} s`);

    const report = async () => {
      const res = await stack.app.request('/api/admin/reports/outcomes', { headers: { authorization: `Bearer ${TOKEN}` } });
      if (res.status !== 200) throw new Error(`report: ${res.status}`);
      return (await res.json()) as OutcomeReport;
    };
    await report(); // warm-up
    const runs: number[] = [];
    let rep: OutcomeReport | undefined;
    for (let i = 0; i < 15; i++) {
      const t = await timed(report);
      runs.push(t.ms);
      rep = t.value;
    }
    const naiveRuns: number[] = [];
    let tally = new Map<string, Record<string, number>>();
    for (let i = 0; i < 3; i++) {
      const t = await timed(() => naiveRecount(ctx));
      naiveRuns.push(t.ms);
      tally = t.value;
    }
    const agree = rep!.groups.every((g) =>
      g.rows.every((row) => JSON.stringify(checkpointRow(g.group, row.checkpoint, tally.get(`${g.group}#${row.checkpoint}`) ?? {})) === JSON.stringify(row)),
    );
    const ours = median(runs);
    const naive = median(naiveRuns);
    console.log(`  outcome report (GET /api/admin/reports/outcomes, median of 15)   ${fmt(ours, 1).padStart(9)} ms   ${ours < 200 ? 'under' : 'OVER'} the 200 ms target`);
    console.log(`  naive recount (Scan + tally, median of 3)                        ${fmt(naive, 1).padStart(9)} ms`);
    console.log(`  ratio: the report is ${fmt(naive / ours)}x faster; numbers ${agree ? 'identical' : 'DIFFER'}`);
    if (!agree) process.exitCode = 1;
  } finally {
    await stack.close();
  }
}
