import { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../functions/api/app.js';
import type { Ctx } from '../../../functions/core/context.js';
import { FALLBACK_RATE, maxSendRate } from '../../../functions/core/sending/pacing.js';
import type { Logger } from '../../../functions/core/shared/log.js';
import { services } from '../../helpers/services.js';
import { inbox, json, testStack, validEnrolment, type TestStack } from '../../helpers/stack.js';

/**
 * In AWS the send rate is SES GetAccount's MaxSendRate (pacing.ts). When it cannot be read (the
 * function lacks ses:GetAccount, SES throttles it) sending goes on at a safe rate, said once.
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await testStack();
});
afterAll(() => stack.close());

/** A context as a Lambda has it (AWS mode, no MEND_MAX_SEND_RATE) whose GetAccount fails with `error`. */
function awsCtx(error: { name: string; $metadata?: { httpStatusCode: number } } | null) {
  const lines: { level: string; msg: string; data?: Record<string, unknown> }[] = [];
  const log: Logger = {
    info: () => undefined,
    warn: (msg, data) => lines.push({ level: 'warn', msg, data }),
    error: (msg, data) => lines.push({ level: 'error', msg, data }),
  };
  const ses = new SESv2Client({ endpoint: services().sesUrl, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  const real = ses.send.bind(ses);
  let reads = 0;
  // A stand-in only for what the emulator cannot do: refuse GetAccount (it answers it like SES).
  ses.send = ((cmd: { constructor: { name: string } }, ...rest: unknown[]) => {
    if (cmd.constructor.name !== 'GetAccountCommand') return (real as (...a: unknown[]) => unknown)(cmd, ...rest);
    reads++;
    if (!error) return (real as (...a: unknown[]) => unknown)(cmd, ...rest);
    return Promise.reject(Object.assign(new Error('User is not authorized to perform: ses:GetAccount'), error));
  }) as typeof ses.send;
  const ctx: Ctx = { ...stack.ctx, ses, log, config: { ...stack.ctx.config, mode: 'aws', maxSendRate: undefined } };
  return { ctx, lines, reads: () => reads };
}

describe('the send rate in AWS (pacing.ts maxSendRate)', () => {
  it('reads the account rate from GetAccount (the emulator answers it as SES does)', async () => {
    const { ctx, lines } = awsCtx(null);
    expect(await maxSendRate(ctx)).toBe(1e6);
    expect(lines).toEqual([]);
  });

  it('paces at a safe documented rate when GetAccount is refused, says so once with what to do, and still sends', async () => {
    const { ctx, lines, reads } = awsCtx({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } });
    expect(await maxSendRate(ctx)).toBe(FALLBACK_RATE);
    expect(FALLBACK_RATE).toBe(14);
    const app = createApp(ctx, { dev: false });
    const body = validEnrolment();
    expect((await app.request('/api/enroll', json(body))).status).toBe(202);
    expect(await inbox(stack, body.email)).toHaveLength(1);
    expect(await maxSendRate(ctx)).toBe(FALLBACK_RATE);
    expect(reads()).toBe(1); // a refusal is not asked again on every send
    expect(lines).toEqual([
      {
        level: 'warn',
        msg: expect.stringMatching(/GetAccount failed.*ses:GetAccount or set MEND_MAX_SEND_RATE/),
        data: { rate: 14, error: 'AccessDeniedException', readAgainInSeconds: 600 },
      },
    ]);
  });

  it('reads again within a minute when GetAccount failed by itself (throttled)', async () => {
    const { ctx, lines } = awsCtx({ name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } });
    expect(await maxSendRate(ctx)).toBe(FALLBACK_RATE);
    expect(lines).toEqual([expect.objectContaining({ level: 'warn', data: expect.objectContaining({ error: 'TooManyRequestsException', readAgainInSeconds: 60 }) })]);
  });

  it('uses MEND_MAX_SEND_RATE without asking SES at all', async () => {
    const { ctx, reads } = awsCtx({ name: 'AccessDeniedException' });
    expect(await maxSendRate({ ...ctx, config: { ...ctx.config, maxSendRate: 40 } })).toBe(40);
    expect(reads()).toBe(0);
  });
});
