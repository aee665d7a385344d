import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleSesEvent } from '../../../functions/core/feedback/ses-events.js';
import { getReader } from '../../../functions/core/db/readers.js';
import { recordOutcome } from '../../../functions/core/outcomes/record.js';
import { advanceDays, received } from '../../helpers/course.js';
import { choiceLink } from '../../helpers/links.js';
import { plain } from '../../helpers/mail.js';
import { enrolAndConfirm, inbox, json, linkIn, testStack, uniqueEmail, validEnrolment, type TestStack } from '../../helpers/stack.js';
import { api, apiJson, bearer, dash, login } from '../../api/admin/admin-helpers.js';

/**
 * Issue 14, "Data rights": the author erases a reader. Afterwards nothing stored names them, in
 * any item type or the raw store; the reports count exactly what they counted before.
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await testStack({ now: '2026-02-02T06:00:00Z' });
}, 120_000);
afterAll(() => stack.close());

interface Lived {
  id: string;
  email: string;
  firstName: string;
  /** Words only this reader wrote. */
  words: string[];
  rawKeys: string[];
}

const inbound = async (raw: string) => (await (await stack.app.request('/dev/inbound', { method: 'POST', body: raw, headers: { 'content-type': 'message/rfc822' } })).json()) as { replyId?: string; id?: string };

/** A reader with one of everything: lessons, a branch choice, replies (one by token, one assigned from another address), a check-in answer, notes, SES sent marks. */
async function livedIn(firstName: string): Promise<Lived> {
  const r = await enrolAndConfirm(stack, { situation: 'stress', timezone: 'UTC', sendHour: 9, firstName, followUpConsent: true });
  await advanceDays(stack, 5);
  const lessons = await received(stack, r.email, ['lesson']);
  const asking = lessons.find((l) => (l.mail.body.text ?? '').includes('/choose/'))!;
  expect((await stack.app.request(choiceLink(asking.mail, 'not-yet'))).status).toBe(200);
  const words = [`${firstName} wrote: day four without texting`, `${firstName} wrote again from work`, `${firstName} wrote a long letter`];
  const reply = await inbound(plain({ from: r.email, to: lessons.at(-1)!.mail.replyTo[0]! }, words[0]!));
  // Over the 64 KB a reply item keeps: the whole text is stored in parts beside it (reply-texts.ts).
  const long = await inbound(plain({ from: r.email, to: lessons.at(-1)!.mail.replyTo[0]! }, `${words[2]}. ${'Some days are heavier than others, and today was one. '.repeat(1400)}`));
  const stray = await inbound(plain({ from: uniqueEmail('work'), to: 'hello@reply.mend.localhost', subject: 'From my work address' }, words[1]!));
  expect((await api(stack, `/unmatched/${stray.id}/assign`, { body: { readerId: r.id } })).status).toBe(200);
  await recordOutcome(stack.ctx, (await getReader(stack.ctx, r.id))!, { checkpoint: '1m', outcome: 'undecided', source: 'link' });
  expect((await api(stack, `/readers/${r.id}/notes`, { body: { text: `Note about ${firstName}: gentle follow-up` } })).status).toBe(201);
  const reader = (await getReader(stack.ctx, r.id))!;
  for (const s of reader.sends.slice(1, 3))
    await handleSesEvent(stack.ctx, { eventType: 'Send', mail: { messageId: s.messageId ?? `m-${s.seq}`, tags: { reader: [r.id], seq: [String(s.seq)] } } });
  const story = await apiJson<{ replies: { replyId: string }[] }>(stack, `/readers/${r.id}`);
  expect(story.replies.map((x) => x.replyId).sort()).toEqual([reply.replyId, long.replyId, stray.id].sort());
  const { data } = await stack.ctx.db.entities.reply.query.byReader({ readerId: r.id }).go({ pages: 'all' });
  return { id: r.id, email: r.email, firstName, words, rawKeys: data.map((d) => d.rawKey) };
}

/** Every item in the table, raw (keys, index attributes, entity markers), whatever entity wrote it. */
async function wholeTable(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await stack.ctx.db.client.send(new ScanCommand({ TableName: stack.ctx.db.table, ExclusiveStartKey: start, ConsistentRead: true }));
    items.push(...((res.Items ?? []) as Record<string, unknown>[]));
    start = res.LastEvaluatedKey as Record<string, unknown> | undefined;
  } while (start);
  return items;
}

/** Every entity the data layer defines (core/db/service.ts), counters included, with all its items raw. */
async function everyEntity(): Promise<[string, Record<string, unknown>[]][]> {
  const { counters, service: _service, ...entities } = stack.ctx.db.entities;
  const all = [...Object.entries(entities), ...Object.entries(counters).map(([k, e]) => [`counter_${k}`, e] as const)];
  const out: [string, Record<string, unknown>[]][] = [];
  for (const [name, entity] of all) {
    const { data } = await (entity as { scan: { go(o: object): Promise<{ data: unknown }> } }).scan.go({ pages: 'all', data: 'raw' });
    out.push([name, ((data as { Items?: Record<string, unknown>[] }).Items ?? [])]);
  }
  return out;
}

const mentions = (item: unknown, r: Lived) => {
  const s = JSON.stringify(item);
  return [r.id, r.email, r.firstName, ...r.words].some((w) => s.includes(w));
};

/** Every file under a folder, with its contents. */
function filesUnder(dir: string): { path: string; text: string }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [{ path: p, text: readFileSync(p, 'latin1') }];
  });
}
const rawRoot = () => stack.ctx.rawMail.describe('').replace(/\/$/, '');
const rawDecoded = (f: { text: string }) => f.text + Buffer.from(f.text.split(/\r?\n\r?\n/).slice(1).join('').replace(/\s/g, ''), 'base64').toString('utf8');

/** What the author's reports say: every counter-backed number. */
async function reports() {
  const overview = await apiJson<{ readers: unknown }>(stack, '/overview');
  return {
    overviewReaders: overview.readers,
    bySituation: await apiJson(stack, '/reports/outcomes'),
    byTrack: await apiJson(stack, '/reports/outcomes?by=track'),
    cohorts: await apiJson(stack, '/reports/cohorts'),
    funnel: await apiJson(stack, '/reports/funnel'),
  };
}

describe('erasing a reader (DELETE /api/admin/readers/:id)', () => {
  let gone: Lived;
  let kept: Lived;
  let before: Awaited<ReturnType<typeof reports>>;
  let rawBefore: { path: string; text: string }[];

  beforeAll(async () => {
    gone = await livedIn('Zephyrine');
    kept = await livedIn('Marguerite');
    rawBefore = filesUnder(rawRoot());
    before = await reports();
  }, 120_000);

  it('finds the reader in every item type that holds reader data before (so the check after means something)', async () => {
    const holding = (await everyEntity()).filter(([, items]) => items.some((i) => mentions(i, gone))).map(([name]) => name);
    expect(holding.sort()).toEqual(['choice', 'emailLookup', 'inboundMessage', 'note', 'outcome', 'reader', 'reply', 'replyText', 'sentMark', 'unmatched'].sort());
    expect(rawBefore.filter((f) => gone.words.some((w) => rawDecoded(f).includes(w)))).toHaveLength(3);
  });

  it('answers 204, after which the reader is 404, and erasing again is 404', async () => {
    const res = await api(stack, `/readers/${gone.id}`, { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect((await api(stack, `/readers/${gone.id}`)).status).toBe(404);
    expect((await api(stack, `/readers/${gone.id}`, { method: 'DELETE' })).status).toBe(404);
    expect(((await apiJson<{ readers: unknown[] }>(stack, `/readers?email=${encodeURIComponent(gone.email)}`)).readers)).toEqual([]);
  });

  it('leaves every entity in core/db/service.ts empty of the reader: no id, address, name or word of theirs', async () => {
    for (const [name, items] of await everyEntity()) expect(items.filter((i) => mentions(i, gone)), name).toEqual([]);
    // And the table as a whole, whatever item type a later change adds.
    expect((await wholeTable()).filter((i) => mentions(i, gone))).toEqual([]);
  });

  it('deletes their raw messages from the raw store, and only theirs', async () => {
    for (const key of gone.rawKeys) expect(existsSync(stack.ctx.rawMail.describe(key)), key).toBe(false);
    for (const key of kept.rawKeys) expect(existsSync(stack.ctx.rawMail.describe(key)), key).toBe(true);
    expect(filesUnder(rawRoot()).filter((f) => mentions(rawDecoded(f), gone))).toEqual([]);
  });

  it('keeps the reports exactly as they were: the anonymous counters stay', async () => {
    expect(await reports()).toEqual(before);
  });

  it('leaves every other reader as they were', async () => {
    const story = await apiJson<{ replies: unknown[]; notes: unknown[]; outcomes: unknown[]; choices: unknown[] }>(stack, `/readers/${kept.id}`);
    expect(story.replies).toHaveLength(3);
    expect(story.notes).toHaveLength(1);
    expect(story.outcomes).toHaveLength(1);
    expect(story.choices.length).toBeGreaterThan(0);
    expect((await wholeTable()).some((i) => mentions(i, kept))).toBe(true);
  });

  it('frees the address: signing up again starts afresh, as anyone new', async () => {
    const again = await stack.app.request('/api/enroll', json(validEnrolment({ email: gone.email, firstName: 'Zephyrine' })));
    expect(again.status).toBe(202);
    const mails = await inbox(stack, gone.email);
    expect(mails.at(-1)!.subject).toMatch(/confirm/i);
    expect(mails.at(-1)!.headers.find((h) => h.name === 'X-Mend-Kind')?.value).toBe('confirmation');
  });
});

describe('erasing a reader who had unsubscribed or bounced', () => {
  it('keeps only a keyed hash of the address on the suppression list, so a sign-up in their name never mails them again', async () => {
    const r = await enrolAndConfirm(stack, { firstName: 'Ottoline' });
    const unsub = linkIn((await inbox(stack, r.email)).at(-1)!, '/unsubscribe/');
    expect((await stack.app.request(unsub, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(200);
    const bounced = await enrolAndConfirm(stack, { firstName: 'Bartholomew' });
    await handleSesEvent(stack.ctx, { eventType: 'Bounce', bounce: { bounceType: 'Permanent' }, mail: { messageId: 'b1', tags: { reader: [bounced.id] } } });
    for (const x of [r, bounced]) expect((await api(stack, `/readers/${x.id}`, { method: 'DELETE' })).status).toBe(204);
    const { data } = await stack.ctx.db.entities.suppression.scan.go({ pages: 'all', data: 'raw' });
    const stored = JSON.stringify(data);
    // One list (issue 12's): the erased reader's entries keep the hash and why, nothing that names them.
    expect(stored).toContain('unsubscribed');
    expect(stored).toContain('bounce');
    expect(stored).toContain('(erased)');
    for (const x of [r, bounced]) {
      expect(stored).not.toContain(x.email);
      expect(stored).not.toContain(x.email.split('@')[0]);
      expect(stored).not.toContain(x.id);
      const before = (await inbox(stack, x.email)).length;
      // The suppressed answer of issue 12 (nothing created or sent, a contact to write to).
      const again = await stack.app.request('/api/enroll', json(validEnrolment({ email: x.email })));
      expect(again.status).toBe(200);
      expect(await again.json()).toMatchObject({ status: 'suppressed' });
      expect(await inbox(stack, x.email)).toHaveLength(before);
      expect((await apiJson<{ readers: unknown[] }>(stack, `/readers?email=${encodeURIComponent(x.email)}`)).readers).toEqual([]);
    }
  });

  it('adds nobody to the list for a reader who never unsubscribed', async () => {
    const { data: before } = await stack.ctx.db.entities.suppression.scan.go({ pages: 'all' });
    const r = await enrolAndConfirm(stack);
    expect((await api(stack, `/readers/${r.id}`, { method: 'DELETE' })).status).toBe(204);
    const { data: after } = await stack.ctx.db.entities.suppression.scan.go({ pages: 'all' });
    expect(after.length).toBe(before.length);
  });
});

describe('erasing from the dashboard', () => {
  it('asks for the word "erase", then erases and says so', async () => {
    const cookie = await login(stack);
    const r = await enrolAndConfirm(stack, { firstName: 'Philippa' });
    const page = await (await dash(stack, cookie, `/admin/readers/${r.id}`)).text();
    expect(page).toContain(`action="/admin/readers/${r.id}/erase"`);
    expect(page).toContain('Type <b>erase</b> to confirm');
    const refused = await dash(stack, cookie, `/admin/readers/${r.id}/erase`, { confirm: 'yes' });
    expect(refused.status).toBe(400);
    expect(await getReader(stack.ctx, r.id)).not.toBeNull();
    const done = await dash(stack, cookie, `/admin/readers/${r.id}/erase`, { confirm: 'Erase' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/admin/readers?done=erased');
    expect(await (await dash(stack, cookie, done.headers.get('location')!)).text()).toContain('The reader was erased');
    expect(await getReader(stack.ctx, r.id)).toBeNull();
    expect((await stack.app.request(`/api/admin/readers/${r.id}`, { headers: bearer })).status).toBe(404);
  });
});
