import { onTestFinished } from 'vitest';
import { ManualClock } from '../../functions/core/clock.js';
import { startDynamoFaults, startSesFaults, type FaultProxy } from '../../functions/local/faults.js';
import { newId } from '../../functions/core/shared/ids.js';
import { startStack, type Stack, type StackOptions } from '../../functions/local/stack.js';
import { services } from './services.js';

export type TestStack = Stack & { clock: ManualClock };

/**
 * The SES emulator is shared by every test file and keeps every email sent in the run, so a stack
 * reads only what arrived since it started (the emulator filters by the real second it received
 * an email): fetching the whole store on every call grows with the suite.
 */
const startedAt = new WeakMap<Stack, number>();

/** A stack on the shared embedded services with its own table and a manual clock. */
export async function testStack(opts: Partial<StackOptions> & { now?: string } = {}): Promise<TestStack> {
  const clock = new ManualClock(opts.now ?? '2026-03-02T09:00:00Z');
  const since = Math.floor(Date.now() / 1000) - 1;
  const stack = await startStack({
    dataDir: null,
    dynamoUrl: services().dynamoUrl,
    sesUrl: services().sesUrl,
    tableName: `t_${newId(10)}`,
    clock,
    silent: true,
    secrets: { signingSecret: 'test-signing-secret', adminToken: 'test-admin-token' },
    ...opts,
    // Sign-ups answer at once here: the floor that hides a known address's shorter answer
    // (core/enrollment/sign-up.ts) would only slow every test that signs readers up; the
    // sign-up tests (test/core/enrollment/sign-up.test.ts) run with the real one.
    // Likewise the window in which concurrent suppression look-ups and Send events gather into one
    // batch (config.gatherMs): tests mostly send one email at a time, and each send waited 20 ms twice.
    config: { signupAnswerMs: 0, gatherMs: 1, ...opts.config },
  });
  startedAt.set(stack, since);
  return stack as TestStack;
}

/**
 * A stack with SES or DynamoDB behind a fault-injecting proxy (functions/local/faults.ts), both
 * closed when the test ends: a test aims a fault at one call of a flow. A send whose answer the SES
 * proxy drops still gets its Send event, from the emulator's store, as SES would publish it.
 */
async function faultyStack(opts: Partial<StackOptions> & { now?: string }, behind: 'ses' | 'dynamo'): Promise<{ stack: TestStack; proxy: FaultProxy }> {
  const proxy = behind === 'ses' ? await startSesFaults(services().sesUrl, {}) : await startDynamoFaults(services().dynamoUrl, {});
  const stack = await testStack({ ...opts, [behind === 'ses' ? 'sesUrl' : 'dynamoUrl']: proxy.url });
  onTestFinished(async () => {
    await stack.close();
    await proxy.close();
  });
  return { stack, proxy };
}

export async function sesFaultyStack(opts: Partial<StackOptions> & { now?: string } = {}): Promise<{ stack: TestStack; ses: FaultProxy }> {
  const { stack, proxy } = await faultyStack(opts, 'ses');
  return { stack, ses: proxy };
}

export async function dynamoFaultyStack(opts: Partial<StackOptions> & { now?: string } = {}): Promise<{ stack: TestStack; dynamo: FaultProxy }> {
  const { stack, proxy } = await faultyStack(opts, 'dynamo');
  return { stack, dynamo: proxy };
}

/** A unique address per test: the SES emulator's store is shared by every test file. */
export const uniqueEmail = (tag = 'reader') => `${tag}.${newId(8)}@example.com`;

export interface StoredEmail {
  messageId: string;
  from: string;
  replyTo: string[];
  destination: { to: string[] };
  subject: string;
  body: { html?: string; text?: string };
  headers: { name: string; value: string }[];
  at: number;
}

/** Everything the local SES has received for one address, oldest first. */
export async function inbox(stack: Stack, to: string): Promise<StoredEmail[]> {
  const res = await fetch(`${stack.urls.inbox}/store?since=${startedAt.get(stack) ?? 0}`);
  const { emails } = (await res.json()) as { emails: StoredEmail[] };
  const want = to.toLowerCase();
  return emails.filter((e) => e.destination.to.some((t) => t.toLowerCase() === want));
}

export const header = (e: StoredEmail, name: string) =>
  e.headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;

/** The first link in an email's text part whose path starts with `path`, as a path + query. */
export function linkIn(e: StoredEmail, path: string): string {
  const m = new RegExp(`https?://[^/\\s]+(${path.replace(/[?]/g, '\\?')}[^\\s)"<>]*)`).exec(e.body.text ?? '');
  if (!m) throw new Error(`no ${path} link in "${e.subject}"`);
  return m[1]!;
}

export const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export const validEnrolment = (over: Record<string, unknown> = {}) => ({
  email: uniqueEmail(),
  firstName: 'Robin',
  situation: 'tumultuous',
  timezone: 'Europe/London',
  sendHour: 8,
  followUpConsent: true,
  ...over,
});

/** Enrols and confirms a reader through the real HTTP routes; returns the reader id and address. */
export async function enrolAndConfirm(stack: Stack, over: Record<string, unknown> = {}) {
  const body = validEnrolment(over);
  const res = await stack.app.request('/api/enroll', json(body));
  if (res.status !== 202) throw new Error(`enrol failed: ${res.status} ${await res.text()}`);
  const [confirmation] = await inbox(stack, body.email as string);
  const link = linkIn(confirmation!, '/confirm?token=');
  const c = await stack.app.request(link);
  if (c.status !== 200) throw new Error(`confirm failed: ${c.status}`);
  const { getEmailOwner } = await import('../../functions/core/db/email-lookups.js');
  const id = await getEmailOwner(stack.ctx, body.email as string);
  return { id: id!, email: body.email as string, body };
}
