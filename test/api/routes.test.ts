import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app.js';
import { testStack, type TestStack } from '../helpers/stack.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await testStack();
});
afterAll(() => stack.close());

describe('the app', () => {
  it('has no dev routes in the Lambda build', async () => {
    const lambdaApp = createApp(stack.ctx, { dev: false });
    for (const [method, path] of [
      ['GET', '/dev/clock'],
      ['POST', '/dev/clock/advance'],
      ['POST', '/dev/inbound'],
      ['GET', '/dev/inbox'],
    ] as const) {
      expect((await lambdaApp.request(path, { method })).status).toBe(404);
    }
    expect((await stack.app.request('/dev/clock')).status).toBe(200);
  });

  it('serves the subscribe page with the three situations explained, consent unticked', async () => {
    const res = await stack.app.request('/');
    expect(res.status).toBe(200);
    const page = await res.text();
    for (const s of ['tumultuous', 'healthy', 'stress']) expect(page).toContain(`value="${s}"`);
    expect(page).toContain('A stormy relationship');
    expect(page).toContain('A loving relationship that ended');
    expect(page).toContain('A breakup under stress');
    expect(page).toMatch(/<input type="checkbox" name="followUpConsent" value="on" >/);
    expect(page).toContain('<option value="8" selected>');
    expect(page).toContain('action="/api/enroll"');
  });

  it('answers the dev clock and moves it forward on request', async () => {
    const before = (await (await stack.app.request('/dev/clock')).json()) as { now: string };
    const res = await stack.app.request('/dev/clock/advance', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"hours":5}' });
    const after = (await res.json()) as { now: string };
    expect(Date.parse(after.now) - Date.parse(before.now)).toBe(5 * 3_600_000);
    const bad = await stack.app.request('/dev/clock/advance', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"days":-1}' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ issues: [{ path: 'days' }] });
  });
});
