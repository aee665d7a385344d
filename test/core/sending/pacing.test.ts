import { describe, expect, it, onTestFinished } from 'vitest';
import { systemClock } from '../../../functions/core/clock.js';
import type { Ctx } from '../../../functions/core/context.js';
import { runDispatch } from '../../../functions/core/dispatch/run.js';
import { received } from '../../helpers/course.js';
import { enrolAndConfirm, json, testStack, validEnrolment, type TestStack } from '../../helpers/stack.js';
import { newId } from '../../../functions/core/shared/ids.js';
import { busiestSecond } from '../../../functions/core/sending/pacing.js';

/** Records when each SendEmail call is made (real time: the rate is a real-world limit). */
function recordCalls(ctx: Ctx, calls: { at: number; kind: string }[]) {
  const real = ctx.ses.send.bind(ctx.ses);
  ctx.ses.send = (async (cmd: { input: { Content?: { Simple?: { Headers?: { Name: string; Value: string }[] } } } }) => {
    const kind = cmd.input.Content?.Simple?.Headers?.find((h) => h.Name === 'X-Mend-Kind')?.Value;
    if (kind) calls.push({ at: systemClock.now().getTime(), kind });
    return real(cmd as never);
  }) as typeof ctx.ses.send;
}

describe('the send budget', () => {
  it('keeps two dispatchers and the sign-ups together under the rate in every one-second window, confirmations first', async () => {
    const tableName = `t_${newId(10)}`;
    const now = '2026-03-02T09:00:00Z';
    const setup = await testStack({ now, tableName });
    onTestFinished(() => setup.close());
    const readers = await Promise.all(Array.from({ length: 36 }, () => enrolAndConfirm(setup, { timezone: 'UTC', sendHour: 10 })));
    // Two senders on the same table, as two Lambdas would be, both paced at 10 emails a second.
    const paced: TestStack[] = [];
    for (let i = 0; i < 2; i++) {
      const s = await testStack({ now, tableName, config: { maxSendRate: 10 } });
      onTestFinished(() => s.close());
      s.clock.advance(25 * 3_600_000);
      paced.push(s);
    }
    const calls: { at: number; kind: string }[] = [];
    for (const s of paced) recordCalls(s.ctx, calls);
    const runs = Promise.all(paced.map((s) => runDispatch(s.ctx)));
    // Sign-ups arrive while the backlog is being sent.
    await new Promise((r) => setTimeout(r, 800));
    const signUps = await Promise.all(Array.from({ length: 3 }, () => paced[1]!.app.request('/api/enroll', json(validEnrolment()))));
    const reports = await runs;
    expect(signUps.map((r) => r.status)).toEqual([202, 202, 202]);
    expect(reports[0]!.sent + reports[1]!.sent).toBe(36);
    expect(calls.filter((c) => c.kind === 'lesson')).toHaveLength(36);
    expect(calls.filter((c) => c.kind === 'confirmation')).toHaveLength(3);
    expect(busiestSecond(calls.map((c) => c.at))).toBeLessThanOrEqual(10);
    // The confirmations did not wait behind the backlog: each went out before the last lessons did.
    const lessons = calls.filter((c) => c.kind === 'lesson').map((c) => c.at).sort((a, b) => a - b);
    for (const c of calls.filter((x) => x.kind === 'confirmation')) expect(c.at).toBeLessThan(lessons[lessons.length - 5]!);
    for (const r of readers) expect((await received(setup, r.email)).map((s) => s.ref)).toEqual(['tumultuous/day-00', 'tumultuous/day-01']);
  });
});
