import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, systemClock } from '../../functions/core/clock.js';
import { getReader } from '../../functions/core/db/readers.js';
import { newId } from '../../functions/core/shared/ids.js';
import { dueShard } from '../../functions/core/db/readers.js';
import type { FunctionName } from '../../functions/runtime/links.js';
import { buildLambdas, type Bundle } from '../../scripts/build-lambdas.js';
import { functionUrlEvent, jsonOf, schedulerEvent, sesReceiptEvent, snsBounceEvent, FUNCTION_URL_DOMAIN, type UrlResponse } from '../helpers/aws-events.js';
import { invokeBundle, type InvokeOptions, type LambdaWorld } from '../helpers/lambda.js';
import { startS3, type S3StandIn } from '../helpers/s3.js';
import { seed, seededReader } from '../helpers/newsletters.js';
import { enrolAndConfirm, header, inbox, linkIn, testStack, uniqueEmail, type StoredEmail, type TestStack } from '../helpers/stack.js';
import { services } from '../helpers/services.js';

/**
 * The production path: each Lambda bundle, built as SST builds it, loaded in a fresh Node process
 * with a deployed function's environment and invoked with the events AWS really sends. Everything it
 * talks to is the embedded services, reached only through the SDK's endpoint variables.
 */
const outDir = join(tmpdir(), `mend-lambdas-${process.pid}`);
let bundles: Record<FunctionName, Bundle>;
let s3: S3StandIn;
let world: LambdaWorld;
/** The same table and secrets in-process, to arrange readers and read the admin API directly. */
let stack: TestStack;

const SIGNING_SECRET = 'lambda-test-signing-secret-0123456789abcdef';
const ADMIN_TOKEN = 'lambda-test-admin-token-0123456789abcdefgh';
const PUBLIC_URL = 'https://mend.example.test';

beforeAll(async () => {
  // Built outside the repository: a bundle that still needed node_modules would fail to load.
  const built = await buildLambdas({ outDir });
  bundles = Object.fromEntries(built.bundles.map((b) => [b.fn, b])) as Record<FunctionName, Bundle>;
  const tableName = `t_lambda_${newId(8)}`;
  s3 = await startS3(`mend-inbound-${newId(6).toLowerCase()}`);
  world = {
    dynamoUrl: services().dynamoUrl,
    sesUrl: services().sesUrl,
    s3Url: s3.url,
    tableName,
    bucket: s3.bucket,
    signingSecret: SIGNING_SECRET,
    adminToken: ADMIN_TOKEN,
    publicUrl: PUBLIC_URL,
    replyDomain: 'reply.mend.example.test',
    fromAddress: 'Mend <lessons@mend.example.test>',
  };
  // Readers arranged here signed up three days ago, so their next lesson is due in real time now.
  stack = await testStack({
    now: new Date(systemClock.now().getTime() - 3 * DAY).toISOString(),
    tableName,
    secrets: { signingSecret: SIGNING_SECRET, adminToken: ADMIN_TOKEN },
    config: { publicUrl: PUBLIC_URL, replyDomain: world.replyDomain, fromAddress: world.fromAddress },
  });
}, 120_000);

afterAll(async () => {
  await stack?.close();
  await s3?.close();
  rmSync(outDir, { recursive: true, force: true });
});

const run = (fn: FunctionName, events: unknown[], opts?: InvokeOptions) => invokeBundle(fn, bundles[fn].file, events, world, opts);

/** One invocation that must succeed: its result. */
async function runOnce(fn: FunctionName, event: unknown, opts?: InvokeOptions) {
  const inv = await run(fn, [event], opts);
  expect(inv.initError, inv.logs).toBeUndefined();
  const [first] = inv.invocations;
  if (!first?.ok) throw new Error(`${fn} failed: ${JSON.stringify(first)}\n${inv.logs}`);
  return { result: first.result, inv };
}

const url = (path: string, over: Partial<Parameters<typeof functionUrlEvent>[0]> = {}) =>
  functionUrlEvent({ path, at: systemClock.now(), ...over });

const adminGet = (path: string) => url(`/api/admin${path}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });

/** The path and query of a link in an email, for a Function URL event. */
const pathOf = (link: string) => {
  const u = new URL(link, PUBLIC_URL);
  return u.pathname + u.search;
};

async function adminJson(path: string) {
  const res = await stack.app.request(`/api/admin${path}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

describe('the api bundle behind its Function URL', () => {
  it('enrols, confirms from the emailed link with the welcome sent at once, and answers the admin API with the bearer token', async () => {
    const email = uniqueEmail('lambda-api');
    const enrol = await runOnce(
      'api',
      url('/api/enroll', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, firstName: 'Robin', situation: 'stress', timezone: 'Europe/Paris', sendHour: 9, followUpConsent: true }),
      }),
    );
    const res = enrol.result as UrlResponse;
    expect(res.statusCode).toBe(202);
    expect(jsonOf(res)).toMatchObject({ status: 'pending' });
    // Nothing personal in the function's logs.
    expect(enrol.inv.logs).not.toContain(email);
    // The first send read the send rate from GetAccount (the emulator answers it): nothing went wrong, nothing to say.
    expect(enrol.inv.logs).not.toMatch(/"level":"(ERROR|WARN)"/);

    const [confirmation] = await inbox(stack, email);
    expect(confirmation?.subject).toMatch(/confirm/i);
    expect(header(confirmation!, 'X-Mend-Kind')).toBe('confirmation');
    const confirmLink = linkIn(confirmation!, '/confirm?token=');
    expect(confirmation!.body.text).toContain(`${PUBLIC_URL}/confirm?token=`);
    expect(confirmation!.body.text).toContain('Hi Robin,');

    // A second cold start: confirm, then (warm, same process) the author looks the reader up.
    const inv = await run('api', [url(pathOf(confirmLink)), adminGet(`/readers?email=${encodeURIComponent(email)}`)]);
    expect(inv.initError, inv.logs).toBeUndefined();
    const [confirmed, listed] = inv.invocations;
    expect(confirmed?.ok && (confirmed.result as UrlResponse).statusCode).toBe(200);
    const mail = await inbox(stack, email);
    expect(mail.map((m) => header(m, 'X-Mend-Kind'))).toEqual(['confirmation', 'lesson']);
    expect(header(mail[1]!, 'X-Mend-Ref')).toBe('stress/day-00');
    expect(mail[1]!.body.text).toContain('Hi Robin,');
    expect(mail[1]!.body.text).toContain('Springfield'); // the postal address from MEND_POSTAL_ADDRESS
    expect(mail[1]!.body.html).not.toContain('@@MEND');

    if (!listed?.ok) throw new Error(`admin call failed: ${JSON.stringify(listed)}`);
    const readers = jsonOf(listed.result).readers as { email: string; status: string; track: string }[];
    expect(readers).toEqual([expect.objectContaining({ email, status: 'active', track: 'stress' })]);
    expect(inv.logs).not.toContain(email);

    const denied = await runOnce('api', url('/api/admin/overview', { headers: { authorization: 'Bearer not-the-token' } }));
    expect((denied.result as UrlResponse).statusCode).toBe(401);
  });

  it('links to the function URL the request came in on when MEND_PUBLIC_URL is not set', async () => {
    const email = uniqueEmail('lambda-url');
    const { result } = await runOnce(
      'api',
      url('/api/enroll', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, firstName: 'Sam', situation: 'healthy', timezone: 'UTC' }),
      }),
      { env: { MEND_PUBLIC_URL: undefined } },
    );
    expect((result as UrlResponse).statusCode).toBe(202);
    const [confirmation] = await inbox(stack, email);
    expect(confirmation!.body.text).toContain(`https://${FUNCTION_URL_DOMAIN}/confirm?token=`);
  });

  it("builds the author's dashboard on its first request: the login form, a session from the token, pages behind it, and errors as pages", async () => {
    const page = (path: string, over: Partial<Parameters<typeof functionUrlEvent>[0]> = {}) => url(path, { headers: { accept: 'text/html' }, ...over });
    // One cold start, then the same (warm) process for each step, as a browser would go.
    const login = (cookie?: string) =>
      page('/admin/login', {
        method: 'POST',
        headers: { accept: 'text/html', origin: PUBLIC_URL, 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
        body: `token=${encodeURIComponent(ADMIN_TOKEN)}&next=${encodeURIComponent('/admin/readers')}`,
      });
    const first = await run('api', [page('/admin/readers'), page('/admin/login'), login()]);
    expect(first.initError, first.logs).toBeUndefined();
    const [away, form, loggedIn] = first.invocations.map((i) => {
      if (!i.ok) throw new Error(`dashboard call failed: ${JSON.stringify(i)}`);
      return i.result as UrlResponse;
    });
    expect(away!.statusCode).toBe(303);
    expect(away!.headers.location).toMatch(/^\/admin\/login/);
    expect(form!.statusCode).toBe(200);
    expect(form!.body).toMatch(/<form[^>]*method="post"/i);
    expect(loggedIn!.statusCode).toBe(303);
    expect(loggedIn!.headers.location).toBe('/admin/readers');
    const cookie = loggedIn!.cookies?.[0]?.split(';')[0];
    expect(cookie).toMatch(/=/);

    const [readers, missing, unknownApi] = (
      await run('api', [page('/admin/readers', { headers: { accept: 'text/html', cookie: cookie! } }), page('/admin/readers/no-such-reader', { headers: { accept: 'text/html', cookie: cookie! } }), adminGet('/no-such-route')])
    ).invocations.map((i) => (i.ok ? (i.result as UrlResponse) : (() => { throw new Error(JSON.stringify(i)); })()));
    expect(readers!.statusCode).toBe(200);
    expect(readers!.headers['content-type']).toMatch(/text\/html/);
    expect(readers!.headers['cache-control']).toBe('no-store');
    expect(readers!.headers['content-security-policy']).toContain("default-src 'self'");
    expect(missing!.statusCode).toBe(404);
    expect(missing!.headers['content-type']).toMatch(/text\/html/);
    expect(unknownApi!.statusCode).toBe(404);
    expect(jsonOf(unknownApi)).toHaveProperty('error');
  });

  it('has no /dev routes', async () => {
    const { result } = await runOnce('api', url('/dev/clock'));
    expect((result as UrlResponse).statusCode).toBe(404);
  });
});

describe('the dispatch bundle on its EventBridge schedule', () => {
  it('sends the lesson that is due, once', async () => {
    const reader = await enrolAndConfirm(stack, { situation: 'tumultuous', timezone: 'America/New_York', sendHour: 7 });
    expect((await inbox(stack, reader.email)).map((m) => header(m, 'X-Mend-Ref'))).toEqual(['confirm', 'tumultuous/day-00']);

    const { result } = await runOnce('dispatch', schedulerEvent());
    expect(result).toMatchObject({ sent: expect.any(Number) });
    const mail = await inbox(stack, reader.email);
    expect(mail.map((m) => header(m, 'X-Mend-Ref'))).toEqual(['confirm', 'tumultuous/day-00', 'tumultuous/day-01']);
    const lesson = mail[2]!;
    expect(header(lesson, 'X-Mend-Kind')).toBe('lesson');
    expect(lesson.body.text).toContain(`Hi ${reader.body.firstName},`);
    expect(lesson.body.text).toContain(`${PUBLIC_URL}/unsubscribe/`);
    expect(header(lesson, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(lesson.replyTo[0]).toMatch(new RegExp(`^reply\\+[^@]+@${world.replyDomain.replace(/\./g, '\\.')}$`));

    // The next run finds nothing more for this reader today.
    await runOnce('dispatch', schedulerEvent());
    expect(await inbox(stack, reader.email)).toHaveLength(3);
  });

  it('sends a scheduled newsletter in bulk with the precompiled layout, once, after the lessons', async () => {
    const readers = await seed(stack, Array.from({ length: 3 }, () => seededReader({ enrolledOn: '2025-05-05', firstName: 'Noor' })));
    const created = await stack.app.request('/api/admin/newsletters', {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ subject: 'From the bundle', previewText: 'Sent by the dispatch Lambda', markdown: 'A **bulk** letter.' }),
    });
    const { id } = (await created.json()) as { id: string };
    await stack.app.request(`/api/admin/newsletters/${id}/send`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ segment: { enrolledFrom: '2025-05-05', enrolledTo: '2025-05-05' } }),
    });
    const { result } = await runOnce('dispatch', schedulerEvent());
    expect(result).toMatchObject({ broadcasts: { sent: 3 } });
    for (const r of readers) {
      const got = (await inbox(stack, r.email)).filter((m) => header(m, 'X-Mend-Ref') === id);
      expect(got).toHaveLength(1);
      expect(header(got[0]!, 'X-Mend-Kind')).toBe('newsletter');
      expect(got[0]!.body.text).toContain('Hi Noor,');
      expect(got[0]!.body.html).toContain('<strong>bulk</strong>');
      expect(header(got[0]!, 'List-Unsubscribe')).toContain(`<${PUBLIC_URL}/unsubscribe/`);
    }
    await runOnce('dispatch', schedulerEvent());
    for (const r of readers) expect((await inbox(stack, r.email)).filter((m) => header(m, 'X-Mend-Ref') === id)).toHaveLength(1);
    expect(await adminJson(`/newsletters/${id}`)).toMatchObject({ status: 'sent', sent: 3 });
  });

  it('sends only its own shard when the schedule names one, and claims nothing when too little time is left, saying what it left', async () => {
    const reader = await enrolAndConfirm(stack, { situation: 'stress', timezone: 'Asia/Tokyo', sendHour: 7 });
    // The readers arranged here were written with the local stack's shard count; the bundle queries what it is told.
    const shards = stack.ctx.config.dueShards;
    const shard = dueShard(reader.id, shards);
    const other = await runOnce('dispatch', schedulerEvent({ shards: [(shard + 1) % shards] }));
    expect(other.result).toMatchObject({ shards: [(shard + 1) % shards] });
    expect(await inbox(stack, reader.email)).toHaveLength(2);

    // A run with 20 s left (under the 30 s a send may need) starts nothing and reports the backlog.
    const late = await runOnce('dispatch', schedulerEvent({ shards: [shard] }), { env: { LAMBDA_TEST_TIMEOUT_MS: '20000' } });
    expect(late.result).toMatchObject({ shards: [shard], readers: 0, stopped: 'deadline', left: expect.any(Number) });
    expect((late.result as { left: number }).left).toBeGreaterThanOrEqual(1);
    expect(await inbox(stack, reader.email)).toHaveLength(2);

    const own = await runOnce('dispatch', schedulerEvent({ shards: [shard] }));
    expect(own.result).toMatchObject({ shards: [shard] });
    expect((await inbox(stack, reader.email)).map((m) => header(m, 'X-Mend-Ref'))).toEqual(['confirm', 'stress/day-00', 'stress/day-01']);
  });
});

function rawReply(from: string, to: string, subject: string, text: string, messageId: string) {
  return [
    `From: Robin <${from}>`,
    `To: ${to}`,
    `Subject: Re: ${subject}`,
    `Message-ID: <${messageId}@mail.example.org>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    text,
    '',
    `On Monday, Mend <lessons@mend.example.test> wrote:`,
    '> Just hit reply and tell me how today went.',
    '',
  ].join('\r\n');
}

/** The welcome lesson a reader was sent on confirming. */
const welcomeOf = async (email: string) => (await inbox(stack, email)).find((m) => header(m, 'X-Mend-Kind') === 'lesson') as StoredEmail;

/** A new reader's reply to their welcome, stored in the bucket as SES's receipt rule stores it, and the receipt event naming it. */
async function storedReply(text: string) {
  const reader = await enrolAndConfirm(stack);
  const welcome = await welcomeOf(reader.email);
  const to = welcome.replyTo[0]!;
  const messageId = `lambda${newId(12).toLowerCase()}`;
  await s3.put(`inbound/${messageId}`, rawReply(reader.email, to, welcome.subject, text, messageId));
  const event = sesReceiptEvent({ messageId, from: reader.email, to, subject: `Re: ${welcome.subject}`, at: systemClock.now() });
  return { reader, messageId, event };
}

describe('the inbound bundle on the SES receipt rule', () => {
  it('logs a reply stored in the bucket under inbound/<messageId>, and the author sees it in the admin API', async () => {
    const { reader, event } = await storedReply('Today was hard, but I went for a long walk with my sister instead of checking his page.');
    const { inv } = await runOnce('inbound', event);
    expect(inv.logs).not.toContain(reader.email);
    expect(inv.logs).not.toContain('long walk');

    const story = await adminJson(`/readers/${reader.id}`);
    const replies = story.replies as { text: string; lessonId?: string }[];
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toContain('went for a long walk with my sister');
    expect(replies[0]!.text).not.toContain('Just hit reply');
    expect(replies[0]!.lessonId).toBe('tumultuous/day-00');
  });
  it('erases a reader through the api bundle, their raw mail deleted from the bucket with one signed request', async () => {
    const { reader, messageId, event } = await storedReply('Please forget me now.');
    await runOnce('inbound', event);
    expect(await s3.has(`inbound/${messageId}`)).toBe(true);

    const { result, inv } = await runOnce('api', url(`/api/admin/readers/${reader.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }));
    expect((result as UrlResponse).statusCode, inv.logs).toBe(204);
    expect(await s3.has(`inbound/${messageId}`)).toBe(false);
    const gone = await stack.app.request(`/api/admin/readers/${reader.id}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(gone.status).toBe(404);
  });
});

describe('the bundles when DynamoDB does not answer', () => {
  /**
   * An endpoint nothing listens on: every call is refused, and the SDK's own retries fail too
   * (two attempts here, through the SDK's AWS_MAX_ATTEMPTS: eight would only wait longer).
   */
  async function refusedEndpoint(): Promise<string> {
    const { createServer } = await import('node:net');
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const { port } = server.address() as { port: number };
    await new Promise<void>((r) => server.close(() => r()));
    return `http://127.0.0.1:${port}`;
  }

  it('throws from the inbound bundle, so Lambda retries the event, and the retry logs the reply once', async () => {
    const { reader, event } = await storedReply('Nine days now. I deleted the thread so I would stop rereading it.');

    const down = await run('inbound', [event], { env: { AWS_ENDPOINT_URL_DYNAMODB: await refusedEndpoint(), AWS_MAX_ATTEMPTS: '2' } });
    expect(down.initError, down.logs).toBeUndefined();
    expect(down.invocations[0]?.ok, down.logs).toBe(false);
    expect(down.logs).toContain('inbound processing failed');
    expect(down.logs).toContain('ECONNREFUSED');
    expect(down.logs).not.toContain(reader.email);
    expect(down.logs).not.toContain('deleted the thread');

    // Lambda's retry of the same event, DynamoDB back.
    await runOnce('inbound', event);
    const replies = (await adminJson(`/readers/${reader.id}`)).replies as { text: string }[];
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toContain('I deleted the thread');
  });

  it('answers a sign-up through the api bundle 503 with Retry-After, and logs one line of names, no address', async () => {
    const email = uniqueEmail('lambda-down');
    const body = JSON.stringify({ email, firstName: 'Robin', situation: 'stress', timezone: 'Europe/London' });
    const inv = await run('api', [url('/api/enroll', { method: 'POST', headers: { 'content-type': 'application/json' }, body })], {
      env: { AWS_ENDPOINT_URL_DYNAMODB: await refusedEndpoint(), MEND_SIGNUP_ANSWER_MS: '0', AWS_MAX_ATTEMPTS: '2' },
    });
    expect(inv.initError, inv.logs).toBeUndefined();
    const first = inv.invocations[0]!;
    expect(first.ok, inv.logs).toBe(true);
    const res = (first as { result: UrlResponse }).result;
    expect(res.statusCode, inv.logs).toBe(503);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(jsonOf(res).error).toMatch(/temporary/);
    expect(inv.logs).toContain('service unavailable');
    expect(inv.logs).toContain('ECONNREFUSED');
    expect(inv.logs).not.toContain(email);
  });
});

describe('the inbound bundle and the receipt verdicts', () => {
  /** A message from the reader's own address without their reply link: anyone could have written its From. */
  const fromOnly = (from: string, text: string, messageId: string) =>
    [`From: <${from}>`, `To: hello@${world.replyDomain}`, 'Subject: News', `Message-ID: <${messageId}@mail.example.org>`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', text, ''].join('\r\n');
  const deliver = async (raw: string, from: string, verdicts: { spf?: string; dkim?: string; dmarc?: string }, messageId = `lambda${newId(12).toLowerCase()}`) => {
    await s3.put(`inbound/${messageId}`, raw);
    return runOnce('inbound', sesReceiptEvent({ messageId, from, to: `hello@${world.replyDomain}`, subject: 'News', at: systemClock.now(), verdicts }));
  };
  const replies = async (id: string) => (await adminJson(`/readers/${id}`)).replies as Record<string, unknown>[];

  it('keeps a reply whose sender fails DMARC for the author, and lets it change nothing', async () => {
    const reader = await enrolAndConfirm(stack);
    const before = (await getReader(stack.ctx, reader.id))!;
    await deliver(fromOnly(reader.email, 'We are back together, you can stop the lessons.', `forged-${newId(8)}`), reader.email, { spf: 'PASS', dkim: 'FAIL', dmarc: 'FAIL' });
    const [reply] = await replies(reader.id);
    expect(reply).toMatchObject({ matchedBy: 'sender', senderVerified: false, applied: false, courseStep: 'withheld', attention: 'unverified-sender' });
    expect(reply!.verdicts).toEqual({ spf: 'PASS', dkim: 'FAIL', dmarc: 'FAIL' });
    const after = (await getReader(stack.ctx, reader.id))!;
    expect({ ver: after.ver, track: after.track, status: after.status, cursor: after.cursor, repliedSeqs: after.repliedSeqs }).toEqual({
      ver: before.ver, track: before.track, status: before.status, cursor: before.cursor, repliedSeqs: before.repliedSeqs,
    });
  });

  it('acts on a reply from the same address when SES passes DKIM and DMARC', async () => {
    const reader = await enrolAndConfirm(stack);
    const { inv } = await deliver(fromOnly(reader.email, 'I broke no contact last night and called him.', `genuine-${newId(8)}`), reader.email, { spf: 'GRAY', dkim: 'PASS', dmarc: 'PASS' });
    expect(inv.logs).not.toContain('called him');
    const [reply] = await replies(reader.id);
    expect(reply).toMatchObject({ matchedBy: 'sender', senderVerified: true, applied: true, courseStep: 'done' });
    const story = (await adminJson(`/readers/${reader.id}`)) as { timeline: { title: string }[] };
    expect(story.timeline.some((t) => t.title.startsWith('Reply'))).toBe(true);
  });

  it('logs one message SES delivered twice (two message ids, one Message-ID) once', async () => {
    const reader = await enrolAndConfirm(stack);
    const welcome = await welcomeOf(reader.email);
    const raw = rawReply(reader.email, welcome.replyTo[0]!, welcome.subject, 'Day 3 of no contact and I am still here.', `twice-${newId(8)}`);
    await deliver(raw, reader.email, {});
    await deliver(raw, reader.email, {});
    expect(await replies(reader.id)).toHaveLength(1);
  });
});

describe('the ses-events bundle on the SNS topic', () => {
  it('suppresses a reader whose address bounced for good, with only the table and the signing secret linked', async () => {
    const reader = await enrolAndConfirm(stack);
    const welcome = await welcomeOf(reader.email);
    const bounce = snsBounceEvent({
      messageId: welcome.messageId,
      to: reader.email,
      from: world.fromAddress,
      tags: { reader: reader.id, seq: '1', kind: 'lesson' },
      at: systemClock.now(),
    });
    const { inv } = await runOnce('sesEvents', bounce);
    expect(inv.logs).not.toContain(reader.email);
    const story = await adminJson(`/readers/${reader.id}`);
    expect(story).toMatchObject({ status: 'suppressed' });
  });

  it('reads its links from SST_RESOURCE_* variables as well as from the encrypted resource file', async () => {
    const reader = await enrolAndConfirm(stack);
    const bounce = snsBounceEvent({
      messageId: `ses-${newId(10)}`,
      to: reader.email,
      from: world.fromAddress,
      tags: { reader: reader.id, seq: '1', kind: 'lesson' },
      at: systemClock.now(),
    });
    await runOnce('sesEvents', bounce, { links: 'env' });
    expect(await adminJson(`/readers/${reader.id}`)).toMatchObject({ status: 'suppressed' });
  });
});

describe('a cold start', () => {
  it('refuses to start without a secret the function needs, naming it, and with one too short', async () => {
    const missing = await run('api', [url('/health')], { omit: ['AdminToken'] });
    expect(missing.initError?.message).toMatch(/"AdminToken" is not linked/);
    const short = await run('dispatch', [schedulerEvent()], { linkValues: { SigningSecret: { value: 'tiny-s3cret' } } });
    expect(short.initError?.message).toMatch(/SigningSecret must be at least 32 characters/);
    expect(short.initError?.message).not.toContain('tiny-s3cret');
  });

  it('names the MEND_* variable that is missing', async () => {
    const inv = await run('inbound', [], { env: { MEND_POSTAL_ADDRESS: undefined } });
    expect(inv.initError?.message).toMatch(/MEND_POSTAL_ADDRESS/);
  });
});

describe('the bundles', () => {
  /** The modules that put code into the function's package, lazy chunks included (the metafile also lists inputs tree-shaken to nothing). */
  const inputsOf = (fn: FunctionName) => {
    const meta = JSON.parse(readFileSync(join(outDir, fn, 'meta.json'), 'utf8')) as {
      outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
    };
    const inputs = Object.values(meta.outputs).flatMap((o) => Object.entries(o.inputs));
    return [...new Set(inputs.filter(([, i]) => i.bytesInOutput > 0).map(([p]) => p))];
  };

  it('carry no React and no email components, only the precompiled templates; mailparser only in inbound', () => {
    for (const fn of Object.keys(bundles) as FunctionName[]) {
      const inputs = inputsOf(fn);
      expect(inputs.filter((p) => /node_modules\/(react|react-dom|prettier|@react-email\/[^/]+)\//.test(p)), fn).toEqual([]);
      expect(inputs.filter((p) => p.startsWith('emails/')), fn).toEqual([]);
      expect(inputs.some((p) => p.includes('node_modules/mailparser/')), fn).toBe(fn === 'inbound');
    }
  });

  it('keep what the api loads at cold start within 1 MB (the package, with chunks only import() loads, within 1.5 MB)', () => {
    // The lazy chunks: the SDK's SSO / STS / web-identity credential providers and a browser
    // user-agent parser, never loaded in Lambda (credentials come from the environment), and what
    // only rare requests load: the newsletter composer with marked (about 107 KB), erasure, the data
    // export, the OpenAPI generator. They cost package size, not cold start.
    expect(bundles.api.bytes).toBeLessThanOrEqual(bundles.api.totalBytes);
    expect(bundles.api.bytes).toBeLessThanOrEqual(1024 * 1024);
    expect(bundles.api.totalBytes).toBeLessThanOrEqual(1.5 * 1024 * 1024);
  });

  it('leave the SES client out of the functions that send nothing', () => {
    for (const fn of ['inbound', 'sesEvents'] as const)
      expect(inputsOf(fn).filter((p) => p.includes('node_modules/@aws-sdk/client-sesv2/')), fn).toEqual([]);
  });
});
