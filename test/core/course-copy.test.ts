import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceDays, received } from '../helpers/course.js';
import { choiceLink, prose } from '../helpers/links.js';
import { enrolAndConfirm, json, linkIn, testStack, validEnrolment, inbox, type TestStack } from '../helpers/stack.js';

/**
 * Issue 11, "What the lessons say": each point read in the emails real readers get through the
 * engine (and, for the schedule wording, on the real pages).
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await testStack({ now: '2026-02-02T06:00:00Z' });
});
afterAll(() => stack.close());

const lessons = (email: string) => received(stack, email, ['lesson']);
const enrol = (over: Record<string, unknown>) => enrolAndConfirm(stack, { timezone: 'UTC', sendHour: 9, followUpConsent: false, ...over });
const textOf = async (email: string, ref: string) => {
  const s = (await lessons(email)).find((x) => x.ref === ref);
  if (!s) throw new Error(`${ref} was not sent`);
  return prose(s.mail);
};

let stormy: Awaited<ReturnType<typeof enrol>>;
let loving: Awaited<ReturnType<typeof enrol>>;
let toLoving: Awaited<ReturnType<typeof enrol>>;
let toStormy: Awaited<ReturnType<typeof enrol>>;
let couple: Awaited<ReturnType<typeof enrol>>;
let coupleWithCheckins: Awaited<ReturnType<typeof enrol>>;

describe('the lessons readers get', () => {
  it('walks six readers through the first month and a half', async () => {
    [stormy, loving, toLoving, toStormy, couple, coupleWithCheckins] = await Promise.all([
      enrol({ situation: 'tumultuous' }),
      enrol({ situation: 'healthy' }),
      enrol({ situation: 'stress' }),
      enrol({ situation: 'stress' }),
      enrol({ situation: 'stress' }),
      enrol({ situation: 'stress', followUpConsent: true }),
    ]);
    await advanceDays(stack, 5);
    const ask = async (r: typeof stormy, choice: string) =>
      stack.app.request(choiceLink((await lessons(r.email)).find((s) => s.ref === 'stress/day-04')!.mail, choice));
    await ask(toLoving, 'adamant-healthy');
    await ask(toStormy, 'adamant-tumultuous');
    await ask(couple, 'talking');
    await ask(coupleWithCheckins, 'talking');
    await advanceDays(stack, 44);
  });

  it('9. the loving track teaches communication, "do I really want them back" and unspoken deals during no contact', async () => {
    const refs = (await lessons(loving.email)).map((s) => s.ref);
    const decision = refs.indexOf('healthy/day-45');
    for (const id of ['shared/communication', 'healthy/day-26', 'healthy/day-33']) expect(refs.indexOf(id)).toBeGreaterThan(-1);
    for (const id of ['shared/communication', 'healthy/day-26', 'healthy/day-33']) expect(refs.indexOf(id)).toBeLessThan(decision);
    expect(await textOf(loving.email, 'shared/communication')).toContain('Saying what you need.');
    expect(await textOf(loving.email, 'healthy/day-33')).toContain('do I really want them back?');
    expect(await textOf(loving.email, 'healthy/day-26')).toContain('unspoken deal');
  });

  it('10. the honest odds come before the day-30 decision on the stormy track', async () => {
    const refs = (await lessons(stormy.email)).map((s) => s.ref);
    expect(refs.indexOf('tumultuous/day-26')).toBeGreaterThan(-1);
    expect(refs.indexOf('tumultuous/day-26')).toBeLessThan(refs.indexOf('tumultuous/day-30'));
    const odds = await textOf(stormy.email, 'tumultuous/day-26');
    expect(odds).toContain('about 3 in 10');
    expect(odds).toContain('both people did the work');
    // A reader who came from the stress track gets them too.
    expect((await lessons(toStormy.email)).map((s) => s.ref)).toContain('tumultuous/day-26');
  });

  it('11. the welcome lessons say what really happens: daily at first, then every few days', async () => {
    for (const [r, id] of [[stormy, 'tumultuous/day-00'], [loving, 'healthy/day-00']] as const) {
      const text = await textOf(r.email, id);
      expect(text).not.toMatch(/one short email a day/i);
      expect(text).toContain('every day at first and then every few days');
    }
  });

  it('12. closing lessons promise check-ins only to readers who agreed to them', async () => {
    const without = await textOf(couple.email, 'stress/day-28');
    const withThem = await textOf(coupleWithCheckins.email, 'stress/day-28');
    expect(without).not.toContain("I'll write to you now and then");
    expect(without).toContain("I won't write again unless you do");
    expect(withThem).toContain("Over the coming months I'll write to you now and then");
  });

  it('14. readers leaving the stress track get the new track\'s framing; no promise is left unkept', async () => {
    const lovingStart = await textOf(toLoving.email, 'healthy/day-01');
    expect(lovingStart).toContain('Welcome to the track for loving relationships that ended.');
    expect(lovingStart).toContain('attraction and emotional connection faded together');
    const stormyStart = await textOf(toStormy.email, 'tumultuous/day-01');
    expect(stormyStart).toContain('Welcome to the track for stormy relationships.');
    expect(stormyStart).toContain('treat this breakup as final');
    // "treat the breakup as final" comes with its reason, wherever the reader started.
    expect(await textOf(toStormy.email, 'tumultuous/day-03')).toContain('treat the breakup as final for now: not because there is no hope');
    // Jenna is not promised to readers who may never reach her story.
    expect(await textOf(toLoving.email, 'stress/day-00')).not.toMatch(/you'll meet Jenna/);
    // Kacey is introduced once; the welcome's note is come back to, as promised.
    const healthy = await lessons(loving.email);
    expect(healthy.filter((s) => prose(s.mail).includes('Kacey (not her real name)'))).toHaveLength(1);
    expect(await textOf(loving.email, 'healthy/day-35')).toContain('Remember Kacey');
    expect(await textOf(loving.email, 'healthy/day-00')).toContain("you'll come back to it in the first reflection");
    expect(await textOf(loving.email, 'healthy/day-05')).toContain('If you wrote the note from the first lesson');
  });
});

describe('11. the pages say what really happens, too', () => {
  it('sign-up, confirmation and preferences: daily at first, then every few days; never "each morning" or "one a day"', async () => {
    const front = await (await stack.app.request('/')).text();
    const body = validEnrolment({ timezone: 'UTC' });
    await stack.app.request('/api/enroll', json(body));
    const confirm = await (await stack.app.request(linkIn((await inbox(stack, body.email as string))[0]!, '/confirm?token='))).text();
    const prefs = await (await stack.app.request(linkIn((await lessons(body.email as string))[0]!.mail, '/me/'))).text();
    for (const page of [front, confirm, prefs]) {
      expect(page).not.toMatch(/each morning|one short lesson arrives each day|one a day/);
      expect(page).toMatch(/every few days/);
    }
  });
});
