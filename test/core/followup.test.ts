import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCounter } from '../../functions/core/db/counters.js';
import { everyOutcome } from '../../functions/core/db/outcomes.js';
import { getReader } from '../../functions/core/db/readers.js';
import { sign } from '../../functions/core/links/tokens.js';
import { outcomeDims } from '../../functions/core/outcomes/record.js';
import { addMonths, localDate } from '../../functions/core/shared/time.js';
import { advanceDays, localHour, received } from '../helpers/course.js';
import { enrolAndConfirm, linkIn, testStack, type TestStack } from '../helpers/stack.js';

type Enrolled = Awaited<ReturnType<typeof enrolAndConfirm>>;

/** Each group lives on its own stack and clock, so no test depends on another having run first. */
function onOwnStack() {
  const s = { stack: undefined as unknown as TestStack };
  beforeAll(async () => {
    s.stack = await testStack({ now: '2026-01-05T06:00:00Z' });
  });
  afterAll(() => s.stack.close());
  return s;
}

const outcomeLinks = (text: string) => [...text.matchAll(/https?:\/\/[^/\s]+(\/outcome\/[^\s)]+)/g)].map((m) => m[1]!);

describe('long-term follow-up: the first check-in and its answers', () => {
  const s = onOwnStack();
  let a: Enrolled;
  beforeAll(async () => {
    a = await enrolAndConfirm(s.stack, { situation: 'tumultuous', timezone: 'America/Chicago', sendHour: 9, followUpConsent: true });
    await advanceDays(s.stack, 33);
  });

  it('sends the first check-in a month after enrolment, at the reader\'s hour', async () => {
    const [first] = await received(s.stack, a.email, ['checkin']);
    expect(first!.ref).toBe('1m');
    expect(localHour(first!.at, 'America/Chicago')).toBe(9);
    expect(localDate(new Date(first!.at), 'America/Chicago') >= '2026-02-04').toBe(true);
    expect(localDate(new Date(first!.at), 'America/Chicago') <= '2026-02-06').toBe(true);
    expect(first!.mail.subject).toContain('One month');
    expect(outcomeLinks(first!.mail.body.text!)).toHaveLength(6);
  });

  it('records a clicked outcome, counts it once, and lets a later click change it', async () => {
    const { stack } = s;
    const [checkin] = await received(stack, a.email, ['checkin']);
    const links = outcomeLinks(checkin!.mail.body.text!);
    const dims = outcomeDims.situation('tumultuous', '1m');
    const before = await readCounter(stack.ctx, 'outcomes', dims);
    expect(before.asked).toBe(1);
    const moved = links[3]!; // moved-on
    await stack.app.request(links[2]!, { method: 'HEAD' }); // a link checker: records nothing
    expect(await readCounter(stack.ctx, 'outcomes', dims)).toEqual(before);
    const res = await stack.app.request(moved);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('reply to the email');
    await stack.app.request(moved); // the same answer again: nothing changes
    let counts = await readCounter(stack.ctx, 'outcomes', dims);
    expect(counts['moved-on']).toBe((before['moved-on'] ?? 0) + 1);
    await stack.app.request(links[0]!); // together-healthy: the latest answer counts
    counts = await readCounter(stack.ctx, 'outcomes', dims);
    expect(counts['moved-on']).toBe(before['moved-on'] ?? 0);
    expect(counts['together-healthy']).toBe((before['together-healthy'] ?? 0) + 1);
  });

  it('refuses a forged outcome link', async () => {
    const forged = sign('wrong', 'outcome', a.id, new Date('2030-01-01'), { k: '1m', o: 'moved-on' });
    const res = await s.stack.app.request(`/outcome/${forged}`);
    expect(res.status).toBe(400);
  });
});

describe('long-term follow-up: who is asked', () => {
  const s = onOwnStack();
  let b: Enrolled;
  let c: Enrolled;
  let d: Enrolled;
  beforeAll(async () => {
    const { stack } = s;
    b = await enrolAndConfirm(stack, { situation: 'healthy', timezone: 'UTC', sendHour: 9, followUpConsent: true });
    c = await enrolAndConfirm(stack, { situation: 'stress', timezone: 'UTC', sendHour: 9, followUpConsent: false });
    d = await enrolAndConfirm(stack, { situation: 'stress', timezone: 'Asia/Tokyo', sendHour: 20, followUpConsent: true });
    await advanceDays(stack, 33);
  });

  it('stops check-ins for readers who unsubscribe or stop follow-ups, and never sends them to readers who did not consent', async () => {
    const { stack } = s;
    const [bCheckin] = await received(stack, b.email, ['checkin']);
    expect(bCheckin!.ref).toBe('1m');
    await stack.app.request(linkIn(bCheckin!.mail, '/unsubscribe/'), {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const dPrefs = linkIn((await received(stack, d.email))[0]!.mail, '/me/');
    await stack.app.request(dPrefs, { method: 'POST', body: JSON.stringify({ action: 'stop-followups' }), headers: { 'content-type': 'application/json' } });
    await advanceDays(stack, 740);
    expect((await received(stack, b.email, ['checkin'])).map((x) => x.ref)).toEqual(['1m']);
    expect(await received(stack, c.email, ['checkin'])).toEqual([]);
    expect((await received(stack, d.email, ['checkin'])).map((x) => x.ref)).toEqual(['1m']);
    expect((await getReader(stack.ctx, d.id))!.followUpStopped).toBe(true);
  });
});

describe('long-term follow-up over two years', () => {
  const s = onOwnStack();
  let a: Enrolled;
  const answered = new Set<string>();
  beforeAll(async () => {
    a = await enrolAndConfirm(s.stack, { situation: 'tumultuous', timezone: 'America/Chicago', sendHour: 9, followUpConsent: true });
    // The reader answers each check-in within weeks of getting it (answer links expire after two
    // years), changing some answers on the way.
    for (let day = 0; day < 773; day += 30) {
      await advanceDays(s.stack, Math.min(30, 773 - day));
      for (const [i, x] of (await received(s.stack, a.email, ['checkin'])).entries()) {
        if (answered.has(x.ref)) continue;
        answered.add(x.ref);
        const links = outcomeLinks(x.mail.body.text!);
        await s.stack.app.request(links[i % links.length]!);
        if (i % 2) await s.stack.app.request(links[(i + 2) % links.length]!);
      }
    }
  }, 120_000);

  it('sends all five check-ins over two years at about 1, 3, 6, 12 and 24 months, after the course has ended', async () => {
    const { stack } = s;
    const sent = await received(stack, a.email, ['checkin']);
    expect(sent.map((x) => x.ref)).toEqual(['1m', '3m', '6m', '12m', '24m']);
    const enrolledOn = (await getReader(stack.ctx, a.id))!.enrolledOn!;
    for (const x of sent) {
      const due = addMonths(enrolledOn, Number(x.ref.replace('m', '')));
      const day = localDate(new Date(x.at), 'America/Chicago');
      expect(day >= due && day <= addMonthsDays(due, 3)).toBe(true); // on the day, or just after a lesson that day
      expect(localHour(x.at, 'America/Chicago')).toBe(9); // DST-correct across two years
    }
    expect((await getReader(stack.ctx, a.id))!.status).toBe('completed');
  });

  it('keeps the counters equal to a recount from the per-reader records', async () => {
    const { stack } = s;
    expect([...answered]).toEqual(['1m', '3m', '6m', '12m', '24m']);
    const items = [];
    for await (const o of everyOutcome(stack.ctx)) items.push(o);
    expect(items).toHaveLength(5);
    const recount = new Map<string, number>();
    for (const o of items) {
      const key = `${o.situation}#${o.checkpoint}#${o.outcome}`;
      recount.set(key, (recount.get(key) ?? 0) + 1);
    }
    for (const cp of ['1m', '3m', '6m', '12m', '24m']) {
      const counts = await readCounter(stack.ctx, 'outcomes', outcomeDims.situation('tumultuous', cp));
      for (const [k, v] of Object.entries(counts)) {
        if (k === 'asked') continue;
        expect(v).toBe(recount.get(`tumultuous#${cp}#${k}`) ?? 0);
      }
      // Every reader asked at a checkpoint got that check-in.
      expect(counts.asked).toBe(1);
    }
  });
});

function addMonthsDays(date: string, days: number) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
