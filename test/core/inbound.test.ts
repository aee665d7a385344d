import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readerHistory } from '../../functions/core/db/history.js';
import { getReader } from '../../functions/core/db/readers.js';
import { everyUnmatched } from '../../functions/core/db/unmatched.js';
import { processInbound } from '../../functions/core/replies/inbound.js';
import { advanceDays, received } from '../helpers/course.js';
import { alternative, htmlOnly, plain } from '../helpers/mail.js';
import { enrolAndConfirm, testStack, type TestStack } from '../helpers/stack.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await testStack({ now: '2026-03-02T06:00:00Z' });
});
afterAll(() => stack.close());

const post = (raw: string | Buffer) => stack.app.request('/dev/inbound', { method: 'POST', body: typeof raw === 'string' ? raw : new Uint8Array(raw), headers: { 'content-type': 'message/rfc822' } });
const replies = async (id: string) => (await readerHistory(stack.ctx, id)).replies;
const unmatched = async () => {
  const all = [];
  for await (const u of everyUnmatched(stack.ctx)) all.push(u);
  return all;
};

/** A reader three lessons in, and the Reply-To of their latest lesson. */
async function readerWithLessons(over: Record<string, unknown> = {}) {
  const r = await enrolAndConfirm(stack, { timezone: 'UTC', sendHour: 8, ...over });
  await advanceDays(stack, 3);
  const sent = await received(stack, r.email, ['lesson']);
  const last = sent.at(-1)!;
  return { ...r, last, replyTo: last.mail.replyTo[0]! };
}

describe('inbound replies', () => {
  it('logs a Gmail-style reply against the lesson it answers, quotes stripped, full text kept', async () => {
    const r = await readerWithLessons();
    const body = [
      'Day 3 of no contact and honestly it is hard, but I am doing the walks.',
      '',
      'On Thu, Mar 5, 2026 at 8:00 AM Mend <lessons@mend.localhost> wrote:',
      '> I texted him last night (this is quoted and must not count)',
      '> Hi Robin,',
    ].join('\n');
    const res = await post(plain({ from: r.email, to: r.replyTo }, body));
    expect(res.status).toBe(202);
    const out = (await res.json()) as { status: string; lessonId: string; signals: string[] };
    expect(out).toMatchObject({ status: 'logged', lessonId: r.last.ref });
    const [reply] = await replies(r.id);
    expect(reply!.text).toBe('Day 3 of no contact and honestly it is hard, but I am doing the walks.');
    expect(reply!.fullText).toContain('I texted him last night');
    expect((reply!.signals as { signal: string }[]).map((s) => s.signal)).toEqual(['no-contact-day']);
    expect(reply!.lessonId).toBe(r.last.ref);
    expect(existsSync(String(reply!.raw))).toBe(true);
  });

  it('stores the reader\'s words without the quote residue a mail client leaves (a separator line of dashes)', async () => {
    const r = await readerWithLessons();
    const body = ['Day 3 of no contact. Went for a run instead.', '', '-----', 'From: Mend <lessons@mend.localhost>', 'Sent: Thursday, March 5, 2026 8:00 AM', '', 'Hi Robin,', ''].join('\n');
    await post(plain({ from: r.email, to: r.replyTo }, body));
    const [reply] = await replies(r.id);
    expect(reply!.text).toBe('Day 3 of no contact. Went for a run instead.');
    expect(reply!.fullText).toContain('Sent: Thursday');
  });

  it('reads an Outlook-style reply (HTML and text) and does not count a negated slip', async () => {
    const r = await readerWithLessons();
    const text = 'I did NOT text him, even though I really wanted to.\n\n________________________________\nFrom: Mend <lessons@mend.localhost>\nSent: Thursday, March 5, 2026 8:00 AM\nTo: Robin\nSubject: Your lesson\n\nI broke no contact yesterday';
    const html = '<html><body><div>I did NOT text him, even though I really wanted to.</div><div id="appendonsend"></div><hr><div id="divRplyFwdMsg"><b>From:</b> Mend<br>I broke no contact yesterday</div></body></html>';
    const res = await post(alternative({ from: r.email, to: r.replyTo, headers: { 'Thread-Index': 'AQHZ' } }, text, html));
    expect(((await res.json()) as { signals: string[] }).signals).toEqual([]);
    const before = (await getReader(stack.ctx, r.id))!.cursor!.inserts;
    expect(before).toEqual([]); // nothing changed in the course
  });

  it('keeps non-ASCII names and bodies and lists attachments (Apple Mail style)', async () => {
    const r = await readerWithLessons({ firstName: 'Zoë' });
    const text = 'Ça va mieux. J’ai marché 5 km aujourd’hui 🌿\n\nOn 5 Mar 2026, at 08:00, Mend <lessons@mend.localhost> wrote:\n\n> Hi Zoë,';
    const html = '<html><body><div>Ça va mieux. J’ai marché 5 km aujourd’hui 🌿</div><blockquote type="cite">Hi Zoë,</blockquote></body></html>';
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const res = await post(alternative({ from: r.email, fromName: 'Zoë Ångström', to: r.replyTo, subject: 'Re: Leçon' }, text, html, [{ name: 'walk.png', type: 'image/png', data: png }]));
    expect(res.status).toBe(202);
    const [reply] = await replies(r.id);
    expect(reply!.text).toBe('Ça va mieux. J’ai marché 5 km aujourd’hui 🌿');
    expect(reply!.subject).toBe('Re: Leçon');
    expect(reply!.attachments).toEqual([{ filename: 'walk.png', contentType: 'image/png', size: png.length }]);
  });

  it('strips the quote from an HTML-only reply', async () => {
    const r = await readerWithLessons();
    const html = '<div dir="ltr">My ex texted me this morning. I did not answer yet.</div><br><div class="gmail_quote"><div>On Thu wrote:</div><blockquote>Hi Robin, I moved on</blockquote></div>';
    const res = await post(htmlOnly({ from: r.email, to: r.replyTo }, html));
    const out = (await res.json()) as { signals: string[] };
    expect(out.signals).toEqual(['ex-reached-out']);
    const [reply] = await replies(r.id);
    expect(reply!.text).toContain('My ex texted me this morning');
    expect(reply!.text).not.toContain('moved on');
  });

  it('matches by sender and In-Reply-To when the reply address was lost', async () => {
    const r = await readerWithLessons();
    const reader = (await getReader(stack.ctx, r.id))!;
    const first = reader.sends.find((s) => s.kind === 'lesson')!;
    const res = await stack.app.request('/dev/inbound?spf=PASS&dkim=PASS&dmarc=PASS', {
      method: 'POST',
      body: plain({ from: r.email, to: `lessons@mend.localhost`, inReplyTo: `${first.messageId}@email.amazonses.com` }, 'Thank you for this.'),
      headers: { 'content-type': 'message/rfc822' },
    });
    expect(await res.json()).toMatchObject({ status: 'logged', lessonId: first.ref });
    expect((await getReader(stack.ctx, r.id))!.repliedSeqs).toContain(first.seq);
  });

  it('acts on a clear signal: after "I broke no contact" the supportive lesson comes next and the count restarts', async () => {
    const r = await readerWithLessons({ situation: 'tumultuous' });
    await post(plain({ from: r.email, to: r.replyTo }, "I'm so ashamed. I broke no contact last night and called him."));
    const reader = (await getReader(stack.ctx, r.id))!;
    expect(reader.cursor!.inserts[0]!.lesson).toBe('shared/broke-no-contact');
    expect(reader.cursor!.noContactSince).toBe(stack.clock.now().toISOString().slice(0, 10));
    await advanceDays(stack, 1);
    expect((await received(stack, r.email, ['lesson'])).at(-1)!.ref).toBe('shared/broke-no-contact');
  });

  it('keeps mail from an unknown sender in the unmatched list, raw copy stored', async () => {
    const res = await post(plain({ from: 'stranger@example.org', to: 'hello@mend.localhost', subject: 'Hello?' }, 'Is this the breakup course?'));
    const out = (await res.json()) as { status: string; id: string };
    expect(out.status).toBe('unmatched');
    const item = (await unmatched()).find((u) => u.id === out.id)!;
    expect(item).toMatchObject({ from: 'stranger@example.org', subject: 'Hello?', text: 'Is this the breakup course?' });
    expect(existsSync(String(item.raw))).toBe(true);
  });

  it('recognises an auto-reply: logged, flagged, never progress', async () => {
    const r = await readerWithLessons();
    const res = await post(
      plain({ from: r.email, to: r.replyTo, subject: 'Automatic reply: Your lesson', headers: { 'Auto-Submitted': 'auto-replied' } }, "I'm out of the office. I broke no contact rules don't apply here."),
    );
    expect(((await res.json()) as { signals: string[] }).signals).toEqual([]);
    const [reply] = await replies(r.id);
    expect(reply!.automatic).toBe('auto-reply');
  });

  it('recognises a bounce report', async () => {
    const raw = [
      'From: Mail Delivery Subsystem <mailer-daemon@example.org>',
      'To: reply+x@reply.mend.localhost',
      'Subject: Delivery Status Notification (Failure)',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'Your message could not be delivered.',
      '--b--',
      '',
    ].join('\r\n');
    const out = (await (await post(raw)).json()) as { status: string; id: string };
    expect(out.status).toBe('unmatched');
    expect((await unmatched()).find((u) => u.id === out.id)!.automatic).toBe('bounce');
  });

  it('stores and flags a malformed message instead of losing it', async () => {
    const raw = Buffer.concat([Buffer.from('\x00\x01garbage without headers\r\n\r\n'), Buffer.from([0xff, 0xfe, 0xfd])]);
    const out = (await (await post(raw)).json()) as { status: string; id: string };
    expect(out.status).toBe('unmatched');
    const item = (await unmatched()).find((u) => u.id === out.id)!;
    expect(item.reason).toBeTruthy();
    expect(existsSync(String(item.raw))).toBe(true);
  });

  it('keeps an oversized message raw and lists it, unparsed', async () => {
    const big = plain({ from: 'big@example.org', to: 'hello@mend.localhost' }, 'x'.repeat(11 * 1024 * 1024));
    const out = (await (await post(big)).json()) as { status: string; id: string; reason: string };
    expect(out.status).toBe('unmatched');
    expect(out.reason).toMatch(/too large/);
  });

  it('processes the same stored message once, however often SES delivers it', async () => {
    const r = await readerWithLessons();
    const key = 'inbound/test/dup.eml';
    await stack.ctx.rawMail.put(key, Buffer.from(plain({ from: r.email, to: r.replyTo }, 'Hello twice')));
    const one = await processInbound(stack.ctx, { key, receivedAt: '2026-03-08T10:00:00.000Z' });
    const two = await processInbound(stack.ctx, { key, receivedAt: '2026-03-08T10:00:00.000Z' });
    expect(one.status).toBe('logged');
    expect(two.status).toBe('duplicate');
    expect(await replies(r.id)).toHaveLength(1);
  });

  it('unsubscribes a reader who writes to the mailto unsubscribe address', async () => {
    const r = await readerWithLessons();
    const header = r.last.mail.headers.find((h) => h.name === 'List-Unsubscribe')!.value;
    const mailto = /<mailto:([^?>]+)/.exec(header)![1]!;
    const res = await post(plain({ from: r.email, to: mailto, subject: 'unsubscribe' }, ''));
    expect(await res.json()).toMatchObject({ status: 'unsubscribed' });
    expect((await getReader(stack.ctx, r.id))!.status).toBe('unsubscribed');
  });
});
