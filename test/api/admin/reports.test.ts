import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Overview } from '../../../functions/core/admin/overview.js';
import { readerHistory } from '../../../functions/core/db/history.js';
import { getReader } from '../../../functions/core/db/readers.js';
import { OUTCOMES } from '../../../functions/core/outcomes/categories.js';
import type { FunnelRow } from '../../../functions/core/reports/funnel.js';
import type { CohortRow, OutcomeReport } from '../../../functions/core/reports/outcomes.js';
import type { Reader } from '../../../functions/core/db/readers.js';
import { addDays } from '../../../functions/core/shared/time.js';
import { sharedWorld } from '../../helpers/shared-world.js';
import type { TestStack } from '../../helpers/stack.js';
import { api, apiJson, csvObjects, dash, login, parseCsv } from './admin-helpers.js';
import { seedWorld, type World } from './world.js';

let stack: TestStack;
let world: World;
let cookie: string;
let readers: Reader[];
let outcomes: Record<string, unknown>[];
beforeAll(async () => {
  ({ stack, world } = await sharedWorld('admin', '2026-01-05T06:00:00Z', seedWorld));
  cookie = await login(stack);
  readers = (await Promise.all(world.readers.map((r) => getReader(stack.ctx, r.id)))) as Reader[];
  outcomes = (await Promise.all(world.readers.map((r) => readerHistory(stack.ctx, r.id)))).flatMap((h) => h.outcomes);
}, 120_000);
afterAll(() => stack.close());

const CPS = ['1m', '3m', '6m', '12m', '24m'];
const IDS = Object.keys(OUTCOMES);

/** The report recomputed from the per-reader records: check-ins sent, and each reader's latest answer. */
function recount(situation: string, cp: string) {
  const due = readers.filter((r) => r.situation === situation && r.sends.some((s) => s.kind === 'checkin' && s.ref === cp)).length;
  const counts: Record<string, number> = Object.fromEntries(IDS.map((o) => [o, 0]));
  for (const o of outcomes) if (o.situation === situation && o.checkpoint === cp) counts[String(o.outcome)]! += 1;
  const responded = IDS.reduce((s, o) => s + counts[o]!, 0);
  return { due, responded, counts: { ...counts, no_response: due - responded } };
}

describe('GET /api/admin/reports/outcomes', () => {
  it('matches a recount from the per-reader records, for every situation and checkpoint', async () => {
    const rep = await apiJson<OutcomeReport>(stack, '/reports/outcomes');
    expect(rep.by).toBe('situation');
    expect(rep.checkpoints).toEqual(CPS);
    expect(rep.categories).toEqual([...IDS, 'no_response']);
    expect(rep.groups.map((g) => g.group)).toEqual(['tumultuous', 'healthy', 'stress']);
    let answered = 0;
    for (const g of rep.groups)
      for (const row of g.rows) {
        const want = recount(g.group, row.checkpoint);
        expect({ due: row.due, responded: row.responded, counts: row.counts }, `${g.group} ${row.checkpoint}`).toEqual(want);
        expect(row.responseRate).toBe(want.due ? want.responded / want.due : null);
        if (row.due) expect(Object.values(row.shares).reduce((a, b) => a! + b!, 0)).toBeCloseTo(1, 10);
        answered += row.responded;
      }
    expect(answered).toBe(7); // eight answers in the world, one of them changed
    // The world has readers who never answered: "no response" is its own, non-zero category.
    const t1 = rep.groups[0]!.rows[0]!;
    expect(t1).toMatchObject({ checkpoint: '1m', due: 3, responded: 2, counts: { 'together-struggling': 1, 'together-healthy': 1, no_response: 1 } });
    expect(t1.reconciled).toEqual({ count: 2, ofResponded: 1, low: 2 / 3, high: 1 });
  });

  it('groups by the track readers were on when asked, with the same totals', async () => {
    const byTrack = await apiJson<OutcomeReport>(stack, '/reports/outcomes?by=track');
    const bySit = await apiJson<OutcomeReport>(stack, '/reports/outcomes');
    expect(byTrack.by).toBe('track');
    const total = (r: OutcomeReport, k: 'due' | 'responded') => r.groups.flatMap((g) => g.rows).reduce((s, x) => s + x[k], 0);
    expect(total(byTrack, 'due')).toBe(total(bySit, 'due'));
    expect(total(byTrack, 'responded')).toBe(total(bySit, 'responded'));
    for (const g of byTrack.groups)
      for (const row of g.rows)
        for (const o of IDS) expect(row.counts[o as keyof typeof row.counts]).toBe(outcomes.filter((x) => x.track === g.group && x.checkpoint === row.checkpoint && x.outcome === o).length);
    expect((await api(stack, '/reports/outcomes?by=colour')).status).toBe(400);
  });

  it('exports the report as CSV: a header row and the same numbers', async () => {
    const res = await api(stack, '/reports/outcomes?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="mend-outcome-report-by-situation-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = await res.text();
    const [header] = parseCsv(text);
    expect(header).toEqual([
      'situation', 'checkpoint', 'due', 'responded', 'response_rate_pct',
      ...[...IDS, 'no_response'].flatMap((k) => [k, `${k}_pct`]),
      'reconciled', 'reconciled_pct_of_responded', 'reconciled_pct_low', 'reconciled_pct_high',
      'reconciled_healthy', 'reconciled_healthy_pct_of_responded', 'reconciled_healthy_pct_low', 'reconciled_healthy_pct_high',
      'not_asked',
    ]);
    const rows = csvObjects(text);
    expect(rows).toHaveLength(15);
    const t1 = rows.find((r) => r.situation === 'tumultuous' && r.checkpoint === '1m')!;
    expect(t1).toMatchObject({ due: '3', responded: '2', response_rate_pct: '66.7', 'together-struggling': '1', no_response: '1', no_response_pct: '33.3', reconciled_pct_low: '66.7', reconciled_pct_high: '100' });
    for (const r of rows) expect(Number(r.due)).toBe(recount(r.situation!, r.checkpoint!).due);
    // The dashboard's download is the same file.
    const viaDash = await dash(stack, cookie, '/admin/export/report.csv');
    expect(await viaDash.text()).toBe(text);
  });
});

describe('reports read only the counters', () => {
  it('never Scan: every report, overview and export is Queries and Gets', async () => {
    const db = stack.ctx.db.client as unknown as { send: (cmd: object) => Promise<unknown> };
    const original = db.send.bind(db);
    const used: string[] = [];
    db.send = (cmd: object) => {
      used.push(cmd.constructor.name);
      return original(cmd);
    };
    try {
      for (const path of ['/reports/outcomes', '/reports/outcomes?by=track', '/reports/cohorts', '/reports/funnel', '/overview', '/reports/outcomes?format=csv', '/readers?format=csv', '/replies?format=csv', '/outcomes?format=csv']) {
        const res = await api(stack, path);
        expect(res.status).toBe(200);
        await res.text();
      }
    } finally {
      db.send = original;
    }
    expect(used.length).toBeGreaterThan(5);
    expect(used.filter((c) => !['QueryCommand', 'GetCommand', 'BatchGetCommand'].includes(c))).toEqual([]); // no Scan, no writes
  });
});

describe('GET /api/admin/reports/cohorts and /funnel', () => {
  it('splits the same counts by enrolment month', async () => {
    const { rows } = await apiJson<{ rows: CohortRow[] }>(stack, '/reports/cohorts');
    expect(new Set(rows.map((r) => r.cohort))).toEqual(new Set(['2026-01']));
    for (const r of rows) expect(r.due).toBe(recount(r.situation, r.checkpoint).due);
    expect((await apiJson<{ rows: CohortRow[] }>(stack, '/reports/cohorts?from=2026-02')).rows).toEqual([]);
    const stress = (await apiJson<{ rows: CohortRow[] }>(stack, '/reports/cohorts?situation=stress')).rows;
    expect(stress.length).toBeGreaterThan(0);
    expect(stress).toEqual(rows.filter((r) => r.situation === 'stress'));
    expect(parseCsv(await (await api(stack, '/reports/cohorts?format=csv')).text())[0]!.slice(0, 3)).toEqual(['cohort', 'situation', 'checkpoint']);
  });

  it('counts lessons per track: sent, replied, clicked, unsubscribed', async () => {
    const { rows } = await apiJson<{ rows: FunnelRow[] }>(stack, '/reports/funnel');
    const row = (track: string, lesson: string) => rows.find((r) => r.track === track && r.lessonId === lesson);
    // A later lesson (sent by the scheduler, one per reader who got it) matches the readers' own send records.
    const sends = readers.flatMap((r) => r.sends.filter((s) => s.kind === 'lesson' && s.ref === 'tumultuous/day-03'));
    expect(row('tumultuous', 'tumultuous/day-03')?.sent).toBe(sends.length);
    expect(row('tumultuous', world.awkward.lessonId)?.replied).toBe(1);
    // Ordered by the lesson's day on the track.
    const days = rows.filter((r) => r.track === 'tumultuous' && r.day !== null).map((r) => r.day!);
    expect(days).toEqual([...days].sort((a, b) => a - b));
    const stress = (await apiJson<{ rows: FunnelRow[] }>(stack, '/reports/funnel?track=stress')).rows;
    expect(stress.length).toBeGreaterThan(0);
    expect(stress).toEqual(rows.filter((r) => r.track === 'stress'));
  });
});

describe('GET /api/admin/overview', () => {
  it('counts readers by status and track, lessons sent lately, replies waiting', async () => {
    const o = await apiJson<Overview>(stack, '/overview');
    expect(o.readers.total).toBe(readers.length);
    for (const r of readers) expect(o.readers.byStatusAndTrack[r.status]![r.track]).toBeGreaterThan(0);
    expect(Object.values(o.readers.byStatus).reduce((a, b) => a + b, 0)).toBe(readers.length);
    const today = stack.clock.now().toISOString().slice(0, 10);
    const since = (days: number, kind: string) => readers.flatMap((r) => r.sends).filter((s) => s.kind === kind && s.at.slice(0, 10) >= addDays(today, -days + 1)).length;
    expect(o.sent.last7).toEqual({ lesson: since(7, 'lesson'), checkin: since(7, 'checkin') });
    expect(o.sent.last30).toEqual({ lesson: since(30, 'lesson'), checkin: since(30, 'checkin') });
    expect(o.replies).toEqual({ awaitingReview: 2, unmatched: 1 });
    expect(o.nextDispatch === null || o.nextDispatch > o.now).toBe(true);
  });
});

describe('CSV exports of every table', () => {
  it('readers: header, and a name with a comma and quotes escaped', async () => {
    const res = await api(stack, '/readers?format=csv');
    const text = await res.text();
    expect(text.split('\r\n')[0]).toBe('id,email,first_name,situation,track,status,created_at');
    expect(text).toContain(',"Ann, ""Jo""",tumultuous,');
    const rows = csvObjects(text);
    expect(rows).toHaveLength(readers.length);
    expect(rows.find((r) => r.id === world.awkward.id)).toMatchObject({ email: world.awkward.email, first_name: 'Ann, "Jo"', situation: 'tumultuous' });
  });

  it('replies: the text keeps its line break and quotes', async () => {
    const text = await (await api(stack, '/replies?format=csv')).text();
    expect(text).toContain('"Day 3 of no contact, and it is hard.\nI said ""no"" when my sister asked, =really."');
    const rows = csvObjects(text);
    expect(rows).toHaveLength(2);
    const r = rows.find((x) => x.reply_id === world.awkward.replyId)!;
    expect(r).toMatchObject({ reader_id: world.awkward.id, text: world.awkward.text, lesson_id: world.awkward.lessonId, reviewed: 'false', signals: 'no-contact-day' });
  });

  it('outcomes and unmatched: one row per record', async () => {
    const rows = csvObjects(await (await api(stack, '/outcomes?format=csv')).text());
    expect(rows).toHaveLength(outcomes.length);
    const changed = rows.find((r) => r.reader_id === world.readers[3]!.id)!;
    expect(changed).toMatchObject({ checkpoint: '1m', outcome: 'together-healthy', changes: '1', source: 'link' });
    const json = await apiJson<{ outcomes: { readerId: string }[] }>(stack, '/outcomes?checkpoint=3m');
    expect(json.outcomes.map((o) => o.readerId).sort()).toEqual([world.readers[0]!.id, world.readers[5]!.id].sort());
    const mail = csvObjects(await (await api(stack, '/unmatched?format=csv')).text());
    expect(mail).toEqual([expect.objectContaining({ id: world.unmatchedId, from: world.strangerEmail, subject: 'Hi, it is me' })]);
  });

  it('each dashboard download needs the session and streams the same table', async () => {
    for (const file of ['readers', 'replies', 'outcomes', 'unmatched', 'report', 'cohorts', 'funnel']) {
      const res = await dash(stack, cookie, `/admin/export/${file}.csv`);
      expect(res.status, file).toBe(200);
      expect(parseCsv(await res.text()).length, file).toBeGreaterThan(1);
    }
    expect((await dash(stack, cookie, '/admin/export/secrets.csv')).status).toBe(404);
  });
});

describe('the report pages', () => {
  it('show each situation with a stacked-bar chart, a legend and the numbers the API gives', async () => {
    const rep = await apiJson<OutcomeReport>(stack, '/reports/outcomes');
    const page = await (await dash(stack, cookie, '/admin/reports/outcomes')).text();
    expect(page.match(/<svg /g)).toHaveLength(3);
    for (const label of ['A stormy relationship', 'No response', 'Back together, healthy', 'Moved on']) expect(page).toContain(label);
    for (const g of rep.groups)
      for (const r of g.rows) {
        expect(page).toContain(`data-cell="${g.group}:${r.checkpoint}:due">${r.due}<`);
        expect(page).toContain(`data-cell="${g.group}:${r.checkpoint}:no_response">${r.counts.no_response}<`);
      }
    expect(page).toContain('3 due · 67% answered');
    const byTrack = await (await dash(stack, cookie, '/admin/reports/outcomes?by=track')).text();
    expect(byTrack).toContain('Track they were on when asked');
    expect(byTrack).toContain('tumultuous track');
  });

  it('render the overview, cohorts and funnel', async () => {
    expect(await (await dash(stack, cookie, '/admin')).text()).toContain('replies awaiting review');
    expect(await (await dash(stack, cookie, '/admin/reports/cohorts')).text()).toContain('2026-01');
    expect(await (await dash(stack, cookie, '/admin/reports/funnel')).text()).toContain('tumultuous/day-03');
    expect(await (await dash(stack, cookie, '/admin/exports')).text()).toContain('/admin/export/report.csv');
  });
});
