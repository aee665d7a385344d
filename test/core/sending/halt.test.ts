import { describe, expect, it } from 'vitest';
import { getReader } from '../../../functions/core/db/readers.js';
import { runDispatch } from '../../../functions/core/dispatch/run.js';
import { localDate } from '../../../functions/core/shared/time.js';
import { advanceDays, received } from '../../helpers/course.js';
import { enrolAndConfirm, inbox, sesFaultyStack } from '../../helpers/stack.js';
import { apiJson } from '../../api/admin/admin-helpers.js';

/** A dropped send's Send event comes from the emulator's store, as SES would publish it. */
const faultyStack = () => sesFaultyStack({ now: '2026-03-02T09:00:00Z' });

type Overview = { sending: { halted: boolean; reason: string | null; since: string | null } };

describe('an account or configuration fault', () => {
  it('halts each run after one SES call, suppresses nobody, shows why, and everything due goes out once the day after', async () => {
    const { stack, ses } = await faultyStack();
    const readers = await Promise.all(Array.from({ length: 6 }, () => enrolAndConfirm(stack, { timezone: 'UTC', sendHour: 10 })));
    ses.faults.accessDenied = true;
    const before = ses.stats.sendEmails;
    const day = await advanceDays(stack, 2); // Wednesday 09:00: day 1 was due at 10:00 on Tuesday
    const calls = ses.stats.sendEmails - before;
    expect(day.ticks).toBeGreaterThan(10);
    expect(calls).toBeLessThanOrEqual(day.ticks); // one call per run, the probe: never one per reader in flight
    const overview = await apiJson<Overview>(stack, '/overview');
    expect(overview.sending.halted).toBe(true);
    expect(overview.sending.reason).toMatch(/^AccessDeniedException/);
    expect(overview.sending.since).toBe('2026-03-03T10:00:00.000Z');
    for (const r of readers) expect((await getReader(stack.ctx, r.id))!.status).toBe('active');

    ses.faults.accessDenied = false;
    await advanceDays(stack, 1);
    for (const r of readers) {
      const sent = await received(stack, r.email);
      // The welcome, then day 1 once, the day after it was due (the first run after the fault cleared).
      expect(sent.map((s) => s.ref)).toEqual(['tumultuous/day-00', 'tumultuous/day-01']);
      expect(localDate(new Date(sent[1]!.at), 'UTC')).toBe('2026-03-04');
      expect((await getReader(stack.ctx, r.id))!.claim).toBeUndefined();
    }
    expect((await apiJson<Overview>(stack, '/overview')).sending).toMatchObject({ halted: false, reason: null });
  });

  it('halts on an error nobody has seen before, too, and a report says what was left', async () => {
    const { stack } = await faultyStack();
    const readers = await Promise.all(Array.from({ length: 3 }, () => enrolAndConfirm(stack, { timezone: 'UTC', sendHour: 10 })));
    const real = stack.ctx.ses.send.bind(stack.ctx.ses);
    let calls = 0;
    stack.ctx.ses.send = (async () => {
      calls++;
      throw Object.assign(new Error('The gremlins ate it'), { name: 'GremlinException', $metadata: { httpStatusCode: 418 } });
    }) as typeof stack.ctx.ses.send;
    stack.clock.advance(25 * 3_600_000); // Tuesday 10:00
    const report = await runDispatch(stack.ctx);
    expect(report).toMatchObject({ stopped: 'halted', halted: { code: 'GremlinException' }, left: 3 });
    expect(calls).toBe(1);
    stack.ctx.ses.send = real;
    for (const r of readers) expect((await getReader(stack.ctx, r.id))!.status).toBe('active');
  });
});

describe('a send that may have gone out', () => {
  it('is never retried in the loop: the Send event SES published finishes it without a second email', async () => {
    const { stack, ses } = await faultyStack();
    const { id, email } = await enrolAndConfirm(stack, { timezone: 'UTC', sendHour: 10 });
    stack.clock.advance(25 * 3_600_000);
    ses.faults.dropAfterAccept = 1;
    const first = await runDispatch(stack.ctx);
    ses.faults.dropAfterAccept = 0;
    expect(first.byKind).toMatchObject({ failed: 1 });
    expect(ses.stats.dropped).toBe(1);
    expect(await inbox(stack, email)).toHaveLength(3); // it did go out
    stack.clock.advance(11 * 60_000); // the claim is stale: the Send marker decides
    await runDispatch(stack.ctx);
    expect((await received(stack, email)).map((s) => s.ref)).toEqual(['tumultuous/day-00', 'tumultuous/day-01']);
    const r = (await getReader(stack.ctx, id))!;
    expect(r.claim).toBeUndefined();
    expect(r.sends.map((s) => s.ref)).toEqual(['tumultuous/day-00', 'tumultuous/day-01']);
    // The author's numbers count it, once: the run that sent it only heard a failure.
    const { rows } = await apiJson<{ rows: { track: string; lessonId: string; sent: number }[] }>(stack, '/reports/funnel');
    expect(rows.filter((x) => x.sent > 0).map((x) => [x.lessonId, x.sent])).toEqual([
      ['tumultuous/day-00', 1],
      ['tumultuous/day-01', 1],
    ]);
    const { sent } = await apiJson<{ sent: { last7: { lesson: number } } }>(stack, '/overview');
    expect(sent.last7.lesson).toBe(2);
  });
});
