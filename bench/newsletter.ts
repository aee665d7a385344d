/**
 * A newsletter broadcast on the embedded stack: 20,000 recipients (BENCH_RECIPIENTS), one issue,
 * sent now to everyone. Compared, in the same process and run, with
 *  - the raw bulk limit: bare SendBulkEmail calls of 50 with the ledger writes an exactly-once
 *    batch needs (the batch's claim, its copies' ledger items as stored in two batch writes, the
 *    batch marked done), no app logic, the same number of batches in flight;
 *  - the same raw limit with the Send markers SES's events write for every copy (locally the
 *    stack writes them, on this CPU: the crash protection of issue 12), for reference;
 *  - the same raw limit making, bare, every item operation a Mend batch makes (the ledger items
 *    and readers read back at the claim, the suppression look-up immediately before the send, the
 *    markers, the issue's counter): what is left between it and Mend is the app's own work;
 *  - the per-recipient path: one bare SendEmail per recipient with the same two writes (24 in
 *    flight), and Mend's own per-recipient path (each copy through the one send function, with its
 *    ledger claim and mark), on a sample (BENCH_PER_RECIPIENT, 3,000), as their rates.
 * Each path's DynamoDB calls and items per copy are printed beside it: on the embedded stack every
 * item read or written costs this CPU, so they explain the ratios.
 * With MEND_MAX_SEND_RATE set, the busiest one-second window of our broadcast is printed against it.
 */
import { BatchGetCommand, BatchWriteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { SendBulkEmailCommand, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { ManualClock, systemClock } from '../functions/core/clock.js';
import type { Ctx } from '../functions/core/context.js';
import { putReaders, type Reader } from '../functions/core/db/readers.js';
import { pool } from '../functions/core/dispatch/run.js';
import { BATCHES_IN_FLIGHT, runBroadcasts, scheduleSend } from '../functions/core/newsletters/broadcast.js';
import { createNewsletter, newsletterView } from '../functions/core/newsletters/compose.js';
import { bulkEntry, bulkTemplate, compiledNewsletter, issueParts, renderCopy } from '../functions/core/newsletters/email.js';
import { putDeliveries } from '../functions/core/db/newsletter-ledger.js';
import { links } from '../functions/core/links/urls.js';
import { sendEmail } from '../functions/core/mailer/send.js';
import { replyToken } from '../functions/core/links/tokens.js';
import { newId } from '../functions/core/shared/ids.js';
import { startStack, type Stack } from '../functions/local/stack.js';
import { fmt, timed } from './seed.js';
import { busiestSecond } from '../functions/core/sending/pacing.js';
import { addressHash } from '../functions/core/sending/address.js';
import { storedReader } from '../functions/core/db/readers.js';

const N = Number(process.env.BENCH_RECIPIENTS ?? 20_000);
const SAMPLE = Number(process.env.BENCH_PER_RECIPIENT ?? 3_000);
const START = '2026-06-01T07:00:00Z';
const ISSUE = {
  subject: 'A letter for the quiet weeks',
  previewText: 'What the second month often feels like',
  markdown: `## The second month\n\n${'The first rush of pain settles, and something quieter takes its place. '.repeat(12)}\n\n- Write one line a day.\n- Walk before you check your phone.\n\n[Read more](https://example.test/more)`,
};

function subscribers(n: number): Reader[] {
  return Array.from({ length: n }, (_, i) => ({
    id: newId(),
    email: `nl-bench-${i}-${newId(4)}@example.test`,
    firstName: `Reader${i}`,
    situation: 'stress',
    track: 'stress',
    timezone: 'UTC',
    sendHour: 7,
    followUpConsent: false,
    followUpStopped: false,
    newsletter: true,
    course: true,
    status: 'completed',
    createdAt: '2026-01-01T00:00:00.000Z',
    enrolledOn: '2026-01-01',
    confirmSentAt: [],
    sendSeq: 0,
    sends: [],
    repliedSeqs: [],
    outbox: [],
    ver: 1,
  }));
}

async function freshStack(tag: string): Promise<Stack> {
  return startStack({ dataDir: null, clock: new ManualClock(START), silent: true, tableName: `bench_nl_${tag}_${Date.now()}`, config: { dueShards: 16 } });
}

/** Destinations SES was asked to send, by the wall-clock millisecond: the busiest one-second window. */
function recordSends(ctx: Ctx): { times: number[] } {
  const rec = { times: [] as number[] };
  const real = ctx.ses.send.bind(ctx.ses);
  ctx.ses.send = ((cmd: { input?: { BulkEmailEntries?: unknown[] } }) => {
    const n = cmd.input?.BulkEmailEntries?.length ?? 1;
    const t = systemClock.now().getTime();
    for (let i = 0; i < n; i++) rec.times.push(t);
    return real(cmd as never);
  }) as typeof ctx.ses.send;
  return rec;
}

async function ours(): Promise<{ snapshotMs: number; sendMs: number; busiest: number; usage: Usage }> {
  const stack = await freshStack('ours');
  try {
    await putReaders(stack.ctx, subscribers(N));
    const issue = await createNewsletter(stack.ctx, { ...ISSUE, public: false });
    await scheduleSend(stack.ctx, issue.id, { segment: {}, localHour: false, avoidLessonDays: true });
    const rec = recordSends(stack.ctx);
    const usage = meter(stack.ctx);
    const started = performance.now();
    let snapshotMs = 0;
    for (;;) {
      await runBroadcasts(stack.ctx);
      const v = await newsletterView(stack.ctx, issue.id);
      if (!snapshotMs) snapshotMs = performance.now() - started; // (the first run writes the list, then sends)
      if (v.status === 'sent') {
        if (v.sent !== N) throw new Error(`expected ${N} copies, got ${v.sent}`);
        break;
      }
    }
    const totalMs = performance.now() - started;
    const first = rec.times[0] ?? 0;
    const last = rec.times.at(-1) ?? 0;
    // (the usage includes the snapshot's reads and writes: one segment read and one queued ledger item per copy)
    return { snapshotMs: totalMs - (last - first), sendMs: last - first, busiest: busiestSecond(rec.times), usage };
  } finally {
    await stack.close();
  }
}

/** DynamoDB calls and items (read, written) and SES calls a path makes, from its SDK clients. */
interface Usage {
  calls: number;
  read: number;
  written: number;
  ses: number;
}

function meter(ctx: Ctx): Usage {
  const u: Usage = { calls: 0, read: 0, written: 0, ses: 0 };
  // Both of its clients: the counters' plain increments go through one of their own (db/client.ts).
  for (const client of [ctx.db.client, ctx.db.incrementClient])
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { RequestItems?: Record<string, unknown[] | { Keys: unknown[] }> };
        const out = await next(args);
        u.calls++;
        const name = context.commandName ?? '';
        if (name === 'BatchWriteItemCommand') u.written += Object.values(input.RequestItems ?? {}).reduce((a, v) => a + (v as unknown[]).length, 0);
        else if (['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand'].includes(name)) u.written++;
        else if (name === 'BatchGetItemCommand') u.read += Object.values(input.RequestItems ?? {}).reduce((a, v) => a + (v as { Keys: unknown[] }).Keys.length, 0);
        else if (name === 'GetItemCommand') u.read++;
        else {
          const o = out.output as { Count?: number };
          u.read += o.Count ?? 0;
        }
        return out;
      },
      { step: 'initialize', name: 'benchNewsletterMeter' },
    );
  const real = ctx.ses.send.bind(ctx.ses);
  ctx.ses.send = ((cmd: never) => (u.ses++, real(cmd))) as typeof ctx.ses.send;
  return u;
}

const perCopy = (u: Usage, n: number) =>
  `per copy ${fmt(u.calls / n, 2)} DynamoDB calls, ${fmt(u.read / n, 2)} items read, ${fmt(u.written / n, 2)} written, ${fmt(u.ses / n, 2)} SES calls`;

/** The ledger item as a claim writes it (same attributes, same index entry). */
const ledgerItem = (ctx: Ctx, issueId: string, r: Reader, state: string) =>
  ctx.db.entities.newsletterDelivery
    .put({ issueId, readerId: r.id, state: state as 'claimed', recipient: true, notBefore: START, claimedAt: START, dueSlot: `${START}#${r.id}`, dueIssue: issueId, deferrals: 0, tries: 0 })
    .params().Item as Record<string, unknown>;

const markItem = (ctx: Ctx, issueId: string, r: Reader) =>
  ctx.db.entities.newsletterMark.put({ issueId, readerId: r.id, messageId: `0100018f${newId(40)}-000000`, at: START }).params().Item as Record<string, unknown>;

/**
 * `bare`: the claim, the send and the ledger writes; `marks`: also each copy's Send marker; `all`:
 * also the reads a Mend batch makes (its 50 ledger items and 50 readers, the suppression look-up
 * of its 50 addresses) and the issue's counter, against readers and ledger items stored first.
 */
async function rawBulk(mode: 'bare' | 'marks' | 'all' = 'bare'): Promise<{ ms: number; usage: Usage }> {
  const stack = await freshStack(`raw${mode}`);
  const { ctx } = stack;
  const withMarks = mode !== 'bare';
  try {
    const readers = subscribers(N);
    const TableName = ctx.config.tableName;
    const writeAll = async (items: Record<string, unknown>[]) => {
      for (let i = 0; i < items.length; i += 25)
        await ctx.db.client.send(new BatchWriteCommand({ RequestItems: { [TableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
    };
    const readAll = (Keys: Record<string, unknown>[]) => ctx.db.client.send(new BatchGetCommand({ RequestItems: { [TableName]: { Keys, ConsistentRead: true } } }));
    const issueIdAll = newId();
    if (mode === 'all') {
      // What Mend's snapshot stored before sending (not timed, as Mend's rate leaves its snapshot out).
      await putReaders(ctx, readers);
      await writeAll(readers.map((r) => ledgerItem(ctx, issueIdAll, r, 'queued')));
    }
    const usage = meter(ctx);
    const issue = { id: issueIdAll, no: 1 };
    const parts = await issueParts(ISSUE);
    const tmpl = bulkTemplate(ctx, await compiledNewsletter(), parts);
    const batches = Array.from({ length: Math.ceil(N / 50) }, (_, i) => readers.slice(i * 50, (i + 1) * 50));
    const put = (Item: Record<string, unknown>) => ctx.db.client.send(new PutCommand({ TableName: ctx.config.tableName, Item }));
    const { ms } = await timed(() =>
      pool(batches, BATCHES_IN_FLIGHT, async (batch) => {
        const batchItem = { pk: `NEWSLETTER#${issue.id}`, sk: `BATCH#${batch[0]!.id}`, state: 'claimed', readerIds: batch.map((r) => r.id) };
        await put(batchItem);
        if (mode === 'all') {
          const key = (i: Record<string, unknown>) => ({ pk: i.pk, sk: i.sk });
          await readAll(batch.map((r) => key(ledgerItem(ctx, issue.id, r, 'queued'))));
          await readAll(batch.map((r) => key(storedReader(ctx, r))));
          await readAll(batch.map((r) => ({ pk: `SUPPRESSION#${addressHash(ctx, r.email)}`, sk: 'SUPPRESSION' })));
        }
        await ctx.ses.send(
          new SendBulkEmailCommand({
            FromEmailAddress: ctx.config.fromAddress,
            DefaultContent: { Template: { TemplateContent: { Subject: tmpl.template.subject, Html: tmpl.template.html, Text: tmpl.template.text }, TemplateData: JSON.stringify(tmpl.data) } },
            BulkEmailEntries: batch.map((r) => {
              const e = bulkEntry(ctx, issue, r);
              return { Destination: { ToAddresses: [e.to] }, ReplacementEmailContent: { ReplacementTemplate: { ReplacementTemplateData: JSON.stringify(e.data) } } };
            }),
          }),
        );
        const writes = batch.map((r) => ledgerItem(ctx, issue.id, r, 'sent'));
        // The Send marker of each copy, as SES's Send event writes it (item as the mark entity stores it).
        if (withMarks) writes.push(...batch.map((r) => markItem(ctx, issue.id, r)));
        await writeAll(writes);
        await put({ ...batchItem, state: 'done' });
        if (mode === 'all')
          await ctx.db.client.send(new UpdateCommand({ TableName, Key: { pk: `AGG#NEWSLETTER`, sk: issue.id }, UpdateExpression: 'ADD sent :n', ExpressionAttributeValues: { ':n': batch.length } }));
      }),
    );
    return { ms, usage };
  } finally {
    await stack.close();
  }
}

async function perRecipient(): Promise<{ ms: number; usage: Usage }> {
  const stack = await freshStack('single');
  const { ctx } = stack;
  const usage = meter(ctx);
  try {
    const readers = subscribers(SAMPLE);
    const issue = { id: newId(), no: 1 };
    const html = `<p>${ISSUE.markdown}</p>`.repeat(3);
    const put = (Item: Record<string, unknown>) => ctx.db.client.send(new PutCommand({ TableName: ctx.config.tableName, Item }));
    const { ms } = await timed(() =>
      pool(readers, 24, async (r) => {
        await put(ledgerItem(ctx, issue.id, r, 'claimed'));
        await ctx.ses.send(
          new SendEmailCommand({
            FromEmailAddress: ctx.config.fromAddress,
            Destination: { ToAddresses: [r.email] },
            Content: { Simple: { Subject: { Data: ISSUE.subject }, Body: { Html: { Data: html }, Text: { Data: ISSUE.markdown } } } },
          }),
        );
        await put(ledgerItem(ctx, issue.id, r, 'sent'));
      }),
    );
    return { ms, usage };
  } finally {
    await stack.close();
  }
}

/**
 * Mend's own per-recipient path: each copy claimed in the ledger, filled in and sent through the
 * one send function (suppression check, pacing, SES's Send marker), then marked sent.
 */
async function mendPerRecipient(): Promise<{ ms: number; usage: Usage }> {
  const stack = await freshStack('mendsingle');
  const { ctx } = stack;
  try {
    const readers = subscribers(SAMPLE);
    const issue = await createNewsletter(ctx, { ...ISSUE, public: false });
    const compiled = await compiledNewsletter();
    const parts = await issueParts(ISSUE);
    const usage = meter(ctx);
    const base = { issueId: issue.id, recipient: true, notBefore: START, deferrals: 0, tries: 0 } as const;
    const { ms } = await timed(() =>
      pool(readers, 24, async (r) => {
        await putDeliveries(ctx, [{ ...base, readerId: r.id, state: 'claimed', claimedAt: START }]);
        const e = bulkEntry(ctx, issue, r);
        const copy = renderCopy(ctx, compiled, parts, { firstName: r.firstName, prefs: links.prefs(ctx, r.id), unsubscribe: e.unsubscribe.url });
        const { messageId } = await sendEmail(ctx, {
          to: r.email,
          ...copy,
          kind: 'newsletter',
          ref: issue.id,
          replyToken: e.replyToken,
          unsubscribe: { url: e.unsubscribe.url, mailtoToken: replyToken(ctx.secrets.signingSecret, r.id, 1, 'unsub') },
          tags: e.tags,
        });
        await putDeliveries(ctx, [{ ...base, readerId: r.id, state: 'sent', messageId, sentAt: START }]);
      }),
    );
    return { ms, usage };
  } finally {
    await stack.close();
  }
}

export async function benchNewsletter(): Promise<void> {
  console.log(`\nnewsletter: ${fmt(N)} recipients, one issue sent now (embedded dynalite + SES emulator in this process)`);
  const o = await ours();
  const oursRate = N / (o.sendMs / 1000);
  console.log(`  Mend:           ${fmt(oursRate)} copies/s while sending (${fmt(o.sendMs / 1000, 1)} s), recipient list written in ${fmt(o.snapshotMs / 1000, 1)} s, busiest second ${fmt(o.busiest)}`);
  console.log(`                  ${perCopy(o.usage, N)} (the snapshot's included)`);
  const raw = await rawBulk();
  const rawRate = N / (raw.ms / 1000);
  console.log(`  raw bulk limit: ${fmt(rawRate)} copies/s (${fmt(raw.ms / 1000, 1)} s; SendBulkEmail of 50 + claim and mark writes, ${BATCHES_IN_FLIGHT} batches in flight)`);
  console.log(`                  ${perCopy(raw.usage, N)}`);
  const marked = await rawBulk('marks');
  const markedRate = N / (marked.ms / 1000);
  console.log(`  raw + markers:  ${fmt(markedRate)} copies/s (the same with each copy's Send marker, which SES's events write)`);
  const all = await rawBulk('all');
  const allRate = N / (all.ms / 1000);
  console.log(`  raw, every item operation a Mend copy makes: ${fmt(allRate)} copies/s (+ the reads at the claim, the suppression look-up, the counter)`);
  console.log(`                  ${perCopy(all.usage, N)}`);
  const single = await perRecipient();
  const singleRate = SAMPLE / (single.ms / 1000);
  console.log(`  per-recipient:  ${fmt(singleRate)} copies/s (bare SendEmail each + the same writes, 24 in flight, ${fmt(SAMPLE)} sampled)`);
  console.log(`                  ${perCopy(single.usage, SAMPLE)}`);
  const mendSingle = await mendPerRecipient();
  const mendSingleRate = SAMPLE / (mendSingle.ms / 1000);
  console.log(`  Mend per-recipient: ${fmt(mendSingleRate)} copies/s (each copy through the one send function with its ledger claim and mark, 24 in flight)`);
  console.log(`                  ${perCopy(mendSingle.usage, SAMPLE)}`);
  console.log(`  ratio to the raw bulk limit: ${fmt(oursRate / rawRate, 2)} (target >= 0.8; ${fmt(oursRate / markedRate, 2)} of the limit with the markers)`);
  console.log(`  ratio to raw with Mend's item operations: ${fmt(oursRate / allRate, 2)} (what the app's own work costs)`);
  console.log(`  over the per-recipient path: ${fmt(oursRate / singleRate, 1)}x the bare one (target >= 10x), ${fmt(oursRate / mendSingleRate, 1)}x Mend's own`);
  const cap = process.env.MEND_MAX_SEND_RATE ? Number(process.env.MEND_MAX_SEND_RATE) : undefined;
  if (cap) console.log(`  MEND_MAX_SEND_RATE ${fmt(cap)}: busiest one-second window ${fmt(o.busiest)} (${o.busiest <= cap ? 'never above it' : 'ABOVE IT'})`);
}
