import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { funnelDims } from '../../../functions/core/choices/record.js';
import { TICK_MS, advanceClock } from '../../../functions/local/advance.js';
import { readCounter } from '../../../functions/core/db/counters.js';
import { readerHistory } from '../../../functions/core/db/history.js';
import { getReader } from '../../../functions/core/db/readers.js';
import { api, apiJson } from '../../api/admin/admin-helpers.js';
import { advanceDays, received } from '../../helpers/course.js';
import { plain } from '../../helpers/mail.js';
import { dynamoFaultyStack, enrolAndConfirm, testStack, uniqueEmail, type TestStack } from '../../helpers/stack.js';

/**
 * Issue 10, "never lose a reply": whatever arrives at once, however big, however often delivered,
 * is stored and findable by the author, and counted exactly once.
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await testStack({ now: '2026-03-02T06:00:00Z' });
});
afterAll(() => stack.close());

const post = (raw: string, query = '') =>
  stack.app.request(`/dev/inbound${query}`, { method: 'POST', body: raw, headers: { 'content-type': 'message/rfc822' } });

async function readerWithLessons(over: Record<string, unknown> = {}) {
  const r = await enrolAndConfirm(stack, { timezone: 'UTC', sendHour: 8, situation: 'tumultuous', ...over });
  await advanceDays(stack, 3);
  const lessons = await received(stack, r.email, ['lesson']);
  return { ...r, lessons };
}


describe('replies arriving at once', () => {
  it('stores all 20 replies posted at once over HTTP to one reader, answers none with an error, applies each once and counts each lesson replied once', async () => {
    // As a busy inbox would: the real server on a port, its data on disk, twenty requests in flight.
    const busy = await testStack({ now: '2026-03-02T06:00:00Z', dataDir: mkdtempSync(join(tmpdir(), 'mend-busy-')), dynamoUrl: undefined, port: 0 });
    try {
      const r = await enrolAndConfirm(busy, { timezone: 'UTC', sendHour: 8, situation: 'tumultuous' });
      await advanceDays(busy, 3);
      const [a, b] = (await received(busy, r.email, ['lesson'])).slice(-2);
      // Two real lessons, ten replies each, sent at the same moment; every one carries news that moves the course.
      const news = ['I broke no contact last night and called him.', 'My ex texted me this morning.', 'I caved and messaged him.', 'He called me twice yesterday.'];
      const bodies = Array.from({ length: 20 }, (_, i) => plain({ from: r.email, to: (i % 2 ? a : b)!.mail.replyTo[0]! }, `${news[i % news.length]} (${i})`));
      const answers = await Promise.all(
        bodies.map((raw) => fetch(`${busy.urls.app}/dev/inbound`, { method: 'POST', body: raw, headers: { 'content-type': 'message/rfc822' } })),
      );
      const out = (await Promise.all(answers.map((res) => res.json()))) as { status: string; replyId: string; courseStep: string }[];
      expect(answers.map((res) => res.status)).toEqual(Array(20).fill(202));
      expect(out.map((o) => o.status)).toEqual(Array(20).fill('logged'));

      const stored = (await readerHistory(busy.ctx, r.id)).replies;
      expect(stored).toHaveLength(20);
      expect(new Set(stored.map((s) => s.replyId)).size).toBe(20);
      // Each is in the author's inbox, and its course step ran: none waits, none failed.
      const inbox = await apiJson<{ replies: { replyId: string; readerId: string }[] }>(busy, '/replies?limit=100');
      expect(inbox.replies.filter((x) => x.readerId === r.id)).toHaveLength(20);
      expect(stored.map((s) => s.courseStep)).toEqual(Array(20).fill('done'));

      const counted = async (lesson: string) => (await readCounter(busy.ctx, 'funnel', funnelDims('tumultuous', lesson))).replied ?? 0;
      expect(await counted(a!.ref)).toBe(1);
      expect(await counted(b!.ref)).toBe(1);
      const reader = (await getReader(busy.ctx, r.id))!;
      expect([...reader.repliedSeqs].sort()).toEqual([a, b].map((s) => Number(/reply\+[a-z2-7]+-(\d+)-/.exec(s!.mail.replyTo[0]!)![1])).sort());
      // Every reply that moved the course is remembered once; the slip queued one supportive lesson.
      expect(new Set(reader.appliedReplies).size).toBe(reader.appliedReplies!.length);
      expect(stored.filter((s) => s.applied).map((s) => s.replyId).sort()).toEqual([...reader.appliedReplies!].sort());
      expect(reader.cursor!.inserts.filter((i) => i.lesson === 'shared/broke-no-contact')).toHaveLength(1);
      // Counter work a writer could not clear under the contention is finished by the scheduler's next visit, still exactly once.
      // That visit is the first tick at or after the reader's due time (by then two minutes have made the work stale):
      // three minutes from 06:00 reach no tick, and passed only when the writers had cleared everything themselves.
      const { dueAt } = (await getReader(busy.ctx, r.id))!;
      const now = busy.clock.now().getTime();
      const visit = await advanceClock(busy.ctx, busy.clock, Math.max(Date.parse(dueAt!), now) - now + TICK_MS);
      expect(visit.ticks).toBeGreaterThan(0);
      expect((await getReader(busy.ctx, r.id))!.outbox).toEqual([]);
      expect(await counted(a!.ref)).toBe(1);
      expect(await counted(b!.ref)).toBe(1);
    } finally {
      await busy.close();
    }
  });
});

describe('a reply whose course step cannot run', () => {
  it('stays stored, is marked for the author, answers no error, and a later delivery applies it once', async () => {
    const r = await readerWithLessons();
    const raw = plain({ from: r.email, to: r.lessons.at(-1)!.mail.replyTo[0]! }, 'I broke no contact last night and called him.');
    // A stand-in only for what dynalite cannot do: refuse the reader's writes (throttled, as DynamoDB would be).
    const client = stack.ctx.db.client;
    const real = client.send.bind(client);
    client.send = (async (cmd: { input?: { Item?: { pk?: string; sk?: string } } }) => {
      const item = cmd.input?.Item;
      if (item?.pk === `READER#${r.id}` && item.sk === 'PROFILE')
        throw Object.assign(new Error('Throughput exceeds the current capacity'), { name: 'ProvisionedThroughputExceededException', $metadata: { httpStatusCode: 400 } });
      return real(cmd as never);
    }) as typeof client.send;
    let out: { status: string; replyId: string; courseStep: string; applied: boolean };
    try {
      const res = await post(raw);
      expect(res.status).toBe(202);
      out = (await res.json()) as typeof out;
    } finally {
      client.send = real;
    }
    expect(out).toMatchObject({ status: 'logged', courseStep: 'failed', applied: false });
    expect((await getReader(stack.ctx, r.id))!.cursor!.inserts).toEqual([]);
    const marked = await apiJson<{ replies: Record<string, unknown>[] }>(stack, '/replies?attention=true&limit=100');
    expect(marked.replies.find((x) => x.replyId === out.replyId)).toMatchObject({ courseStep: 'failed', attention: 'course-step-failed', stepNote: expect.stringContaining('Apply it again') });

    // The same message again (a Lambda retry, a replay): nothing new is logged, the step runs now, once.
    const again = (await (await post(raw)).json()) as typeof out;
    expect(again).toMatchObject({ status: 'duplicate', replyId: out.replyId, courseStep: 'done', applied: true });
    await post(raw);
    const reader = (await getReader(stack.ctx, r.id))!;
    expect(reader.cursor!.inserts.map((i) => i.lesson)).toEqual(['shared/broke-no-contact']);
    expect(reader.appliedReplies).toEqual([out.replyId]);
    expect((await readerHistory(stack.ctx, r.id)).replies).toHaveLength(1);
  });
});

describe('a very large reply', () => {
  it('stores a 300 KB plain-text reply, capped and marked truncated, with its full text on demand', async () => {
    const r = await readerWithLessons();
    const to = r.lessons.at(-1)!.mail.replyTo[0]!;
    const line = 'Today I wrote everything down, every memory, every fight, every good morning. ';
    const words = `Day 3 of no contact. ${line.repeat(Math.ceil((300 * 1024) / line.length))}`.slice(0, 300 * 1024);
    const started = performance.now();
    const res = await post(plain({ from: r.email, to }, words));
    const ms = performance.now() - started;
    expect(res.status).toBe(202);
    const out = (await res.json()) as { status: string; replyId: string };
    expect(out.status).toBe('logged');

    const [reply] = (await readerHistory(stack.ctx, r.id)).replies;
    expect(reply!.textTruncated).toBe(true);
    expect(reply!.textBytes).toBe(Buffer.byteLength(words));
    expect(Buffer.byteLength(reply!.text)).toBeLessThanOrEqual(64 * 1024);
    expect(reply!.signals.map((s) => s.signal)).toEqual(['no-contact-day']);
    // No item comes near DynamoDB's 400 KB limit, and the reader item carries no reply text.
    const item = await stack.ctx.db.entities.reply.get({ readerId: r.id, receivedAt: reply!.receivedAt, replyId: reply!.replyId }).go({ data: 'raw' });
    const size = Buffer.byteLength(JSON.stringify((item.data as { Item?: unknown }).Item ?? item.data));
    expect(size).toBeLessThan(200 * 1024);
    const readerItem = JSON.stringify(await getReader(stack.ctx, r.id));
    expect(readerItem).not.toContain('every good morning');

    const full = await apiJson<{ text: string; truncated: boolean }>(stack, `/replies/${r.id}/${reply!.replyId}/text`);
    expect(full.text).toBe(words.trim());
    expect(full.truncated).toBe(false);
    console.info(`300 KB reply: stored in ${ms.toFixed(0)} ms, reply item ${(size / 1024).toFixed(1)} KB`);
  });

  it('keeps a 300 KB message from an unknown sender in the unmatched list, capped', async () => {
    const words = 'I am not sure this is the right address. '.repeat(8000);
    const res = await post(plain({ from: uniqueEmail('big'), to: 'hello@reply.mend.localhost' }, words));
    expect(res.status).toBe(202);
    const out = (await res.json()) as { status: string; id: string };
    expect(out.status).toBe('unmatched');
    const list = await apiJson<{ items?: { id: string }[]; unmatched?: { id: string; textTruncated?: boolean }[] }>(stack, '/unmatched?limit=100');
    const item = (list.unmatched ?? []).find((u) => u.id === out.id);
    expect(item).toMatchObject({ textTruncated: true });
  });
});

describe('the same message delivered twice', () => {
  it('logs a raw message once, however often it arrives, even stored under two keys', async () => {
    const r = await readerWithLessons();
    const raw = plain({ from: r.email, to: r.lessons.at(-1)!.mail.replyTo[0]! }, 'Hello twice. Day 3 of no contact.');
    const one = (await (await post(raw)).json()) as { status: string; replyId: string };
    const two = (await (await post(raw)).json()) as { status: string; replyId: string };
    expect(one.status).toBe('logged');
    expect(two).toMatchObject({ status: 'duplicate', replyId: one.replyId });
    expect((await readerHistory(stack.ctx, r.id)).replies).toHaveLength(1);
    const story = await apiJson<{ replies: unknown[] }>(stack, `/readers/${r.id}`);
    expect(story.replies).toHaveLength(1);
  });

  // The claim lands and DynamoDB loses its answer: the SDK sends it again, and the copy fails on the
  // claim the first one made. That is still the first delivery: logged (not "duplicate"), counted once.
  for (const [kind, to] of [
    ['a reply', (r: Awaited<ReturnType<typeof readerWithLessons>>) => r.lessons.at(-1)!.mail.replyTo[0]!],
    ['an unmatched message', () => 'hello@reply.mend.localhost'],
  ] as const)
    it(`answers ${kind} whose claim lost its answer as the first delivery it is, and a second delivery as a duplicate`, async () => {
      const { stack: faulty, dynamo } = await dynamoFaultyStack({ now: '2026-03-02T06:00:00Z' });
      try {
        const r = await enrolAndConfirm(faulty, { timezone: 'UTC', sendHour: 8, situation: 'tumultuous' });
        await advanceDays(faulty, 3);
        const lessons = await received(faulty, r.email, ['lesson']);
        const from = kind === 'a reply' ? r.email : uniqueEmail('stranger');
        const raw = plain({ from, to: to({ ...r, lessons }) }, 'Day 3 of no contact, and a quiet evening.');
        const send = (q = '') => faulty.app.request(`/dev/inbound${q}`, { method: 'POST', body: raw, headers: { 'content-type': 'message/rfc822' } });
        dynamo.faults.dropAfterApplyIf = (op, body) => op === 'PutItem' && body.includes('"INMSG#');
        let one: { status: string; replyId?: string; id?: string };
        try {
          one = (await (await send()).json()) as typeof one;
        } finally {
          dynamo.faults.dropAfterApplyIf = undefined;
        }
        expect(dynamo.stats.dropped).toBe(1);
        expect(one.status).toBe(kind === 'a reply' ? 'logged' : 'unmatched');
        const two = (await (await send()).json()) as typeof one;
        expect(two).toMatchObject({ status: 'duplicate', ...(one.replyId ? { replyId: one.replyId } : {}) });
        if (kind === 'a reply') expect((await readerHistory(faulty.ctx, r.id)).replies).toHaveLength(1);
        else {
          const list = await apiJson<{ unmatched: { id: string }[] }>(faulty, '/unmatched?limit=100');
          expect(list.unmatched.filter((u) => u.id === one.id)).toHaveLength(1);
        }
      } finally {
        await faulty.close();
      }
    });

  it('logs an unmatched message once when it is delivered twice', async () => {
    const raw = plain({ from: uniqueEmail('twice'), to: 'hello@reply.mend.localhost' }, 'Is anyone there?');
    const one = (await (await post(raw)).json()) as { status: string; id: string };
    const two = (await (await post(raw)).json()) as { status: string; id: string };
    expect(one.status).toBe('unmatched');
    expect(two).toMatchObject({ status: 'duplicate' });
    const list = await apiJson<{ unmatched: { id: string; subject?: string }[] }>(stack, '/unmatched?limit=100');
    expect(list.unmatched.filter((u) => u.id === one.id)).toHaveLength(1);
  });
});

describe('the admin API for a reply', () => {
  it('answers 404 for the full text of a reply that does not exist', async () => {
    expect((await api(stack, '/replies/nobody/nothing/text')).status).toBe(404);
  });
});
