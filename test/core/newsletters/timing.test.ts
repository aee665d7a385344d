import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, HOUR } from '../../../functions/core/clock.js';
import { getEmailOwner } from '../../../functions/core/db/email-lookups.js';
import { getReader } from '../../../functions/core/db/readers.js';
import { localDate } from '../../../functions/core/shared/time.js';
import { advanceClock } from '../../../functions/local/advance.js';
import { api } from '../../api/admin/admin-helpers.js';
import { localHour, received } from '../../helpers/course.js';
import { copies, issue, newIssue, seed, seededReader, signUp } from '../../helpers/newsletters.js';
import { header, testStack, type TestStack } from '../../helpers/stack.js';

describe('when a newsletter arrives', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await testStack({ now: '2026-07-01T00:30:00Z' });
  });
  afterAll(() => stack.close());

  it("rolls over about a day, landing at each reader's own send hour in their own zone", async () => {
    const zones = [
      { timezone: 'Asia/Tokyo', sendHour: 8 },
      { timezone: 'Europe/London', sendHour: 9 },
      { timezone: 'America/New_York', sendHour: 7 },
      { timezone: 'Australia/Adelaide', sendHour: 20 },
      { timezone: 'Asia/Kolkata', sendHour: 6 },
    ];
    const readers = await seed(stack, zones.map((z) => seededReader({ ...z, enrolledOn: '2026-02-02' })));
    const id = await newIssue(stack);
    const start = stack.clock.now().getTime();
    await api(stack, `/newsletters/${id}/send`, { body: { segment: { enrolledFrom: '2026-02-02', enrolledTo: '2026-02-02' }, localHour: true } });
    await advanceClock(stack.ctx, stack.clock, 26 * HOUR);
    for (const [i, r] of readers.entries()) {
      const got = await copies(stack, r.email, id);
      expect(got, r.timezone).toHaveLength(1);
      const at = header(got[0]!, 'X-Mend-Sent-At')!;
      // On the cron's 15-minute ticks, as lessons are: within the quarter hour after the reader's hour.
      const h = localHour(at, r.timezone);
      expect(h, r.timezone).toBeGreaterThanOrEqual(zones[i]!.sendHour);
      expect(h, r.timezone).toBeLessThanOrEqual(zones[i]!.sendHour + 0.25);
      expect(Date.parse(at) - start).toBeLessThan(DAY);
    }
    expect((await issue(stack, id)).status).toBe('sent');
  });

  it("waits for the reader's next day without a lesson (by default), and goes on a lesson day when told to", async () => {
    // A new stress-track reader gets a lesson every day at first.
    const email = await signUp(stack, { situation: 'stress', timezone: 'Europe/London', sendHour: 8 });
    const other = await signUp(stack, { situation: 'stress', timezone: 'Europe/London', sendHour: 8 });
    const id = await newIssue(stack);
    const id2 = await newIssue(stack);
    const segment = { status: 'in-course' };
    await api(stack, `/newsletters/${id}/send`, { body: { segment, localHour: true } });
    await api(stack, `/newsletters/${id2}/send`, { body: { segment, localHour: true, avoidLessonDays: false } });
    await advanceClock(stack.ctx, stack.clock, 12 * DAY);
    const r = (await getReader(stack.ctx, (await getEmailOwner(stack.ctx, email))!))!;
    const [copy] = await copies(stack, email, id);
    expect(copy).toBeDefined();
    expect(await copies(stack, email, id)).toHaveLength(1);
    const day = localDate(new Date(header(copy!, 'X-Mend-Sent-At')!), 'Europe/London');
    const lessonDays = (await received(stack, email, ['lesson'])).map((l) => localDate(new Date(l.at), 'Europe/London'));
    expect(lessonDays).not.toContain(day);
    // It did wait: the first lesson days came before it.
    expect(lessonDays.filter((d) => d < day).length).toBeGreaterThan(1);
    expect((await issue(stack, id)).deferred).toBeGreaterThan(0);
    // The other issue went the first morning, lesson or not.
    const [early] = await copies(stack, other, id2);
    expect(localDate(new Date(header(early!, 'X-Mend-Sent-At')!), 'Europe/London')).toBe('2026-07-02');
    expect(r.status).toBe('active');
  });
});
