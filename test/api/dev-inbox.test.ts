import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app.js';
import { advanceDays } from '../helpers/course.js';
import { enrolAndConfirm, header, inbox, testStack, type TestStack } from '../helpers/stack.js';

interface Listed {
  id: string;
  sentAt: string;
  receivedAt: string;
  kind: string;
  ref: string;
  to: string[];
  replyTo: string[];
  subject: string;
  links: { page: string; html: string; text: string };
}

let stack: TestStack;
let reader: { id: string; email: string };
let other: { email: string };
beforeAll(async () => {
  // App time months away from real time, as after moving the dev clock.
  stack = await testStack({ now: '2026-03-02T09:00:00Z' });
  reader = await enrolAndConfirm(stack, { sendHour: 8, timezone: 'Europe/London' });
  other = await enrolAndConfirm(stack, { sendHour: 19, timezone: 'Europe/London' });
  await advanceDays(stack, 3);
});
afterAll(() => stack.close());

const list = async (query: string) => {
  const res = await stack.app.request(`/dev/inbox?format=json&${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as { emails: Listed[]; matching: number; total: number };
};

describe('GET /dev/inbox', () => {
  it('lists one reader\'s emails in app time, newest first', async () => {
    const { emails, matching } = await list(`to=${encodeURIComponent(reader.email)}`);
    const sent = await inbox(stack, reader.email);
    expect(matching).toBe(sent.length);
    expect(emails.every((e) => e.to.includes(reader.email))).toBe(true);
    // Confirmation, welcome, then a lesson at 08:00 London on each of the next three days.
    expect(emails.map((e) => e.kind)).toEqual(['lesson', 'lesson', 'lesson', 'lesson', 'confirmation']);
    expect(emails.slice(0, 3).map((e) => e.sentAt)).toEqual(['2026-03-05T08:00:00.000Z', '2026-03-04T08:00:00.000Z', '2026-03-03T08:00:00.000Z']);
    for (const e of emails) {
      const mail = sent.find((m) => m.messageId === e.id)!;
      expect(e.sentAt).toBe(new Date(header(mail, 'X-Mend-Sent-At')!).toISOString());
      expect(e.ref).toBe(header(mail, 'X-Mend-Ref'));
      // The emulator's own stamp is real time, not app time.
      expect(e.receivedAt).not.toBe(e.sentAt);
    }
    expect(emails[0]!.replyTo[0]).toMatch(/^reply\+.+@reply\.mend\.localhost$/);
  });

  it('filters by part of the recipient, in any case, and by kind', async () => {
    const part = other.email.split('@')[0]!.toUpperCase();
    const { emails } = await list(`to=${encodeURIComponent(part)}&kind=lesson`);
    const lessons = (await inbox(stack, other.email)).filter((m) => header(m, 'X-Mend-Kind') === 'lesson');
    expect(lessons.length).toBeGreaterThan(1);
    expect(emails.length).toBe(lessons.length);
    expect(emails.every((e) => e.to.includes(other.email) && e.kind === 'lesson')).toBe(true);
    expect((await list('to=nobody-at-all.example')).emails).toEqual([]);
  });

  it('serves a page with app times, kinds, recipients and subjects, newest first', async () => {
    const res = await stack.app.request(`/dev/inbox?to=${encodeURIComponent(reader.email)}`);
    expect(res.status).toBe(200);
    const page = await res.text();
    const { emails } = await list(`to=${encodeURIComponent(reader.email)}`);
    expect(page).toContain('2026-03-05 08:00 UTC');
    expect(page.indexOf('2026-03-05 08:00 UTC')).toBeLessThan(page.indexOf('2026-03-03 08:00 UTC'));
    for (const e of emails) {
      expect(page).toContain(`href="/dev/inbox/${e.id}"`);
      expect(page).toContain(`href="/dev/inbox/${e.id}/html"`);
      expect(page).toContain(`href="/dev/inbox/${e.id}/text"`);
    }
    expect(page).toContain(`value="${reader.email}"`);
  });

  it('opens each email\'s HTML and text one click away', async () => {
    const [latest] = (await list(`to=${encodeURIComponent(reader.email)}`)).emails;
    const mail = (await inbox(stack, reader.email)).find((m) => m.messageId === latest!.id)!;
    const htmlRes = await stack.app.request(latest!.links.html);
    expect(htmlRes.status).toBe(200);
    expect(htmlRes.headers.get('content-type')).toMatch(/^text\/html/);
    // The email's own markup runs no script on our origin.
    expect(htmlRes.headers.get('content-security-policy')).toMatch(/^sandbox/);
    expect(await htmlRes.text()).toBe(mail.body.html);
    const textRes = await stack.app.request(latest!.links.text);
    expect(textRes.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await textRes.text()).toBe(mail.body.text);
    const detail = await (await stack.app.request(latest!.links.page)).text();
    expect(detail).toContain('2026-03-05 08:00 UTC');
    expect(detail).toContain(latest!.replyTo[0]);
    expect(detail).toContain(`<iframe class="mail" title="The email as HTML" src="/dev/inbox/${latest!.id}/html" sandbox=`);
  });

  it('escapes what it shows', async () => {
    const res = await stack.app.request(`/dev/inbox?to=${encodeURIComponent('"><script>alert(1)</script>')}`);
    const page = await res.text();
    expect(page).not.toContain('<script>alert(1)');
    expect(page).toContain('&quot;&gt;&lt;script&gt;');
  });

  it('answers a bad filter or an unknown email with a 4xx naming the problem', async () => {
    const bad = await stack.app.request('/dev/inbox?kind=spam&limit=0');
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { issues: { path: string }[] };
    expect(body.issues.map((i) => i.path).sort()).toEqual(['kind', 'limit']);
    const unknown = await stack.app.request('/dev/inbox/ses-000-not-there');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: string }).error).toMatch(/No email with that id/);
    expect((await stack.app.request('/dev/inbox/%3Cnope%3E/html')).status).toBe(400);
  });

  it('does not exist in the Lambda build', async () => {
    const lambdaApp = createApp(stack.ctx, { dev: false });
    expect((await lambdaApp.request('/dev/inbox')).status).toBe(404);
  });
});
