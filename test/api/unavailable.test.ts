import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAIL_FAULT, MAIL_UNSURE, STORAGE_FAULT } from '../../functions/api/errors.js';
import { getEmailOwner } from '../../functions/core/db/email-lookups.js';
import { readerHistory } from '../../functions/core/db/history.js';
import { getReader } from '../../functions/core/db/readers.js';
import { sign } from '../../functions/core/links/tokens.js';
import type { Logger } from '../../functions/core/shared/log.js';
import { startDynamoFaults, type FaultProxy } from '../../functions/local/faults.js';
import { s3DeleteOnlyStore } from '../../functions/runtime/s3-delete.js';
import { dash, login } from './admin/admin-helpers.js';
import { plain } from '../helpers/mail.js';
import { services } from '../helpers/services.js';
import { enrolAndConfirm, header, inbox, json, linkIn, sesFaultyStack, testStack, validEnrolment, type TestStack } from '../helpers/stack.js';

/**
 * A DynamoDB fault during a request (throttling that outlasts the SDK's retries, an outage, a
 * refused connection) is temporary: the one onError answers 503 with Retry-After and words that
 * say nothing was lost, never a 500 or a stack trace. Everything runs on the real embedded
 * services; the fault proxy (functions/local/faults.ts) sits between the stack and dynalite.
 */
let proxy: FaultProxy;
let stack: TestStack;
const logged: { level: string; msg: string; data?: Record<string, unknown> }[] = [];
const log: Logger = {
  info: () => undefined,
  warn: (msg, data) => logged.push({ level: 'warn', msg, data }),
  error: (msg, data) => logged.push({ level: 'error', msg, data }),
};

beforeAll(async () => {
  proxy = await startDynamoFaults(services().dynamoUrl, {});
  stack = await testStack({ dynamoUrl: proxy.url, log });
});
afterAll(async () => {
  await stack.close();
  await proxy.close();
});

/** The first `calls` DynamoDB calls of `fn` pass, every later one is throttled (past the SDK's retries); then the service is back. */
async function outageAfter<T>(calls: number, fn: () => T | Promise<T>): Promise<T> {
  proxy.faults.throttleAfter = proxy.stats.calls + calls;
  try {
    return await fn();
  } finally {
    proxy.faults.throttleAfter = undefined;
  }
}

/** Every DynamoDB call throttled while `fn` runs (the SDK's retries all fail too), then the service is back. */
async function outage<T>(fn: () => T | Promise<T>): Promise<T> {
  proxy.faults.throttle = 1;
  try {
    return await fn();
  } finally {
    proxy.faults.throttle = 0;
  }
}

const ADMIN = { authorization: 'Bearer test-admin-token' };
const form = (body: Record<string, unknown>) => ({
  method: 'POST',
  body: new URLSearchParams(Object.entries(body).map(([k, v]) => [k, String(v)])),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

/** What every 503 for a storage fault has: the status, Retry-After, and no trace of the error itself. */
async function expectStorageFault(res: Response, as: 'json' | 'page'): Promise<string> {
  expect(res.status).toBe(503);
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(30);
  expect(res.headers.get('content-type')).toContain(as === 'json' ? 'application/json' : 'text/html');
  const text = await res.text();
  expect(text).not.toMatch(/ElectroError|Throttling|DynamoDB|at \w+ \(|Error:/);
  if (as === 'json') expect(JSON.parse(text)).toEqual({ error: STORAGE_FAULT, issues: [] });
  else expect(text).toContain('Please try again in a moment');
  return text;
}

describe('a DynamoDB fault during a request (api/errors.ts)', () => {
  it('answers a JSON sign-up 503 with Retry-After, saying it is temporary and nothing was lost; the same sign-up then works', async () => {
    const body = validEnrolment();
    logged.length = 0;
    const res = await outage(() => stack.app.request('/api/enroll', json(body)));
    await expectStorageFault(res, 'json');
    expect(STORAGE_FAULT).toMatch(/temporary/);
    expect(STORAGE_FAULT).toMatch(/Nothing you sent was lost or left half-saved/);
    // One line, names and numbers only: no address, no name, no message text.
    const line = logged.filter((l) => l.msg === 'service unavailable');
    expect(line).toEqual([{ level: 'warn', msg: 'service unavailable', data: expect.objectContaining({ route: '/api/enroll', method: 'POST', error: expect.any(String), cause: 'ThrottlingException', status: 400, attempts: 8 }) }]);
    expect(JSON.stringify(logged)).not.toContain(body.email);
    expect(JSON.stringify(logged)).not.toContain('Robin');
    expect(logged.some((l) => l.msg === 'unhandled error')).toBe(false);
    expect(await getEmailOwner(stack.ctx, body.email)).toBeNull(); // nothing was written

    const again = await stack.app.request('/api/enroll', json(body));
    expect(again.status).toBe(202);
    const mails = await inbox(stack, body.email);
    expect(mails).toHaveLength(1);
    const id = (await getEmailOwner(stack.ctx, body.email))!;
    expect(await getReader(stack.ctx, id)).toMatchObject({ status: 'pending', firstName: 'Robin', situation: 'tumultuous', timezone: 'Europe/London' });
  });

  it('shows the person at the sign-up form a gentle page (503, Retry-After) that says what to do', async () => {
    const body = validEnrolment();
    const page = await expectStorageFault(await outage(() => stack.app.request('/api/enroll', form(body))), 'page');
    expect(page).toContain('nothing is wrong with what you entered');
    expect(page).toContain('send the form again');
    const again = await stack.app.request('/api/enroll', form(body));
    expect(again.status).toBe(202);
    expect(await inbox(stack, body.email)).toHaveLength(1);
  });

  it('confirms after the fault clears: the confirmation link answers 503 with a page during it, and then starts the course once', async () => {
    const body = validEnrolment();
    expect((await stack.app.request('/api/enroll', json(body))).status).toBe(202);
    const link = linkIn((await inbox(stack, body.email))[0]!, '/confirm?token=');
    const page = await expectStorageFault(await outage(() => stack.app.request(link)), 'page');
    expect(page).toContain('open the link in the email again');
    const id = (await getEmailOwner(stack.ctx, body.email))!;
    expect((await getReader(stack.ctx, id))!.status).toBe('pending');

    const ok = await stack.app.request(link);
    expect(ok.status).toBe(200);
    const reader = (await getReader(stack.ctx, id))!;
    expect(reader.status).toBe('active');
    const lessons = (await inbox(stack, body.email)).filter((m) => header(m, 'X-Mend-Kind') === 'lesson');
    expect(lessons).toHaveLength(1); // the welcome, once
  });

  it('answers a reader page (preferences) 503 as a page, and JSON to a program; the same change then applies once', async () => {
    const { id } = await enrolAndConfirm(stack);
    const prefs = `/me/${sign('test-signing-secret', 'prefs', id, new Date('2030-01-01'))}`;
    const page = await expectStorageFault(await outage(() => stack.app.request(prefs, { headers: { accept: 'text/html' } })), 'page');
    expect(page).toContain('your link is fine');
    await expectStorageFault(await outage(() => stack.app.request(prefs, json({ action: 'pause' }))), 'json');
    const before = (await getReader(stack.ctx, id))!;
    expect(before.status).toBe('active'); // the failed pause changed nothing

    const paused = await stack.app.request(prefs, json({ action: 'pause' }));
    expect(paused.status).toBe(200);
    const after = (await getReader(stack.ctx, id))!;
    expect(after.status).toBe('paused');
    expect((await stack.app.request(prefs, { headers: { accept: 'text/html' } })).status).toBe(200);
  });

  it('answers the admin API 503 in JSON (the sign-in check included), and a note sent during the fault is not half-kept', async () => {
    const { id } = await enrolAndConfirm(stack);
    await expectStorageFault(await outage(() => stack.app.request(`/api/admin/readers/${id}`, { headers: ADMIN })), 'json');
    const note = { method: 'POST', headers: { ...ADMIN, 'content-type': 'application/json' }, body: JSON.stringify({ text: 'Asked about the one-month check-in.' }) };
    await expectStorageFault(await outage(() => stack.app.request(`/api/admin/readers/${id}/notes`, note)), 'json');

    const added = await stack.app.request(`/api/admin/readers/${id}/notes`, note);
    expect(added.status).toBe(201);
    const story = await stack.app.request(`/api/admin/readers/${id}`, { headers: ADMIN });
    expect(story.status).toBe(200);
    expect(((await story.json()) as { notes: unknown[] }).notes).toHaveLength(1);
  });

  it('shows the author a dashboard page (503, Retry-After) that says to try again, and the dashboard then works', async () => {
    const cookie = await login(stack);
    const page = await outage(() => dash(stack, cookie, '/admin'));
    expect(page.status).toBe(503);
    expect(Number(page.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const text = await page.text();
    expect(text).toContain('Please try again in a moment');
    expect(text).toContain('Nothing you sent was lost');
    expect(text).toContain('Back to the dashboard');
    expect((await dash(stack, cookie, '/admin')).status).toBe(200);
  });

  it('still answers a bug of ours 500, not 503', async () => {
    const { createApp } = await import('../../functions/api/app.js');
    const app = createApp(stack.ctx, { dev: false });
    app.get('/test/bug', () => {
      throw new TypeError('x is undefined');
    });
    const res = await app.request('/test/bug');
    expect(res.status).toBe(500);
    expect(res.headers.get('retry-after')).toBeNull();
  });
});

describe('a DynamoDB fault while a reply comes in (/dev/inbound, the inbound Lambda\'s local twin)', () => {
  const post = (raw: string) => stack.app.request('/dev/inbound', { method: 'POST', body: raw, headers: { 'content-type': 'message/rfc822' } });

  it('answers the sender 503 with Retry-After so the message is sent again, and the next delivery logs it once', async () => {
    const { id, email } = await enrolAndConfirm(stack);
    const lesson = (await inbox(stack, email)).find((m) => header(m, 'X-Mend-Kind') === 'lesson')!;
    const raw = plain({ from: email, to: lesson.replyTo[0]! }, 'Day 2 of no contact. I wanted to text him and did not.');
    const failed = await outage(() => post(raw));
    expect(failed.status).toBe(503);
    expect(Number(failed.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await failed.json()) as { error: string }).error).toMatch(/Post it again/);
    expect(JSON.stringify(logged)).not.toContain('did not');

    const ok = await post(raw);
    expect(ok.status).toBe(202);
    expect(await ok.json()).toMatchObject({ status: 'logged', readerId: id, courseStep: 'done' });
    expect((await post(raw)).status).toBe(202); // a third delivery: a duplicate
    const replies = (await readerHistory(stack.ctx, id)).replies;
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toContain('I wanted to text him and did not');
  });
});

describe('an outage that starts midway through a request', () => {
  it('leaves a sign-up it cuts short at any point whole: the answer says when to try again, and that try sends one confirmation', async () => {
    const seen = new Set<string>();
    for (let calls = 0; ; calls++) {
      expect(calls, 'a sign-up makes fewer DynamoDB calls than this').toBeLessThan(40);
      const body = validEnrolment();
      const res = await outageAfter(calls, () => stack.app.request('/api/enroll', json(body)));
      if (res.status === 202) {
        expect(await inbox(stack, body.email)).toHaveLength(1);
        break;
      }
      expect(res.status, `cut after ${calls} calls`).toBe(503);
      const wait = Number(res.headers.get('retry-after'));
      expect(wait, `cut after ${calls} calls`).toBeGreaterThanOrEqual(1);
      const { error } = (await res.json()) as { error: string };
      seen.add(error);
      expect(await inbox(stack, body.email), `cut after ${calls} calls`).toHaveLength(0);
      // Tried again when the answer said: one confirmation, the sign-up as it was sent.
      stack.clock.advance(wait * 1000);
      expect((await stack.app.request('/api/enroll', json(body))).status).toBe(202);
      expect(await inbox(stack, body.email), `cut after ${calls} calls, then tried again`).toHaveLength(1);
      const id = (await getEmailOwner(stack.ctx, body.email))!;
      expect(await getReader(stack.ctx, id)).toMatchObject({ status: 'pending', firstName: 'Robin', situation: 'tumultuous', sendHour: 8 });
    }
    // Both answers were given: nothing written yet (a few seconds), and the confirmation held back (ten minutes).
    expect([...seen].sort()).toEqual([STORAGE_FAULT, expect.stringMatching(/Your sign-up is kept; please try again in 10 minutes/)].sort());
  });

  it('tells the person at the form on a page when their confirmation is held back, and for how long', async () => {
    const body = validEnrolment();
    // Past the reader's write, before the confirmation goes (the suppression check before every send).
    let res: Response | undefined;
    for (let calls = 3; calls < 40; calls++) {
      const b = { ...body, email: `held.${calls}.${body.email}` };
      res = await outageAfter(calls, () => stack.app.request('/api/enroll', form(b)));
      if (res.headers.get('retry-after') === '600') break;
    }
    expect(res!.status).toBe(503);
    const page = await res!.text();
    expect(page).toContain('Please try again in ten minutes');
    expect(page).toContain('Your sign-up is kept');
  });

  it('never loses a reply it cuts short at any point: the sender hears 503 until it is stored, and the next delivery finishes it once', async () => {
    const { id, email } = await enrolAndConfirm(stack);
    const lesson = (await inbox(stack, email)).find((m) => header(m, 'X-Mend-Kind') === 'lesson')!;
    let stored = 0;
    for (let calls = 0; ; calls++) {
      expect(calls, 'a reply makes fewer DynamoDB calls than this').toBeLessThan(60);
      const raw = plain({ from: email, to: lesson.replyTo[0]! }, `Reply number ${calls}: I broke no contact yesterday and I feel awful.`);
      const res = await outageAfter(calls, () => post(raw));
      const first = (await res.json()) as { status?: string; courseStep?: string };
      const before = (await readerHistory(stack.ctx, id)).replies.filter((r) => r.text.includes(`Reply number ${calls}:`));
      if (res.status === 503) expect(before, `a 503 after ${calls} calls`).toHaveLength(0);
      else expect(res.status).toBe(202);
      if (res.status === 202 && first.courseStep === 'done') break;
      // SES (or the caller) delivers it again: once stored, it is there once, its course step done.
      const again = await post(raw);
      expect(again.status).toBe(202);
      expect(await again.json()).toMatchObject({ courseStep: 'done' });
      const after = (await readerHistory(stack.ctx, id)).replies.filter((r) => r.text.includes(`Reply number ${calls}:`));
      expect(after, `cut after ${calls} calls, then delivered again`).toHaveLength(1);
      expect(after[0]).toMatchObject({ courseStep: 'done', applied: true });
      stored++;
    }
    expect(stored).toBeGreaterThan(3);
  });

  const post = (raw: string) => stack.app.request('/dev/inbound', { method: 'POST', body: raw, headers: { 'content-type': 'message/rfc822' } });
});

describe('an S3 fault while the author erases a reader', () => {
  it('answers 503 with Retry-After, and the erasure finishes when tried again', async () => {
    const { createServer } = await import('node:http');
    // S3 as it answers when overloaded: 503 SlowDown to every request.
    const s3 = createServer((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/xml' });
      res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>');
    });
    await new Promise<void>((r) => s3.listen(0, '127.0.0.1', () => r()));
    const { id, email } = await enrolAndConfirm(stack);
    const lesson = (await inbox(stack, email)).find((m) => header(m, 'X-Mend-Kind') === 'lesson')!;
    const post = await stack.app.request('/dev/inbound', { method: 'POST', body: plain({ from: email, to: lesson.replyTo[0]! }, 'Thank you for this.'), headers: { 'content-type': 'message/rfc822' } });
    expect(post.status).toBe(202);
    const erase = () => stack.app.request(`/api/admin/readers/${id}`, { method: 'DELETE', headers: ADMIN });
    const folder = stack.ctx.rawMail;
    const port = (s3.address() as { port: number }).port;
    stack.ctx.rawMail = s3DeleteOnlyStore('mend-raw', { AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${port}`, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
    let res: Response;
    try {
      res = await erase();
    } finally {
      stack.ctx.rawMail = folder;
      await new Promise<void>((r) => s3.close(() => r()));
    }
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await res.json()).toMatchObject({ error: expect.stringMatching(/temporary/) });
    expect(logged.filter((l) => l.msg === 'service unavailable').at(-1)?.data).toMatchObject({ error: 'S3DeleteFailed', cause: 'S3DeleteFailed', status: 503 });

    expect((await erase()).status).toBe(204);
    expect((await stack.app.request(`/api/admin/readers/${id}`, { headers: ADMIN })).status).toBe(404);
    expect(await getEmailOwner(stack.ctx, email)).toBeNull();
  });
});

describe('SES throttling past the send\'s own retries while a request sends an email', () => {
  it('answers a data-export request 503 with Retry-After and the mail words, and the next request sends the link', async () => {
    const { id, email } = await enrolAndConfirm(stack);
    const prefs = `/me/${sign('test-signing-secret', 'prefs', id, new Date('2030-01-01'))}`;
    const real = stack.ctx.ses.send.bind(stack.ctx.ses);
    // A stand-in only for SES throttling every call, which the emulator cannot do.
    stack.ctx.ses.send = (async () => {
      throw Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } });
    }) as typeof stack.ctx.ses.send;
    let program: Response;
    let page: Response;
    try {
      program = await stack.app.request(prefs, json({ action: 'export-data' }));
      page = await stack.app.request(prefs, { method: 'POST', body: new URLSearchParams({ action: 'export-data' }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    } finally {
      stack.ctx.ses.send = real;
    }
    expect(program.status).toBe(503);
    expect(program.headers.get('retry-after')).toBe('60');
    expect(await program.json()).toEqual({ error: MAIL_FAULT, issues: [] });
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('We could not send the email just now');
    const before = (await inbox(stack, email)).length;
    const ok = await stack.app.request(prefs, json({ action: 'export-data' }));
    expect(ok.status).toBe(200);
    expect(await inbox(stack, email)).toHaveLength(before + 1);
  });
});

describe('SES taking an email a request sends and its answer then lost', () => {
  it('answers a data-export request 503 saying the email may be on its way, and it is', async () => {
    const { stack: lossy, ses } = await sesFaultyStack();
    const { id, email } = await enrolAndConfirm(lossy);
    const prefs = `/me/${sign('test-signing-secret', 'prefs', id, new Date('2030-01-01'))}`;
    const before = (await inbox(lossy, email)).length;
    ses.faults.dropAfterAccept = 1;
    const res = await lossy.app.request(prefs, json({ action: 'export-data' }));
    ses.faults.dropAfterAccept = 0;
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('60');
    expect(await res.json()).toEqual({ error: MAIL_UNSURE, issues: [] });
    expect(await inbox(lossy, email)).toHaveLength(before + 1);
  });
});
