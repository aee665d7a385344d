import { describe, expect, it } from 'vitest';
import { lessonTemplates, allLessonTemplates } from '../../emails/lessons/index.js';
import { checkCourse } from '../../functions/core/course/check.js';
import { course } from '../../functions/core/course/definition.js';
import type { CourseDefinition } from '../../functions/core/course/schema.js';

const templates = new Set(lessonTemplates.keys());
const clone = (): CourseDefinition => structuredClone(course);

describe('the course check', () => {
  it('passes the real course', () => {
    expect(checkCourse(course, templates)).toEqual([]);
  });

  it('has a unique id for every lesson template, matching its file', async () => {
    expect(allLessonTemplates.length).toBe(lessonTemplates.size);
    const { readdirSync } = await import('node:fs');
    const root = new URL('../../emails/lessons/', import.meta.url);
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.tsx'))
      .map((f) => f.replace(/\\/g, '/').replace(/\.tsx$/, ''))
      .sort();
    // Every file is in the index, and each template's id is its path under emails/lessons/.
    expect([...lessonTemplates.keys()].sort()).toEqual(files);
    for (const f of files) {
      const mod = (await import(new URL(`${f}.tsx`, root).href)) as { meta: { id: string } };
      expect(mod.meta.id).toBe(f);
    }
  });

  it('gives each track a sensible size and the outline timings', () => {
    const count = (t: keyof CourseDefinition['tracks']) => Object.values(course.tracks[t].paths).reduce((n, p) => n + p.length, 0);
    for (const t of ['tumultuous', 'healthy', 'stress'] as const) expect(count(t)).toBeGreaterThanOrEqual(12);
    const decisionA = course.tracks.tumultuous.paths.main!.at(-1)!;
    expect(decisionA).toMatchObject({ day: 30, noContactDays: 30, branch: 'tumultuous-decision' });
    const decisionB = course.tracks.healthy.paths.main!.at(-1)!;
    expect(decisionB).toMatchObject({ day: 45, noContactDays: 45, branch: 'healthy-decision' });
    expect(course.tracks.stress.paths.main!.at(-1)).toMatchObject({ day: 4, branch: 'stress-talk' });
    const moreTime = course.branches['tumultuous-decision']!.choices.find((c) => c.id === 'more-time')!;
    expect(moreTime.action).toMatchObject({ type: 'repeat', days: 14 });
  });

  it('finds a lesson without a template', () => {
    const c = clone();
    c.tracks.tumultuous.paths.main![1]!.lesson = 'tumultuous/day-99';
    expect(checkCourse(c, templates)).toContain('lesson tumultuous/day-99 has no template');
  });

  it('finds day offsets that do not increase', () => {
    const c = clone();
    c.tracks.healthy.paths.main![3]!.day = 1;
    expect(checkCourse(c, templates).some((p) => p.includes('does not increase'))).toBe(true);
  });

  it('finds a choice that leads nowhere and a path nobody reaches', () => {
    const c = clone();
    // Both questions about the break offer "we're talking again": both lead nowhere now.
    for (const b of ['stress-talk', 'stress-long-break'])
      c.branches[b]!.choices.find((ch) => ch.id === 'talking')!.action = { type: 'goto', to: { track: 'stress', path: 'nowhere' } };
    c.resolutions['back-together']!.stress = { track: 'stress', path: 'move-on' }; // the other way in
    const problems = checkCourse(c, templates);
    expect(problems).toContain('a choice leads to missing path stress/nowhere');
    expect(problems).toContain('path stress/talking is unreachable');
  });

  it('finds a branch that can never be left (a dead end)', () => {
    const c = clone();
    for (const ch of c.branches['stress-talk']!.choices) ch.action = { type: 'repeat', days: 4, lesson: 'stress/break-check' };
    expect(checkCourse(c, templates).some((p) => p.includes('dead end'))).toBe(true);
  });
});

describe('the course check: what a question may do to a reader (issue 11)', () => {
  it('passes the retired version it keeps for readers who started on it', async () => {
    const { course20261128 } = await import('../../functions/core/course/history.js');
    expect(checkCourse(course20261128, templates, { retired: true })).toEqual([]);
  });

  it('finds silence taken for a choice a reader could have clicked', () => {
    const c = clone();
    c.branches['tumultuous-decision']!.finally = 'move-on';
    expect(checkCourse(c, templates)).toContain(
      "branch tumultuous-decision: 'finally' is a choice a reader could click; silence needs a hidden choice of its own, leading to a lesson that says no answer came",
    );
  });

  it('finds re-asks that repeat one lesson, or never end', () => {
    const c = clone();
    const moreTime = c.branches['healthy-decision']!.choices.find((ch) => ch.id === 'more-time')!;
    moreTime.action = { type: 'repeat', days: 14, lesson: 'shared/more-time', then: ['shared/more-time'] };
    delete c.branches['healthy-decision']!.enough;
    const problems = checkCourse(c, templates);
    expect(problems).toContain('branch healthy-decision: choice more-time re-asks with the same lesson twice in a row');
    expect(problems).toContain("branch healthy-decision: re-asks never end (give it 'enough': a lesson asking whether to keep asking)");
  });

  it('finds a missing re-ask lesson, an unknown fact in a question, and a waiting lesson that is also on a path', () => {
    const c = clone();
    c.branches['stress-talk']!.choices.find((ch) => ch.id === 'not-yet')!.action = { type: 'repeat', days: 6, lesson: 'stress/break-check', then: ['stress/break-check-9'] };
    c.branches['stress-talk']!.reask = 'It has been {daysOnBreak}. Did your ex agree to talk?';
    c.waiting = [...(c.waiting ?? []), 'shared/self-esteem'];
    const problems = checkCourse(c, templates);
    expect(problems).toContain('lesson stress/break-check-9 has no template');
    expect(problems).toContain('branch stress-talk: the question names an unknown fact {daysOnBreak}');
    expect(problems).toContain('waiting lesson shared/self-esteem is also on a path');
  });
});

describe('course versions', () => {
  it('keeps readers on the version they started: an edit never strands or repeats a lesson', async () => {
    const { keepCourseVersion } = await import('../../functions/core/course/versions.js');
    const { planNext, afterSend } = await import('../../functions/core/course/engine.js');
    // The "old" course had tumultuous/day-16 on day 12 and no readiness lesson.
    const old = clone();
    old.version = '2025-01-01';
    const main = old.tracks.tumultuous.paths.main!;
    main.splice(main.findIndex((l) => l.lesson === 'shared/readiness'), 1);
    main.find((l) => l.lesson === 'tumultuous/day-16')!.day = 12;
    keepCourseVersion(old);
    const index = main.findIndex((l) => l.lesson === 'tumultuous/day-16');
    const reader = {
      id: 'r1', email: 'a@b.c', firstName: 'A', situation: 'tumultuous', track: 'tumultuous', timezone: 'UTC', sendHour: 8,
      followUpConsent: false, followUpStopped: false, status: 'active', createdAt: '2026-01-01T00:00:00.000Z', enrolledOn: '2026-01-01',
      confirmedAt: '2026-01-01T00:00:00.000Z', confirmSentAt: [], courseVersion: old.version,
      cursor: { path: 'main', index, anchor: '2026-01-01', inserts: [], quietTimeouts: 0, noContactSince: '2026-01-01' },
      sendSeq: 1, sends: [{ seq: 1, kind: 'lesson', ref: 'tumultuous/day-00', at: '2026-01-01T00:00:00.000Z', localDate: '2026-01-01' }],
      repliedSeqs: [], outbox: [], ver: 1,
    } as const;
    const plan = planNext(structuredClone(reader) as never, new Date('2026-01-13T08:00:00Z'), { checkpoints: [] });
    expect(plan).toMatchObject({ type: 'lesson', lesson: 'tumultuous/day-16' }); // day 12 of the old course
    const next = afterSend(structuredClone(reader) as never, plan as never, { seq: 2, kind: 'lesson', ref: 'tumultuous/day-16', at: '2026-01-13T08:00:00.000Z', localDate: '2026-01-13' });
    const after = planNext(next, new Date('2026-03-01T08:00:00Z'), { checkpoints: [] });
    expect(after).toMatchObject({ lesson: main[index + 1]!.lesson }); // the old path continues, nothing skipped or repeated
  });
});
