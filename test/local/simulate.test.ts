import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { newId } from '../../functions/core/shared/ids.js';
import { currentCourse } from '../../functions/core/course/versions.js';
import { localDate, localParts } from '../../functions/core/shared/time.js';
import { simulate, type SimResult, type SimStart } from '../../functions/local/simulate.js';
import { inbox, testStack } from '../helpers/stack.js';

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

describe('a 100-reader, 120-day simulation', () => {
  let result: SimResult;
  beforeAll(async () => {
    result = await simulate({ readers: 100, days: 120, seed: 7, sesUrl: inject('sesUrl'), dynamoUrl: inject('dynamoUrl') });
  }, 600_000);

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

describe('simulate --persist without a running server', () => {
  const dirs: string[] = [];
  afterEach(() => {
    vi.unstubAllEnvs();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const persisted = async (env: Record<string, string>) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mend-simport-'));
    dirs.push(dataDir);
    vi.stubEnv('MEND_PUBLIC_URL', undefined as unknown as string);
    for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
    let started: SimStart | undefined;
    const result = await simulate({ readers: 2, days: 2, persist: true, dataDir, sesUrl: inject('sesUrl'), onStart: (s) => (started = s) });
    const mails = (await Promise.all(result.readers.map((r) => inbox({ urls: { inbox: inject('sesUrl') } } as never, r.email)))).flat();
    expect(mails.length).toBeGreaterThan(2);
    return { result, started: started!, text: mails.map((m) => m.body.text ?? '').join('\n'), dataDir };
  };

  it('points every link at PORT, where npm start will listen', async () => {
    const { text } = await persisted({ PORT: '4321' });
    expect(text).toContain('http://localhost:4321/');
    expect(text).not.toMatch(/http:\/\/localhost:(?!4321)\d+/);
  });

  it('points every link at MEND_PUBLIC_URL when it is set', async () => {
    const { text } = await persisted({ PORT: '4321', MEND_PUBLIC_URL: 'http://mend.test:8080' });
    expect(text).toContain('http://mend.test:8080/');
    expect(text).not.toContain('localhost:');
  });

  it('continues the data folder\'s app clock, and a second run adds new readers after the first', async () => {
    const first = await persisted({});
    const clock = JSON.parse(readFileSync(join(first.dataDir, 'clock.json'), 'utf8')) as { offsetMs: number };
    expect(clock.offsetMs).toBeGreaterThan(0);
    const again = await simulate({ readers: 2, days: 1, persist: true, dataDir: first.dataDir, sesUrl: inject('sesUrl') });
    expect(Date.parse(again.start)).toBeGreaterThanOrEqual(Date.parse(first.result.end));
    expect(again.readers.map((r) => r.email).some((e) => first.result.readers.some((f) => f.email === e))).toBe(false);
    expect(first.started.end).toBe(new Date(Date.parse(first.started.start) + 2 * 86_400_000).toISOString());
  });
});

describe('sign-ups spread over the simulated period', () => {
  it('gives the Cohorts report more than one enrolment month', async () => {
    const tableName = `simcohort_${newId(8)}`;
    const result = await simulate({
      readers: 24,
      days: 75,
      enrolOverDays: 35,
      seed: 3,
      start: '2026-01-20T08:00:00Z',
      tableName,
      sesUrl: inject('sesUrl'),
      dynamoUrl: inject('dynamoUrl'),
    });
    const months = new Set(result.readers.map((r) => r.createdAt.slice(0, 7)));
    expect([...months].sort()).toEqual(['2026-01', '2026-02']);
    const days = new Set(result.readers.map((r) => r.createdAt.slice(0, 10)));
    expect(days.size).toBeGreaterThan(10);

    // The author's Cohorts report, read from the table the simulation wrote.
    const stack = await testStack({ tableName, now: result.end });
    try {
      const res = await stack.app.request('/api/admin/reports/cohorts', { headers: { authorization: 'Bearer test-admin-token' } });
      expect(res.status).toBe(200);
      const { rows } = (await res.json()) as { rows: { cohort: string }[] };
      expect(new Set(rows.map((r) => r.cohort)).size).toBeGreaterThan(1);
    } finally {
      await stack.close();
    }
  }, 300_000);
});
