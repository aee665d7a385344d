/**
 * Dispatch throughput on the embedded stack: 5,000 readers due at once, one full run.
 * Compared, in the same process and run, with
 *  - the raw limit: the same number of bare SES SendEmail calls, each with the DynamoDB writes
 *    an exactly-once send needs (claim + finish = 2 PutItem), no app logic, same concurrency;
 *  - a naive dispatcher: Scan for due readers, render the react-email tree per recipient, send,
 *    one write, no claim.
 * Then the same three again with the services in a child process: in AWS, SES and DynamoDB do
 * their work on other machines, so this shows what costs the dispatcher itself.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createElement } from 'react';
import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { render } from '@react-email/render';
import { lessonTemplates } from '../emails/lessons/index.js';
import { ManualClock } from '../functions/core/clock.js';
import type { Ctx } from '../functions/core/context.js';
import { startCourse } from '../functions/core/course/engine.js';
import { putReaders, storedReader } from '../functions/core/db/readers.js';
import { pool, runDispatch } from '../functions/core/dispatch/run.js';
import { htmlToText } from '../functions/core/mailer/compile.js';
import type { Reader } from '../functions/core/db/readers.js';
import { newId } from '../functions/core/shared/ids.js';
import { startStack, type Stack } from '../functions/local/stack.js';
import { fmt, timed } from './seed.js';

const N = Number(process.env.BENCH_READERS ?? 5000);
const CONCURRENCY = 24;
const START = new Date('2026-06-01T07:00:00Z').toISOString();

/** Active readers whose day-1 lesson is due now (welcome already sent yesterday). */
function dueReaders(ctx: Ctx, n: number): Reader[] {
  const yesterday = new Date(Date.parse(START) - 86_400_000);
  return Array.from({ length: n }, (_, i) => {
    const base: Reader = {
      id: newId(),
      email: `bench-${i}@example.test`,
      firstName: `Reader${i}`,
      situation: (['tumultuous', 'healthy', 'stress'] as const)[i % 3]!,
      track: (['tumultuous', 'healthy', 'stress'] as const)[i % 3]!,
      timezone: 'UTC',
      sendHour: 7,
      followUpConsent: false,
      followUpStopped: false,
      status: 'pending',
      createdAt: yesterday.toISOString(),
      confirmSentAt: [],
      sendSeq: 1,
      sends: [],
      repliedSeqs: [],
      outbox: [],
      ver: 1,
    };
    const r = startCourse(base, yesterday);
    r.sends = [{ seq: 1, kind: 'lesson', ref: `${r.track}/day-00`, track: r.track, at: yesterday.toISOString(), localDate: '2026-05-31' }];
    r.cursor = { ...r.cursor!, index: 1 };
    r.dueAt = START;
    return r;
  });
}

/** Where dynalite and the SES emulator run: empty = in this process (the embedded default). */
let services: { dynamoUrl?: string; sesUrl?: string } = {};

async function freshStack(tag: string): Promise<Stack> {
  return startStack({
    ...services,
    dataDir: null,
    clock: new ManualClock(START),
    silent: true,
    tableName: `bench_${tag}_${Date.now()}`,
    config: { dueShards: 16 }, // as in AWS
  });
}

async function ours(): Promise<number> {
  const stack = await freshStack('ours');
  try {
    await putReaders(stack.ctx, dueReaders(stack.ctx, N));
    const { ms, value } = await timed(() => runDispatch(stack.ctx, { concurrency: CONCURRENCY }));
    if (value.sent !== N) throw new Error(`expected ${N} sends, got ${JSON.stringify(value)}`);
    return ms;
  } finally {
    await stack.close();
  }
}

async function sampleEmail(): Promise<{ html: string; text: string }> {
  const t = lessonTemplates.get('tumultuous/day-01')!;
  const html = await render(createElement(t.Component, (t.Component as unknown as { PreviewProps: never }).PreviewProps));
  return { html, text: htmlToText(html) };
}

function sendCommand(ctx: Ctx, to: string, body: { html: string; text: string }) {
  return new SendEmailCommand({
    FromEmailAddress: ctx.config.fromAddress,
    Destination: { ToAddresses: [to] },
    Content: { Simple: { Subject: { Data: 'Bench' }, Body: { Html: { Data: body.html }, Text: { Data: body.text } } } },
  });
}

/**
 * The raw limit: per reader, one SendEmail of a real lesson and the two writes an exactly-once
 * send needs, with no app logic. `items: 'reader'` writes the reader item as stored (same size,
 * same index entries); `'tiny'` writes a 30-byte item, for reference.
 */
async function raw(items: 'reader' | 'tiny'): Promise<number> {
  const stack = await freshStack(`raw_${items}`);
  const { ctx } = stack;
  const body = await sampleEmail();
  const readers = dueReaders(ctx, N).map((r) => storedReader(ctx, r));
  try {
    const ids = Array.from({ length: N }, (_, i) => i);
    const { ms } = await timed(() =>
      pool(ids, CONCURRENCY, async (i) => {
        const Item = items === 'reader' ? readers[i]! : { pk: `RAW#${i}`, sk: 'X', n: i };
        const put = () => ctx.db.client.send(new PutCommand({ TableName: ctx.config.tableName, Item }));
        await put();
        await ctx.ses.send(sendCommand(ctx, `raw-${i}@example.test`, body));
        await put();
      }),
    );
    return ms;
  } finally {
    await stack.close();
  }
}

async function naive(): Promise<number> {
  const stack = await freshStack('naive');
  const { ctx } = stack;
  try {
    await putReaders(ctx, dueReaders(ctx, N));
    const { ms } = await timed(async () => {
      const due: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const res = await ctx.db.client.send(
          new ScanCommand({
            TableName: ctx.config.tableName,
            FilterExpression: 'dueAt <= :now',
            ExpressionAttributeValues: { ':now': START },
            ExclusiveStartKey: start,
          }),
        );
        due.push(...(res.Items ?? []));
        start = res.LastEvaluatedKey;
      } while (start);
      await pool(due, CONCURRENCY, async (r) => {
        const t = lessonTemplates.get(`${r.track}/day-01`) ?? lessonTemplates.get('tumultuous/day-01')!;
        const html = await render(
          createElement(t.Component, {
            firstName: String(r.firstName),
            links: { prefs: 'https://x/me', unsubscribe: 'https://x/u' },
            author: { name: 'Mend', postalAddress: 'Somewhere' },
          }),
        );
        await ctx.ses.send(sendCommand(ctx, String(r.email), { html, text: htmlToText(html) }));
        await ctx.db.client.send(new PutCommand({ TableName: ctx.config.tableName, Item: { ...r, dueAt: undefined, sentDay1: true } }));
      });
    });
    return ms;
  } finally {
    await stack.close();
  }
}

/** The per-recipient cost of building the email: render once + personalise vs render each time. */
async function emailBuild(): Promise<{ ours: number; naive: number }> {
  const t = lessonTemplates.get('stress/day-04')!;
  const { P, compile, personalise, valueKey } = await import('../functions/core/mailer/compile.js');
  const n = 300;
  const props = (firstName: string, links: Record<string, string>) => ({
    firstName,
    links: { prefs: links.prefs!, unsubscribe: links.unsub!, choices: { talking: links.c! } },
    author: { name: 'Mend', postalAddress: 'Somewhere' },
  });
  const oursRun = await timed(async () => {
    const c = await compile(createElement(t.Component, props(P.firstName, { prefs: P.prefs, unsub: P.unsubscribe, c: P.choice('talking') })), t.meta.subject);
    for (let i = 0; i < n; i++)
      personalise(c, { [valueKey('firstName')]: `R${i}`, [valueKey('prefs')]: `https://x/me/${i}`, [valueKey('unsubscribe')]: `https://x/u/${i}`, [valueKey('choice_talking')]: `https://x/c/${i}` });
  });
  const naiveRun = await timed(async () => {
    for (let i = 0; i < n; i++) {
      const html = await render(createElement(t.Component, props(`R${i}`, { prefs: `https://x/me/${i}`, unsub: `https://x/u/${i}`, c: `https://x/c/${i}` })));
      htmlToText(html);
    }
  });
  return { ours: oursRun.ms / n, naive: naiveRun.ms / n };
}

/** The same dispatch, raw limit and naive dispatcher, measured back to back on the current services. */
async function compare(): Promise<void> {
  const oursMs = await ours();
  const rawReader = await raw('reader');
  const rawTiny = await raw('tiny');
  const naiveMs = await naive();
  const rate = (ms: number) => (N / ms) * 1000;
  const rows: [string, number][] = [
    ['Mend dispatcher (query, claim, send, finish)', oursMs],
    ['raw limit: SendEmail + 2 writes of the reader item', rawReader],
    ['raw, SendEmail + 2 tiny writes (reference)', rawTiny],
    ['naive: Scan + render per recipient + 1 write', naiveMs],
  ];
  for (const [label, ms] of rows) console.log(`  ${label.padEnd(52)} ${fmt(ms / 1000, 2).padStart(7)} s  ${fmt(rate(ms)).padStart(6)} sends/s`);
  console.log(`  ratio to the raw limit:                    ${fmt(rawReader / oursMs, 2)}  (target >= 0.8)`);
  console.log(`  ratio to raw with tiny writes:             ${fmt(rawTiny / oursMs, 2)}`);
  console.log(`  speed-up over the naive dispatcher:        ${fmt(naiveMs / oursMs, 2)}x  (target >= 10x)`);
  // The ceiling: no dispatcher that makes the raw limit's calls can beat the raw limit itself.
  console.log(`  ceiling: the raw limit over the naive one:  ${fmt(naiveMs / rawReader, 2)}x  (the most any exactly-once dispatcher can reach here)`);
}

/** dynalite and the SES emulator in a child process, the way AWS runs them on other machines. */
async function servicesElsewhere(): Promise<{ dynamoUrl: string; sesUrl: string; stop(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./services.ts', import.meta.url))], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  return { ...(JSON.parse(line) as { dynamoUrl: string; sesUrl: string }), stop: () => child.kill() };
}

export async function benchDispatch(): Promise<void> {
  console.log(`\nDispatch: ${fmt(N)} readers due at once, concurrency ${CONCURRENCY}, 16 due shards`);
  console.log('\n Embedded (the local default): dynalite and the SES emulator in this process, sharing its CPU');
  await compare();
  const build = await emailBuild();
  console.log(`  email build per recipient: ${fmt(build.ours * 1000, 0)} µs (render once + personalise) vs ${fmt(build.naive * 1000, 0)} µs (render each): ${fmt(build.naive / build.ours, 0)}x`);

  console.log('\n Services in another process (as in AWS, their work is not on the dispatcher\'s CPU; this machine has 2 cores)');
  const elsewhere = await servicesElsewhere();
  services = elsewhere;
  try {
    await compare();
  } finally {
    services = {};
    elsewhere.stop();
  }
}
