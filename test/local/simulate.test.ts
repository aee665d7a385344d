import { beforeAll, describe, expect, it } from 'vitest';
import { currentCourse } from '../../functions/core/course/versions.js';
import { localDate, localParts } from '../../functions/core/shared/time.js';
import { NAMES, REPLIES, type SimResult } from '../../functions/local/simulate.js';
import { courseWorld, type CourseWorld } from '../helpers/course-world.js';
import type { Seeded } from '../helpers/shared-world.js';
import { testStack } from '../helpers/stack.js';

const ENDINGS = new Set(['tumultuous/day-45', 'healthy/day-60', 'stress/day-28', 'shared/closing']);
// The course's other closing lessons (issue 11: couples back together, readers who stop the questions).
for (const t of Object.values(currentCourse.tracks))
  for (const p of Object.values(t.paths)) if (!p.at(-1)!.branch) ENDINGS.add(p.at(-1)!.lesson);
const REPEATABLE = new Set([
  'stress/break-check',
  'shared/more-time',
  ...Object.values(currentCourse.interjections),
  // Shared lessons sit on more than one track: a reader who switches may meet one twice.
  'shared/first-days',
  'shared/communication',
  'shared/self-esteem',
  'shared/personal-growth',
  'shared/ex-reached-out',
  'shared/readiness',
]);
const BRANCH_LESSONS = new Set(['stress/day-04', 'stress/break-check', 'tumultuous/day-30', 'healthy/day-45', 'shared/more-time']);

/** Every log line the simulated system wrote, through the real Powertools logger (issue 14's scan). */
const lines: string[] = [];
/** The fixed words of each reply (around the day number some carry). */
const replyWords = REPLIES.flatMap((r) => r.split('{day}')).map((p) => p.trim()).filter((p) => p.length >= 12);

describe('a 100-reader, 120-day simulation, sign-ups spread over its first 35 days', () => {
  let result: SimResult;
  let seeded: Seeded<CourseWorld>;
  // The world is shared with the dashboard's browser test (helpers/course-world.ts), seeded once.
  beforeAll(async () => {
    seeded = await courseWorld();
    result = seeded.world.result;
    lines.push(...seeded.world.lines);
  }, 600_000);

  it('gives the Cohorts report more than one enrolment month', async () => {
    const months = new Set(result.readers.map((r) => r.createdAt.slice(0, 7)));
    expect([...months].sort()).toEqual(['2026-01', '2026-02']);
    expect(new Set(result.readers.map((r) => r.createdAt.slice(0, 10))).size).toBeGreaterThan(10);
    // The author's Cohorts report, read from the table the simulation wrote (reading changes nothing).
    const stack = await testStack({ dynamoUrl: seeded.dynamoUrl, tableName: seeded.table, now: seeded.now });
    try {
      const res = await stack.app.request('/api/admin/reports/cohorts', { headers: { authorization: 'Bearer test-admin-token' } });
      expect(res.status).toBe(200);
      const { rows } = (await res.json()) as { rows: { cohort: string }[] };
      expect(new Set(rows.map((r) => r.cohort))).toEqual(new Set(['2026-01', '2026-02']));
    } finally {
      await stack.close();
    }
  });

  // Issue 14: sign-ups, confirmations, lessons, clicks, replies, check-ins and unsubscribes write
  // every log line a deployment would; none may carry an address, a first name or a reader's words.
  it('logs every kind of event, as JSON lines a log service can index', () => {
    const messages = new Set(lines.map((l) => (JSON.parse(l) as { message: string }).message));
    for (const m of ['confirmation sent', 'reply logged']) expect(messages).toContain(m);
    expect(lines.length).toBeGreaterThan(100);
  });

  it('logs no email address, no first name, no reply text', () => {
    expect(result.readers.some((r) => r.replies.length)).toBe(true);
    expect(lines.filter((l) => /[^\s"'<>()]+@[^\s"'<>()]+\.[a-z]{2,}/i.test(l))).toEqual([]);
    for (const r of result.readers) expect(lines.filter((l) => l.includes(r.email.split('@')[0]!)), r.email).toEqual([]);
    for (const name of NAMES) expect(lines.filter((l) => new RegExp(`\\b${name}\\b`).test(l)), name).toEqual([]);
    for (const words of replyWords) expect(lines.filter((l) => l.includes(words)), words).toEqual([]);
  });

  it('runs to the end', () => {
    expect(result.readers.length).toBeGreaterThan(85); // a few never confirm and expire
    expect(result.readers.length).toBeLessThanOrEqual(100);
  });

  it('starts everyone with the welcome of their own situation', () => {
    for (const r of result.readers) {
      if (!r.sends.length) continue;
      expect(r.sends[0]!.lessonId).toBe(`${r.situation}/day-00`);
    }
  });

  it('sends at most one lesson per local day, at the reader\'s hour after the welcome', () => {
    for (const r of result.readers) {
      const days = r.sends.map((s) => localDate(new Date(s.sentAt), r.timezone));
      expect(new Set(days).size).toBe(days.length);
      for (const s of r.sends.slice(1)) expect(localParts(new Date(s.sentAt), r.timezone).hour).toBe(r.sendHour);
    }
  });

  it('never repeats a lesson except the re-asks, interjections and lessons shared between tracks', () => {
    for (const r of result.readers) {
      const seen = new Set<string>();
      for (const s of r.sends) {
        if (seen.has(s.lessonId)) expect(REPEATABLE.has(s.lessonId), `${r.situation} reader got ${s.lessonId} again: ${r.sends.map((x) => x.lessonId).join(', ')}; choices ${JSON.stringify(r.choices)}; replies ${JSON.stringify(r.replies)}`).toBe(true);
        seen.add(s.lessonId);
      }
    }
  });

  it('never sends a reader the same lesson more than twice (the simulation contract of issue 11)', () => {
    for (const r of result.readers) {
      const counts = new Map<string, number>();
      for (const s of r.sends) counts.set(s.lessonId, (counts.get(s.lessonId) ?? 0) + 1);
      for (const [lesson, n] of counts) expect(n, `${r.id} ${lesson}`).toBeLessThanOrEqual(2);
    }
  });

  it('records each choice after the branch lesson that asked it, and moves the reader accordingly', () => {
    let moved = 0;
    for (const r of result.readers) {
      for (const c of r.choices) {
        const asked = r.sends.filter((s) => BRANCH_LESSONS.has(s.lessonId) && s.sentAt <= c.at);
        expect(asked.length).toBeGreaterThan(0);
      }
      if (r.choices.some((c) => c.choice.startsWith('adamant'))) {
        expect(r.track).not.toBe('stress');
        moved++;
      }
      if (r.choices.some((c) => c.choice === 'move-on')) expect(r.sends.some((s) => s.lessonId === 'shared/move-forward')).toBe(true);
    }
    expect(moved).toBeGreaterThan(0);
  });

  it('sends every due email exactly once, and the reports count each once (sends, replies, check-ins asked and answered)', () => {
    const d = result.delivery;
    expect(d).toMatchObject({ duplicated: 0, missing: 0, offDay: 0, overdue: 0 });
    // With nothing failing, each goes on the reader's hour itself, not a tick after it.
    // On failure: which sends were late, and what the system logged about those readers (ids only).
    const late = d.problems?.filter((p) => p.problem === 'late') ?? [];
    const said = lines.filter((l) => !l.includes('"level":"INFO"') || late.some((p) => l.includes(p.readerId)));
    expect(d.maxSlipMinutes, JSON.stringify({ late, said: said.slice(0, 60) }, null, 1)).toBe(0);
    expect(d.emails).toBe(d.recorded);
    expect(d.counts).toEqual({
      funnel: { counted: expect.any(Number), recorded: expect.any(Number), itemsOff: 0 },
      replied: { counted: expect.any(Number), recorded: expect.any(Number), itemsOff: 0 },
      outcomes: { counted: expect.any(Number), recorded: expect.any(Number), itemsOff: 0 },
      perDay: { counted: d.recorded, recorded: d.recorded, daysOff: 0 },
    });
    expect(d.counts!.outcomes.counted).toBe(d.counts!.outcomes.recorded);
    expect(d.counts!.outcomes.counted).toBeGreaterThan(0);
    expect(d.counts!.funnel.counted).toBe(d.counts!.funnel.recorded);
    expect(d.counts!.replied.counted).toBe(d.counts!.replied.recorded);
    expect(d.counts!.replied.counted).toBeGreaterThan(0);
  });

  it('stores every reply the readers wrote, once', () => {
    const { replies } = result.delivery;
    expect(replies.sent).toBeGreaterThan(50);
    expect(replies).toMatchObject({ stored: replies.sent, lost: 0, doubled: 0, gaveUp: 0 });
  });

  it('ends every reader on a sensible path', () => {
    const statuses = new Map<string, number>();
    for (const r of result.readers) {
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      expect(['active', 'completed', 'paused', 'unsubscribed']).toContain(r.status);
      if (r.status === 'completed') expect(ENDINGS.has(r.sends.at(-1)!.lessonId)).toBe(true);
      if (r.status === 'unsubscribed') continue;
      const last = r.sends.at(-1);
      if (last && !last.lessonId.startsWith('shared/')) expect(last.lessonId.split('/')[0]).toBe(r.track);
    }
    expect(statuses.get('completed') ?? 0).toBeGreaterThan(20);
  });
});
