import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putOutcomes } from '../../../functions/core/db/outcomes.js';
import type { Reader } from '../../../functions/core/db/readers.js';
import { Segment } from '../../../functions/core/newsletters/segment-schema.js';
import { suppressAddress } from '../../../functions/core/sending/suppression.js';
import { daysBetween, localDate } from '../../../functions/core/shared/time.js';
import { api, apiJson } from '../../api/admin/admin-helpers.js';
import { seed, seededReader } from '../../helpers/newsletters.js';
import { testStack, type TestStack } from '../../helpers/stack.js';

/**
 * Segment counts against a recount written independently here, over a mixed population: every
 * status, newsletter on and off, newsletter-only readers, suppressed addresses, outcomes.
 */
describe('newsletter segments', () => {
  let stack: TestStack;
  let readers: Reader[];
  const suppressed = new Set<string>();
  const latest = new Map<string, string>();
  const NOW = '2026-06-15T12:00:00Z';

  beforeAll(async () => {
    stack = await testStack({ now: NOW });
    const statuses = ['active', 'paused', 'completed', 'unsubscribed', 'suppressed', 'pending'] as const;
    const situations = ['tumultuous', 'healthy', 'stress'] as const;
    readers = Array.from({ length: 90 }, (_, i) => {
      const situation = situations[i % 3]!;
      const status = statuses[i % 6]!;
      const enrolledOn = `2026-${String(1 + (i % 6)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}`;
      return seededReader({
        situation,
        track: situations[(i + (i % 4 === 0 ? 1 : 0)) % 3]!,
        status,
        enrolledOn: status === 'pending' ? undefined : enrolledOn,
        newsletter: i % 5 !== 0,
        newsletterOffAt: i % 5 === 0 && i % 2 === 0 ? '2026-05-01T00:00:00.000Z' : undefined,
        course: i % 11 !== 0,
        timezone: i % 2 ? 'America/New_York' : 'Asia/Tokyo',
      });
    });
    await seed(stack, readers);
    for (const r of readers.filter((_, i) => i % 7 === 3)) {
      suppressed.add(r.id);
      await suppressAddress(stack.ctx, r.email, { reason: 'bounce' });
    }
    const outcomes = ['moved-on', 'together-healthy', 'undecided'] as const;
    const records = readers
      .filter((_, i) => i % 4 === 1)
      .flatMap((r, j) => {
        const first = { checkpoint: '1m', outcome: outcomes[j % 3]!, answeredAt: '2026-03-01T00:00:00.000Z' };
        const later = { checkpoint: '3m', outcome: outcomes[(j + 1) % 3]!, answeredAt: '2026-05-01T00:00:00.000Z' };
        const mine = j % 2 ? [first, later] : [first];
        latest.set(r.id, mine.at(-1)!.outcome);
        return mine.map((o) => ({ readerId: r.id, ...o, source: 'link' as const, situation: r.situation, track: r.track, cohort: '2026-01', history: [], outbox: [], ver: 1 }));
      });
    await putOutcomes(stack.ctx, records);
  });
  afterAll(() => stack.close());

  /** The recount: who should get an issue sent to this segment, from the readers as seeded. */
  function recount(input: Record<string, unknown>): number {
    const s = Segment.parse(input);
    const now = new Date(NOW);
    return readers.filter((r) => {
      if (!r.enrolledOn || r.status === 'pending' || !r.newsletter) return false;
      if (!['active', 'paused', 'completed'].includes(r.status) || suppressed.has(r.id)) return false;
      const course = r.course !== false;
      if (s.situation && (!course || !s.situation.includes(r.situation))) return false;
      if (s.track && (!course || !s.track.includes(r.track))) return false;
      if (s.status) {
        const st = !course ? 'newsletter-only' : r.status === 'active' ? 'in-course' : r.status === 'paused' ? 'paused' : 'finished';
        if (!(s.status.includes(st as never) || (st === 'paused' && s.status.includes('in-course')))) return false;
      }
      if (s.enrolledFrom && r.enrolledOn < s.enrolledFrom) return false;
      if (s.enrolledTo && r.enrolledOn > s.enrolledTo) return false;
      const day = daysBetween(r.enrolledOn, localDate(now, r.timezone));
      if ((s.courseDayMin !== undefined || s.courseDayMax !== undefined) && !course) return false;
      if (s.courseDayMin !== undefined && day < s.courseDayMin) return false;
      if (s.courseDayMax !== undefined && day > s.courseDayMax) return false;
      if (s.outcome && (!course || !s.outcome.includes(latest.get(r.id) as never))) return false;
      return true;
    }).length;
  }

  it.each([
    [{}],
    [{ situation: 'stress' }],
    [{ situation: ['stress', 'healthy'], status: 'in-course' }],
    [{ track: 'tumultuous', status: ['finished', 'paused'] }],
    [{ status: 'newsletter-only' }],
    [{ outcome: 'moved-on' }],
    [{ outcome: ['together-healthy', 'undecided'], situation: 'tumultuous' }],
    [{ enrolledFrom: '2026-02-01', enrolledTo: '2026-04-30' }],
    [{ courseDayMin: 14 }],
    [{ courseDayMin: 60, courseDayMax: 120 }],
  ])('counts %j as a recount does, without unsubscribed or suppressed readers', async (segment) => {
    const { count } = await apiJson<{ count: number }>(stack, '/segments/count', { body: { segment } });
    expect(count).toBe(recount(segment));
  });

  it('is not empty where it should not be (the population covers each filter)', () => {
    expect(recount({})).toBeGreaterThan(20);
    expect(recount({ outcome: 'moved-on' })).toBeGreaterThan(0);
    expect(recount({ status: 'newsletter-only' })).toBeGreaterThan(0);
  });

  it('saves a segment by name and counts it again by id', async () => {
    const saved = await apiJson<{ id: string; name: string }>(stack, '/segments', { body: { name: 'Past the first two weeks', segment: { courseDayMin: 14 } } });
    expect((await apiJson<{ segments: { id: string }[] }>(stack, '/segments')).segments.map((s) => s.id)).toContain(saved.id);
    const { count } = await apiJson<{ count: number }>(stack, '/segments/count', { body: { segmentId: saved.id } });
    expect(count).toBe(recount({ courseDayMin: 14 }));
  });

  it('names every bad key with a clear 400', async () => {
    const res = await api(stack, '/segments/count', { body: { segment: { situation: 'sunny', courseDayMin: 20, courseDayMax: 10, colour: 'blue', enrolledFrom: 'May' } } });
    expect(res.status).toBe(400);
    const { issues } = (await res.json()) as { issues: { path: string }[] };
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['segment.situation', 'segment.enrolledFrom']));
    expect(JSON.stringify(issues)).toMatch(/colour/);
  });
});
