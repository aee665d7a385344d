/**
 * A newsletter broadcast on the embedded stack: 20,000 recipients (BENCH_RECIPIENTS), one issue,
 * sent now to everyone. Compared, in the same process and run, with
 *  - the raw bulk limit: bare SendBulkEmail calls of 50 with the ledger writes an exactly-once
 *    batch needs (the batch's claim, its copies' ledger items as stored in two batch writes, the
 *    batch marked done), no app logic, the same number of batches in flight;
 *  - the per-recipient path: one SendEmail per recipient with the same two writes (24 in flight),
 *    on a sample (BENCH_PER_RECIPIENT, 3,000), as its rate.
 * With MEND_MAX_SEND_RATE set, the busiest one-second window of our broadcast is printed against it.
 */
import { BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { SendBulkEmailCommand, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { ManualClock, systemClock } from '../functions/core/clock.js';
import type { Ctx } from '../functions/core/context.js';
import { putReaders, type Reader } from '../functions/core/db/readers.js';
import { pool } from '../functions/core/dispatch/run.js';
import { BATCHES_IN_FLIGHT, runBroadcasts, scheduleSend } from '../functions/core/newsletters/broadcast.js';
import { createNewsletter, newsletterView } from '../functions/core/newsletters/compose.js';
import { bulkEntry, bulkTemplate, compiledNewsletter, issueParts } from '../functions/core/newsletters/email.js';
import { newId } from '../functions/core/shared/ids.js';
import { startStack, type Stack } from '../functions/local/stack.js';
import { fmt, timed } from './seed.js';
import { busiestSecond } from '../functions/core/sending/pacing.js';

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

async function ours(): Promise<{ snapshotMs: number; sendMs: number; busiest: number }> {
  const stack = await freshStack('ours');
  try {
    await putReaders(stack.ctx, subscribers(N));
    const issue = await createNewsletter(stack.ctx, { ...ISSUE, public: false });
    await scheduleSend(stack.ctx, issue.id, { segment: {}, localHour: false, avoidLessonDays: true });
    const rec = recordSends(stack.ctx);
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
    return { snapshotMs: totalMs - (last - first), sendMs: last - first, busiest: busiestSecond(rec.times) };
  } finally {
    await stack.close();
  }
}

/** The ledger item as a claim writes it (same attributes, same index entry). */
const ledgerItem = (ctx: Ctx, issueId: string, r: Reader, state: string) =>
  ctx.db.entities.newsletterDelivery
    .put({ issueId, readerId: r.id, state: state as 'claimed', recipient: true, notBefore: START, claimedAt: START, dueSlot: `${START}#${r.id}`, dueIssue: issueId, deferrals: 0, tries: 0 })
    .params().Item as Record<string, unknown>;

async function rawBulk(): Promise<number> {
  const stack = await freshStack('raw');
  const { ctx } = stack;
  try {
    const readers = subscribers(N);
    const issue = { id: newId(), no: 1 };
    const parts = await issueParts(ISSUE);
    const tmpl = bulkTemplate(ctx, await compiledNewsletter(), parts);
    const batches = Array.from({ length: Math.ceil(N / 50) }, (_, i) => readers.slice(i * 50, (i + 1) * 50));
    const put = (Item: Record<string, unknown>) => ctx.db.client.send(new PutCommand({ TableName: ctx.config.tableName, Item }));
    const { ms } = await timed(() =>
      pool(batches, BATCHES_IN_FLIGHT, async (batch) => {
        const batchItem = { pk: `NEWSLETTER#${issue.id}`, sk: `BATCH#${batch[0]!.id}`, state: 'claimed', readerIds: batch.map((r) => r.id) };
        await put(batchItem);
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
        for (let i = 0; i < batch.length; i += 25)
          await ctx.db.client.send(new BatchWriteCommand({ RequestItems: { [ctx.config.tableName]: batch.slice(i, i + 25).map((r) => ({ PutRequest: { Item: ledgerItem(ctx, issue.id, r, 'sent') } })) } }));
        await put({ ...batchItem, state: 'done' });
      }),
    );
    return ms;
  } finally {
    await stack.close();
  }
}

async function perRecipient(): Promise<number> {
  const stack = await freshStack('single');
  const { ctx } = stack;
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
    return ms;
  } finally {
    await stack.close();
  }
}

export async function benchNewsletter(): Promise<void> {
  console.log(`\nnewsletter: ${fmt(N)} recipients, one issue sent now (embedded dynalite + SES emulator in this process)`);
  const o = await ours();
  const oursRate = N / (o.sendMs / 1000);
  console.log(`  Mend:           ${fmt(oursRate)} copies/s while sending (${fmt(o.sendMs / 1000, 1)} s), recipient list written in ${fmt(o.snapshotMs / 1000, 1)} s, busiest second ${fmt(o.busiest)}`);
  const rawMs = await rawBulk();
  const rawRate = N / (rawMs / 1000);
  console.log(`  raw bulk limit: ${fmt(rawRate)} copies/s (${fmt(rawMs / 1000, 1)} s; SendBulkEmail of 50 + claim and mark writes, ${BATCHES_IN_FLIGHT} batches in flight)`);
  const singleMs = await perRecipient();
  const singleRate = SAMPLE / (singleMs / 1000);
  console.log(`  per-recipient:  ${fmt(singleRate)} copies/s (SendEmail each + the same writes, 24 in flight, ${fmt(SAMPLE)} sampled)`);
  console.log(`  ratio to the raw bulk limit: ${fmt(oursRate / rawRate, 2)} (target >= 0.8); to the per-recipient path: ${fmt(oursRate / singleRate, 1)}x (target >= 10x)`);
  const cap = process.env.MEND_MAX_SEND_RATE ? Number(process.env.MEND_MAX_SEND_RATE) : undefined;
  if (cap) console.log(`  MEND_MAX_SEND_RATE ${fmt(cap)}: busiest one-second window ${fmt(o.busiest)} (${o.busiest <= cap ? 'never above it' : 'ABOVE IT'})`);
}
