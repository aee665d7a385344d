import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getReader } from '../../../functions/core/db/readers.js';
import { EXPORTS_PER_DAY } from '../../../functions/core/readers/data-export.js';
import { token } from '../../../functions/core/links/urls.js';
import { recordOutcome } from '../../../functions/core/outcomes/record.js';
import { advanceDays, received } from '../../helpers/course.js';
import { choiceLink } from '../../helpers/links.js';
import { plain } from '../../helpers/mail.js';
import { enrolAndConfirm, header, inbox, linkIn, testStack, type StoredEmail, type TestStack } from '../../helpers/stack.js';
import { api } from '../../api/admin/admin-helpers.js';

/**
 * Issue 14, "Data rights": a reader downloads everything stored about them. The preferences page
 * (its link is in every email, so in every forwarded one) only sends the link, to their own address.
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await testStack({ now: '2026-02-02T06:00:00Z' });
});
afterAll(() => stack.close());

const prefsPath = (id: string) => `/me/${token(stack.ctx, 'prefs', id)}`;
const askFromPage = (id: string) =>
  stack.app.request(prefsPath(id), { method: 'POST', body: new URLSearchParams({ action: 'export-data' }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
const exportMails = async (email: string) => (await inbox(stack, email)).filter((m) => header(m, 'X-Mend-Kind') === 'export');
const download = async (mail: StoredEmail) => stack.app.request(linkIn(mail, '/export/'));

type Doc = {
  profile: Record<string, unknown>;
  sends: { kind: string; lesson?: string; title?: string; sentAt: string }[];
  choices: { question: string; answer: string }[];
  replies: { text: string; fullText: string; subject: string }[];
  checkInAnswers: { checkpoint: string; answer: string }[];
  authorNotes: { included: true; notes: { text: string }[] } | { included: false; why: string };
};

describe('a reader’s data export', () => {
  let reader: { id: string; email: string };

  beforeAll(async () => {
    const r = await enrolAndConfirm(stack, { situation: 'stress', timezone: 'UTC', sendHour: 9, firstName: 'Rosalind' });
    reader = { id: r.id, email: r.email };
    await advanceDays(stack, 5);
    const lessons = await received(stack, r.email, ['lesson']);
    const asking = lessons.find((l) => (l.mail.body.text ?? '').includes('/choose/'))!;
    await stack.app.request(choiceLink(asking.mail, 'not-yet'));
    await stack.app.request('/dev/inbound', {
      method: 'POST',
      body: plain({ from: r.email, to: lessons.at(-1)!.mail.replyTo[0]!, subject: 'Re: day four' }, 'Day five and I did not text him. It is hard.'),
      headers: { 'content-type': 'message/rfc822' },
    });
    await recordOutcome(stack.ctx, (await getReader(stack.ctx, r.id))!, { checkpoint: '1m', outcome: 'moved-on', source: 'link' });
    await api(stack, `/readers/${r.id}/notes`, { body: { text: 'Asked about sleep; send the sleep lesson early.' } });
  }, 120_000);

  it('is offered on the preferences page, which sends a link to the reader’s own address and shows none of the data', async () => {
    const page = await (await stack.app.request(prefsPath(reader.id))).text();
    expect(page).toContain('Email me a copy of my data');
    const res = await askFromPage(reader.id);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/\?done=export-data$/);
    const after = await (await stack.app.request(res.headers.get('location')!)).text();
    expect(after).toContain('a link to download your data is on its way to your email address');
    // Whoever holds a forwarded lesson gets no data from the page: it went by email, to the reader.
    expect(after).not.toContain('Day five and I did not text him');
    const [mail] = await exportMails(reader.email);
    expect(mail).toBeTruthy();
    expect(mail!.destination.to).toEqual([reader.email]);
    expect(mail!.subject).toMatch(/your data/i);
    expect(linkIn(mail!, '/export/')).toMatch(/^\/export\/[\w-]+\.[\w-]+$/);
    // JSON callers get the same, never the data.
    const json = await stack.app.request(prefsPath(reader.id), { method: 'POST', body: JSON.stringify({ action: 'export-data' }), headers: { 'content-type': 'application/json' } });
    expect(await json.json()).toEqual({ status: 'sent', message: 'A link to download your data is on its way to your email address.' });
  });

  it('downloads as one JSON file of everything stored: profile, sends, choices, replies with their text, check-in answers, and the notes, saying they are in', async () => {
    const res = await download((await exportMails(reader.email))[0]!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="my-data-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const doc = (await res.json()) as Doc;
    expect(doc.profile).toMatchObject({ email: reader.email, firstName: 'Rosalind', situation: 'stress', timezone: 'UTC', sendHour: 9, status: 'active' });
    const r = (await getReader(stack.ctx, reader.id))!;
    expect(doc.sends.map((s) => s.sentAt)).toEqual(r.sends.map((s) => s.at));
    expect(doc.sends[0]).toMatchObject({ kind: 'lesson', lesson: 'stress/day-00', title: expect.any(String) });
    expect(doc.choices).toEqual([expect.objectContaining({ question: 'stress-talk', answer: 'not-yet' })]);
    expect(doc.replies).toEqual([expect.objectContaining({ subject: 'Re: day four', text: 'Day five and I did not text him. It is hard.' })]);
    expect(doc.checkInAnswers).toEqual([expect.objectContaining({ checkpoint: '1m', answer: 'moved-on' })]);
    expect(doc.authorNotes).toEqual({ included: true, notes: [expect.objectContaining({ text: 'Asked about sleep; send the sleep lesson early.' })] });
    // Nothing internal: no claim, outbox, version or index keys.
    const text = JSON.stringify(doc);
    for (const internal of ['outbox', '"ver"', 'dueSlot', 'claim', '__edb', 'READER#']) expect(text).not.toContain(internal);
  });

  it('leaves the author’s notes out when the author says so (MEND_EXPORT_NOTES=false), and says they are left out', async () => {
    const author = await testStack({ config: { exportIncludesNotes: false } });
    try {
      const r = await enrolAndConfirm(author);
      await api(author, `/readers/${r.id}/notes`, { body: { text: 'Private: a worry about this reader.' } });
      await author.app.request(`/me/${token(author.ctx, 'prefs', r.id)}`, { method: 'POST', body: new URLSearchParams({ action: 'export-data' }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      const mail = (await inbox(author, r.email)).find((m) => header(m, 'X-Mend-Kind') === 'export')!;
      const doc = (await (await author.app.request(linkIn(mail, '/export/'))).json()) as Doc;
      expect(doc.authorNotes).toEqual({ included: false, why: expect.stringContaining('private notes') });
      expect(JSON.stringify(doc)).not.toContain('a worry about this reader');
      // The author sees on the reader's page which way it is.
      const { login, dash } = await import('../../api/admin/admin-helpers.js');
      expect(await (await dash(author, await login(author), `/admin/readers/${r.id}`)).text()).toContain('only you see it');
    } finally {
      await author.close();
    }
  });

  it('opens only from the emailed link: a link for another page, an altered or an expired one downloads nothing', async () => {
    const link = linkIn((await exportMails(reader.email))[0]!, '/export/');
    expect((await stack.app.request(`/export/${token(stack.ctx, 'prefs', reader.id)}`)).status).toBe(400);
    expect((await stack.app.request(`${link}x`)).status).toBe(400);
    stack.clock.advance(3 * 86_400_000 + 60_000);
    const expired = await stack.app.request(link);
    expect(expired.status).toBe(410);
    expect(await expired.text()).not.toContain(reader.email);
  });

  it(`sends at most ${EXPORTS_PER_DAY} links a day, then says to use one of those (429)`, async () => {
    stack.clock.advance(86_400_000);
    for (let i = 0; i < EXPORTS_PER_DAY; i++) expect((await askFromPage(reader.id)).status).toBe(303);
    const refused = await askFromPage(reader.id);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBeTruthy();
    expect(await refused.text()).toContain('already emailed you a link to your data');
  });

  it('no longer opens once the reader is erased', async () => {
    await askFromPage(reader.id); // a fourth today: refused, the earlier links stay
    const link = linkIn((await exportMails(reader.email)).at(-1)!, '/export/');
    expect((await api(stack, `/readers/${reader.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await stack.app.request(link)).status).toBe(400);
  });
});

describe('a data export while a change asked for from a form waits for its confirmation', () => {
  it('includes what was typed there (the course asked for by a newsletter-only reader)', async () => {
    const r = await enrolAndConfirm(stack, { course: false, firstName: 'Noor', timezone: 'UTC' });
    stack.clock.advance(3_600_000); // past the re-send gap
    const asked = await stack.app.request('/api/enroll', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: r.email, firstName: 'Noor', situation: 'tumultuous', timezone: 'UTC', sendHour: 7, followUpConsent: true }),
    });
    expect(asked.status).toBe(202);
    await askFromPage(r.id);
    const doc = (await (await download((await exportMails(r.email)).at(-1)!)).json()) as Doc;
    expect(doc.profile.newsletterOnlyNoCourse).toBe(true);
    expect(doc.profile.waitingForConfirmation).toMatchObject({ course: { situation: 'tumultuous', sendHour: 7 } });
  });
});
