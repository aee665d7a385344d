import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEmailOwner } from '../../functions/core/db/email-lookups.js';
import { getReader } from '../../functions/core/db/readers.js';
import { LOCK_FILE } from '../../functions/local/lock.js';
import { startStack } from '../../functions/local/stack.js';
import { bannerUrl, runScript, type Proc } from '../helpers/processes.js';
import { header, inbox, json, validEnrolment, type StoredEmail } from '../helpers/stack.js';
import { services } from '../helpers/services.js';

/**
 * `npm start` and `npm run simulate` as a new user runs them: separate processes on one data
 * folder, with the environment they read (PORT 0 and SES_PORT 0 pick free ports).
 */
const START = 'functions/local/start.ts';
const SIMULATE = 'scripts/simulate.ts';
const env = (dir: string) => ({ DATA_DIR: dir, PORT: '0', SES_PORT: '0', TICK_SECONDS: '3600', MEND_PUBLIC_URL: undefined, ADMIN_TOKEN: undefined, SIGNING_SECRET: undefined });

const procs: Proc[] = [];
const dirs: string[] = [];
const run = (script: string, args: string[], e: Record<string, string | undefined>) => {
  const p = runScript(script, args, e);
  procs.push(p);
  return p;
};
const folder = () => {
  const d = mkdtempSync(join(tmpdir(), 'mend-start-'));
  dirs.push(d);
  return d;
};
afterAll(async () => {
  for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  await Promise.all(procs.map((p) => p.exited));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const storeOf = async (sesUrl: string) => ((await (await fetch(`${sesUrl}/store`)).json()) as { emails: StoredEmail[] }).emails;

describe('npm start beside other processes on its data folder', () => {
  let dir: string;
  let server: Proc;
  let app: string;

  beforeAll(async () => {
    dir = folder();
    // What a kill during a write leaves behind: a last line cut off inside a string.
    const to = 'earlier@example.com';
    const email = { messageId: 'ses-earlier-1', from: 'Mend <lessons@mend.localhost>', replyTo: [], destination: { to: [to], cc: [], bcc: [] }, subject: 'Before the restart', body: { text: 'hello' }, headers: [], at: 1_790_000_000 };
    writeFileSync(join(dir, 'inbox.jsonl'), `${JSON.stringify(email)}\n${JSON.stringify({ ...email, messageId: 'ses-earlier-2' }).slice(0, 60)}`);
    server = run(START, [], env(dir));
    await server.waitFor(/Ctrl\+C stops/, 'the start banner');
    app = bannerUrl(server.output(), 'Subscribe page & API');
  }, 60_000);

  it('starts with a truncated inbox file, saying what it skipped, and shows what it kept', async () => {
    expect(server.output()).toMatch(/restored 1 emails, skipped 1 unreadable line/);
    expect(server.output()).not.toMatch(/could not start/i);
    const res = await fetch(`${app}/dev/inbox?format=json`);
    const { emails } = (await res.json()) as { emails: { subject: string }[] };
    expect(emails.map((e) => e.subject)).toContain('Before the restart');
  });

  it('prints the local inbox page', () => {
    expect(bannerUrl(server.output(), 'Local inbox')).toBe(`${app}/dev/inbox`);
  });

  it('refuses a second npm start on the same folder, naming the PID that holds it', async () => {
    const second = run(START, [], env(dir));
    expect(await second.exited).not.toBe(0);
    expect(second.output()).toContain(`in use by another Mend process (PID ${server.pid}, npm start`);
    expect(second.output()).not.toMatch(/Database is closed|at .*node_modules/);
    // The first one is unharmed.
    expect((await fetch(`${app}/health`)).status).toBe(200);
  });

  it('lets simulate --persist run through the running server, with links on its port', async () => {
    const sim = run(SIMULATE, ['--readers', '4', '--days', '6', '--enrol-over', '3', '--persist'], { DATA_DIR: dir, PORT: '3999', MEND_PUBLIC_URL: undefined });
    expect(await sim.exited, sim.output()).toBe(0);
    const out = sim.output();
    expect(out).toContain(`Mend is running on this data folder (PID ${server.pid}): simulating through it`);
    expect(out).toContain("Continuing the data folder's app clock");
    expect(out).not.toMatch(/Database is closed/);

    const { emails } = (await (await fetch(`${app}/dev/inbox?to=sim-&format=json`)).json()) as { emails: { links: { text: string } }[] };
    expect(emails.length).toBeGreaterThan(4);
    const text = await (await fetch(`${app}${emails[0]!.links.text}`)).text();
    // The server's own port, not PORT from the simulator's environment or 3000.
    const port = new URL(app).port;
    expect(text).toContain(`http://localhost:${port}/`);

    const { adminToken } = JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')) as { adminToken: string };
    const list = await fetch(`${app}/api/admin/readers?q=sim-`, { headers: { authorization: `Bearer ${adminToken}` } });
    const { readers } = (await list.json()) as { readers: unknown[] };
    expect(readers.length).toBeGreaterThanOrEqual(3); // one in twenty never confirms
  }, 120_000);

  it('refuses simulate --persist beside a simulation that holds the folder', async () => {
    const other = folder();
    writeFileSync(join(other, LOCK_FILE), JSON.stringify({ pid: server.pid, holder: 'a simulation', since: '2026-12-01T00:00:00.000Z' }));
    const sim = run(SIMULATE, ['--readers', '2', '--days', '2', '--persist'], { DATA_DIR: other });
    expect(await sim.exited).toBe(1);
    expect(sim.output()).toContain(`in use by another Mend process (PID ${server.pid}, a simulation`);
    expect(sim.output()).not.toMatch(/at .*node_modules/);
  });
});

describe('npm start killed with SIGKILL in the middle of a dispatch', () => {
  it('keeps every email whose send the data records, and the next start takes the folder over', async () => {
    const dir = folder();
    const server = run(START, [], env(dir));
    await server.waitFor(/Ctrl\+C stops/, 'the start banner');
    const app = bannerUrl(server.output(), 'Subscribe page & API');
    const ses = bannerUrl(server.output(), 'SES emulator');
    const people = Array.from({ length: 6 }, (_, i) => validEnrolment({ sendHour: 6 + i, situation: ['tumultuous', 'healthy', 'stress'][i % 3] }));
    for (const p of people) expect((await fetch(`${app}/api/enroll`, json(p))).status).toBe(202);
    for (const mail of await storeOf(ses)) {
      const link = /https?:\/\/[^/\s]+(\/confirm\?token=[^\s)]+)/.exec(mail.body.text ?? '')?.[1];
      if (link) expect((await fetch(`${app}${link}`)).status).toBe(200);
    }
    // Four months of lessons for six readers; kill the process once some have gone out.
    void fetch(`${app}/dev/clock/advance`, json({ days: 120 })).catch(() => undefined);
    for (let n = 0; n < 600 && (await storeOf(ses)).length < 40; n++) await new Promise((r) => setTimeout(r, 50));
    server.child.kill('SIGKILL');
    expect(await server.exited).toBeNull();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true); // left behind, its process gone

    const next = await startStack({ dataDir: dir, silent: true });
    try {
      let recorded = 0;
      for (const p of people) {
        const r = (await getReader(next.ctx, (await getEmailOwner(next.ctx, p.email))!))!;
        const got = (await inbox(next, p.email)).map((m) => `${header(m, 'X-Mend-Kind')} ${header(m, 'X-Mend-Ref')}`);
        for (const s of r.sends) expect(got).toContain(`${s.kind} ${s.ref}`);
        recorded += r.sends.length;
      }
      expect(recorded).toBeGreaterThan(people.length); // more than the welcomes: the dispatch had run
      expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    } finally {
      await next.close();
    }
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  }, 120_000);
});

describe('npm start with the SDK\'s endpoint variables', () => {
  it('uses the DynamoDB and SES they name instead of starting its own, and says so', async () => {
    const dir = folder();
    const dynamo = services().dynamoUrl;
    const ses = services().sesUrl;
    const server = run(START, [], { ...env(dir), AWS_ENDPOINT_URL_DYNAMODB: dynamo, AWS_ENDPOINT_URL_SESV2: ses });
    await server.waitFor(/Ctrl\+C stops/, 'the start banner');
    const out = server.output();
    expect(out).toContain(`${dynamo}  (AWS_ENDPOINT_URL_DYNAMODB`);
    expect(out).toContain(`${ses}  (AWS_ENDPOINT_URL_SESV2`);
    // Nothing embedded was started: no DynamoDB files in the data folder.
    expect(existsSync(join(dir, 'dynamodb'))).toBe(false);
    const app = bannerUrl(out, 'Subscribe page & API');
    const body = validEnrolment();
    expect((await fetch(`${app}/api/enroll`, json(body))).status).toBe(202);
    // The confirmation went to the SES the variable named.
    const sent = (await storeOf(ses)).filter((e) => e.destination.to.includes(body.email as string));
    expect(sent.map((e) => header(e, 'X-Mend-Kind'))).toEqual(['confirmation']);
    server.child.kill('SIGTERM');
    await server.exited;
  }, 90_000);

  it('refuses an endpoint that is not a URL, naming the variable', async () => {
    const p = run(START, [], { ...env(folder()), AWS_ENDPOINT_URL_DYNAMODB: 'not a url' });
    expect(await p.exited).not.toBe(0);
    expect(p.output()).toMatch(/AWS_ENDPOINT_URL_DYNAMODB must be a URL/);
  });
});
