import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAdminToken } from '../../../functions/core/admin/sign-in.js';
import { MAX_FAILURES, WINDOW_SECONDS } from '../../../functions/core/admin/throttle.js';
import { ManualClock } from '../../../functions/core/clock.js';
import { testStack, type TestStack } from '../../helpers/stack.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await testStack();
});
afterAll(() => stack.close());

const RIGHT = 'test-admin-token';

describe('checkAdminToken (the admin sign-in policy)', () => {
  it('passes the right token, counts wrong ones, then refuses the address whatever it sends until its window ends', async () => {
    const clock = new ManualClock('2026-03-02T09:00:30Z');
    const check = (token: string | undefined, address = '203.0.113.5') => checkAdminToken(stack.ctx, token, address, clock);
    expect(await check(RIGHT)).toEqual({ result: 'ok' });
    for (let i = 0; i < MAX_FAILURES; i++) expect(await check(`guess-${i}`)).toEqual({ result: 'wrong' });
    expect(await check(RIGHT)).toEqual({ result: 'locked', retryAfter: WINDOW_SECONDS - 30 });
    expect(await check(undefined)).toMatchObject({ result: 'locked' });
    // Someone else's guessing locks out only their own address.
    expect(await check(RIGHT, '203.0.113.6')).toEqual({ result: 'ok' });
    clock.advance(WINDOW_SECONDS * 1000);
    expect(await check(RIGHT)).toEqual({ result: 'ok' });
  });

  it('counts a missing token as wrong, and never locks a caller without an address (in-process calls)', async () => {
    const clock = new ManualClock('2026-03-02T10:00:00Z');
    expect(await checkAdminToken(stack.ctx, undefined, '198.51.100.1', clock)).toEqual({ result: 'wrong' });
    for (let i = 0; i < MAX_FAILURES + 2; i++) expect(await checkAdminToken(stack.ctx, 'nope', undefined, clock)).toEqual({ result: 'wrong' });
    expect(await checkAdminToken(stack.ctx, RIGHT, undefined, clock)).toEqual({ result: 'ok' });
  });
});
