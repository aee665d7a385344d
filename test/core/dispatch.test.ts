import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { pathOf, currentCourse } from '../../functions/core/course/versions.js';
import { getReader } from '../../functions/core/db/readers.js';
import { runDispatch } from '../../functions/core/dispatch/run.js';
import { handleSesEvent } from '../../functions/core/feedback/ses-events.js';
import { addDays, localDate } from '../../functions/core/shared/time.js';
import { advanceDays, localHour, received } from '../helpers/course.js';
import { enrolAndConfirm, testStack, type TestStack } from '../helpers/stack.js';
import { plain } from '../helpers/mail.js';
import { applyReaderAction } from '../../functions/core/readers/actions.js';
import type { SendStep } from '../../functions/core/context.js';

/** The test seam: the dispatcher crashes at this step of a send. */
const crashAt = (at: SendStep) => (step: SendStep) => {
  if (step === at) throw new Error(`injected crash: ${step}`);
};

let stack: TestStack;
beforeAll(async () => {
  // Monday 2 March 2026, 09:00 UTC: US clocks spring forward on 8 March, Europe's on 29 March.
  stack = await testStack({ now: '2026-03-02T09:00:00Z' });
});
afterAll(() => stack.close());

/** A reader whose day-1 lesson is due, and a dispatch run that crashes at `step` of sending it. */
async function crashOnDayOne(step: SendStep) {
  const reader = await enrolAndConfirm(stack, { timezone: 'UTC', sendHour: 10 });
  stack.clock.advance(86_400_000 + 3_600_000);
  stack.ctx.probe = crashAt(step);
  await runDispatch(stack.ctx);
  stack.ctx.probe = undefined;
  return reader;
}

describe('the dispatcher', () => {
  it('sends each lesson at the reader\'s own hour, on its day, one a day, across time zones and DST', async () => {
    const readers = await Promise.all([
      enrolAndConfirm(stack, { timezone: 'Asia/Tokyo', sendHour: 7, situation: 'tumultuous' }),
      enrolAndConfirm(stack, { timezone: 'America/New_York', sendHour: 8, situation: 'healthy' }),
      enrolAndConfirm(stack, { timezone: 'Europe/London', sendHour: 21, situation: 'tumultuous' }),
      enrolAndConfirm(stack, { timezone: 'Asia/Kolkata', sendHour: 6, situation: 'stress' }),
    ]);
    await advanceDays(stack, 29);
    for (const { email, body } of readers) {
      const tz = body.timezone as string;
      const sent = await received(stack, email);
      const [welcome, ...rest] = sent;
      expect(welcome!.ref).toBe(`${body.situation}/day-00`);
      expect(welcome!.at).toBe('2026-03-02T09:00:00.000Z'); // at once, on confirming
      const enrolledOn = localDate(new Date(welcome!.at), tz);
      const days = new Set<string>([enrolledOn]);
      const path = pathOf(currentCourse, body.situation as 'healthy', 'main');
      for (const s of rest) {
        expect(localHour(s.at, tz)).toBe(body.sendHour); // DST-correct: same wall-clock hour all month
        const day = localDate(new Date(s.at), tz);
        expect(days.has(day)).toBe(false); // never two lessons in one local day
        days.add(day);
        const ref = path.find((l) => l.lesson === s.ref);
        if (ref) expect(day).toBe(addDays(enrolledOn, ref.day)); // on the day the course gives
      }
      expect(rest.length).toBeGreaterThan(3);
    }
    // New York's 08:00 is 13:00 UTC before 8 March and 12:00 UTC after it.
    const ny = await received(stack, readers[1]!.email);
    expect(ny.some((s) => s.at.endsWith('T13:00:00.000Z'))).toBe(true);
    expect(ny.some((s) => s.at.endsWith('T12:00:00.000Z'))).toBe(true);
  });

  it('never sends twice when two dispatchers run at once', async () => {
    const { email } = await enrolAndConfirm(stack, { timezone: 'UTC', sendHour: 10 });
    stack.clock.advance(86_400_000 + 3_600_000); // tomorrow 10:00 UTC: day 1 is due
    await Promise.all([runDispatch(stack.ctx), runDispatch(stack.ctx), runDispatch(stack.ctx)]);
    const refs = (await received(stack, email)).map((s) => s.ref);
    expect(refs).toEqual(['tumultuous/day-00', 'tumultuous/day-01']);
  });

  it('sends each of many due readers exactly once while their query pages stream in, two runs at once', async () => {
    // A stack of its own: exactly these 24 readers are due, so the runs' total is exact too.
    const own = await testStack({ now: stack.clock.now().toISOString() });
    onTestFinished(() => own.close());
    const readers = await Promise.all(Array.from({ length: 24 }, () => enrolAndConfirm(own, { timezone: 'UTC', sendHour: 10 })));
    own.clock.advance(86_400_000 + 3_600_000);
    // Pages of 3 and 4 in flight: readers are claimed and sent while later pages are still being read.
    const runs = await Promise.all([
      runDispatch(own.ctx, { pageSize: 3, concurrency: 4 }),
      runDispatch(own.ctx, { pageSize: 3, concurrency: 4 }),
    ]);
    expect(runs[0]!.sent + runs[1]!.sent).toBe(24); // each reader's day 1 once, by one run or the other
    for (const { email } of readers)
      expect((await received(own, email)).map((s) => s.ref)).toEqual(['tumultuous/day-00', 'tumultuous/day-01']);
  });

  it('neither sends twice nor skips when it crashes between claim and send', async () => {
    const { id, email } = await crashOnDayOne('after-claim');
    expect((await getReader(stack.ctx, id))!.claim).toMatchObject({ ref: 'tumultuous/day-01' });
    await runDispatch(stack.ctx); // the claim is fresh: nobody else may take it yet
    expect(await received(stack, email)).toHaveLength(1);
    stack.clock.advance(11 * 60_000); // the claim goes stale and is retried
    await runDispatch(stack.ctx);
    await runDispatch(stack.ctx);
    expect((await received(stack, email)).map((s) => s.ref)).toEqual(['tumultuous/day-00', 'tumultuous/day-01']);
    expect((await getReader(stack.ctx, id))!.claim).toBeUndefined();
  });

  it('lets go of a stale claim SES never took once the reader paused, and sends that lesson once they resume', async () => {
    const { id, email } = await crashOnDayOne('after-claim');
    await applyReaderAction(stack.ctx, id, { action: 'pause' });
    stack.clock.advance(11 * 60_000);
    await runDispatch(stack.ctx);
    const paused = (await getReader(stack.ctx, id))!;
    expect(paused.claim).toBeUndefined();
    expect(paused.dueAt).toBeUndefined(); // not looked at again on every run while paused
    await applyReaderAction(stack.ctx, id, { action: 'resume' });
    await advanceDays(stack, 2);
    const refs = (await received(stack, email)).map((s) => s.ref);
    expect(refs.slice(0, 2)).toEqual(['tumultuous/day-00', 'tumultuous/day-01']);
    expect(refs.filter((x) => x === 'tumultuous/day-01')).toHaveLength(1);
  });

  it('does not resend when it crashes after SES accepted the message (the Send event marks it)', async () => {
    const { id, email } = await crashOnDayOne('after-send');
    const claimed = (await getReader(stack.ctx, id))!;
    const mails = await received(stack, email);
    expect(mails).toHaveLength(2);
    // What SES publishes for that message, with the tags the dispatcher set.
    await handleSesEvent(stack.ctx, {
      eventType: 'Send',
      mail: { messageId: mails[1]!.mail.messageId, tags: { reader: [id], seq: [String(claimed.claim!.seq)] } },
    });
    stack.clock.advance(11 * 60_000);
    await runDispatch(stack.ctx);
    expect(await received(stack, email)).toHaveLength(2);
    const r = (await getReader(stack.ctx, id))!;
    expect(r.claim).toBeUndefined();
    expect(r.sends.map((s) => s.ref)).toEqual(['tumultuous/day-00', 'tumultuous/day-01']);
  });

  it('finishes a send SES took before a crash, without sending it again, when a reply changed the course meanwhile', async () => {
    const { id, email } = await crashOnDayOne('after-send');
    const [welcome, lesson] = await received(stack, email);
    expect(lesson!.ref).toBe('tumultuous/day-01');
    // While the claim waits to go stale, the reader answers the welcome: their ex got in touch, so
    // the course queues its interjection ahead of everything else.
    const res = await stack.app.request('/dev/inbound?spf=PASS&dkim=PASS&dmarc=PASS', {
      method: 'POST',
      body: plain({ from: email, to: welcome!.mail.replyTo[0]! }, 'My ex texted me this morning. I have not answered yet.'),
      headers: { 'content-type': 'message/rfc822' },
    });
    expect(await res.json()).toMatchObject({ status: 'logged', signals: ['ex-reached-out'] });
    stack.clock.advance(11 * 60_000);
    await runDispatch(stack.ctx);
    const r = (await getReader(stack.ctx, id))!;
    expect(r.claim).toBeUndefined();
    expect(r.sends.map((s) => s.ref)).toEqual(['tumultuous/day-00', 'tumultuous/day-01']);
    expect(await received(stack, email)).toHaveLength(2);
    // The course goes on from there: the interjection, then the path, day-01 never again.
    await advanceDays(stack, 4);
    const refs = (await received(stack, email)).map((s) => s.ref);
    expect(refs.slice(0, 3)).toEqual(['tumultuous/day-00', 'tumultuous/day-01', 'shared/ex-reached-out']);
    expect(refs.filter((x) => x === 'tumultuous/day-01')).toHaveLength(1);
    expect(refs.length).toBeGreaterThan(3);
  });

  it('suppresses a reader whose address bounces for good, and sends them nothing more', async () => {
    const { id, email } = await enrolAndConfirm(stack, { timezone: 'UTC', sendHour: 10 });
    await handleSesEvent(stack.ctx, { eventType: 'Bounce', bounce: { bounceType: 'Permanent' }, mail: { messageId: 'x', tags: { reader: [id] } } });
    await advanceDays(stack, 5);
    expect(await received(stack, email)).toHaveLength(1);
    expect((await getReader(stack.ctx, id))!.status).toBe('suppressed');
  });
});

describe('sending through SES', () => {
  it('retries throttling and 5xx with backoff, then records the send once', async () => {
    const s = await testStack({ now: '2026-03-02T09:00:00Z' });
    try {
      // A stand-in only for what the emulator cannot do: throttle. Everything else is the real SES emulator.
      const real = s.ctx.ses.send.bind(s.ctx.ses);
      let failures = 2;
      s.ctx.ses.send = (async (cmd: unknown) => {
        if (failures-- > 0) throw Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } });
        return real(cmd as never);
      }) as typeof s.ctx.ses.send;
      const { id, email } = await enrolAndConfirm(s, { timezone: 'UTC', sendHour: 10 });
      expect(failures).toBeLessThan(0);
      expect((await received(s, email)).map((x) => x.ref)).toEqual(['tumultuous/day-00']);
      expect((await getReader(s.ctx, id))!.sends).toHaveLength(1);
    } finally {
      await s.close();
    }
  });

  it('records a permanent rejection on the reader and stops mailing them', async () => {
    const s = await testStack({ now: '2026-03-02T09:00:00Z' });
    try {
      const { id, email } = await enrolAndConfirm(s, { timezone: 'UTC', sendHour: 10 });
      const real = s.ctx.ses.send.bind(s.ctx.ses);
      s.ctx.ses.send = (async () => {
        throw Object.assign(new Error('Address blacklisted'), { name: 'MessageRejected', $metadata: { httpStatusCode: 400 } });
      }) as typeof s.ctx.ses.send;
      await advanceDays(s, 2);
      s.ctx.ses.send = real;
      await advanceDays(s, 3);
      const r = (await getReader(s.ctx, id))!;
      expect(r.status).toBe('suppressed');
      expect(r.suppressedReason).toBe('rejected: MessageRejected');
      expect((await received(s, email)).map((x) => x.ref)).toEqual(['tumultuous/day-00']);
    } finally {
      await s.close();
    }
  });
});
