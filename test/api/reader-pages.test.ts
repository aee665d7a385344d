import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEmailOwner } from '../../functions/core/db/email-lookups.js';
import { getReader } from '../../functions/core/db/readers.js';
import { mutateReader } from '../../functions/core/readers/store.js';
import { advanceDays, received } from '../helpers/course.js';
import { linksIn } from '../helpers/links.js';
import { enrolAndConfirm, header, inbox, json, linkIn, testStack, uniqueEmail, validEnrolment, type TestStack } from '../helpers/stack.js';

/** Issue 11 points 16-18: the reader pages, as a reader uses them. */
let stack: TestStack;
beforeAll(async () => {
  stack = await testStack({ now: '2026-04-06T06:00:00Z' });
});
afterAll(() => stack.close());

const form = (path: string, fields: Record<string, string>) =>
  stack.app.request(path, { method: 'POST', body: new URLSearchParams(fields), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
const prefsOf = async (email: string) => linkIn((await received(stack, email, ['lesson']))[0]!.mail, '/me/');
/** What a browser would submit for a <select>: the selected option, else the first. */
const submitted = (page: string, name: string) => {
  const select = new RegExp(`<select id="${name}" name="${name}">([\\s\\S]*?)</select>`).exec(page)![1]!;
  const options = [...select.matchAll(/<option value="([^"]*)"\s*(selected)?/g)];
  return (options.find((o) => o[2]) ?? options[0]!)[1]!;
};
const options = (page: string, name: string) =>
  [...new RegExp(`<select id="${name}" name="${name}">([\\s\\S]*?)</select>`).exec(page)![1]!.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]!);

describe('16. the preferences page never moves a reader to another time zone', () => {
  it.each([['Asia/Kolkata'], ['UTC'], ['America/Argentina/Buenos_Aires']])('selects %s, and saving only the hour keeps it', async (zone) => {
    const r = await enrolAndConfirm(stack, { timezone: zone, sendHour: 8 });
    expect((await getReader(stack.ctx, r.id))!.timezone).toBe(zone);
    const prefs = await prefsOf(r.email);
    const page = await (await stack.app.request(prefs)).text();
    expect(submitted(page, 'timezone')).toBe(zone);
    expect(submitted(page, 'sendHour')).toBe('8');
    const res = await form(prefs, { action: 'schedule', sendHour: '20', timezone: submitted(page, 'timezone') });
    expect(res.status).toBe(303);
    expect(await getReader(stack.ctx, r.id)).toMatchObject({ timezone: zone, sendHour: 20 });
  });

  it('lists every zone Intl knows by its current name, UTC included, and keeps a reader stored under a legacy name where they are', async () => {
    const r = await enrolAndConfirm(stack, { timezone: 'Asia/Calcutta', sendHour: 7 });
    expect((await getReader(stack.ctx, r.id))!.timezone).toBe('Asia/Kolkata'); // stored by its current name
    // A reader saved before names were canonical (a stand-in for an older record).
    await mutateReader(stack.ctx, r.id, (x) => ({ ...x, timezone: 'Asia/Calcutta' }));
    const prefs = await prefsOf(r.email);
    const page = await (await stack.app.request(prefs)).text();
    const zones = options(page, 'timezone');
    expect(zones).toContain('UTC');
    expect(zones).toContain('Asia/Kolkata');
    expect(zones).toContain('Europe/Kyiv');
    expect(zones).not.toContain('Asia/Calcutta');
    expect(zones).not.toContain('Europe/Kiev');
    expect(zones.length).toBeGreaterThanOrEqual(Intl.supportedValuesOf('timeZone').length - 30);
    expect(submitted(page, 'timezone')).toBe('Asia/Kolkata');
    await form(prefs, { action: 'schedule', sendHour: '9', timezone: submitted(page, 'timezone') });
    expect(await getReader(stack.ctx, r.id)).toMatchObject({ timezone: 'Asia/Calcutta', sendHour: 9 }); // the same zone: untouched
  });

  it('the sign-up page lists UTC and pre-selects it without JavaScript, never the first zone of the list', async () => {
    const page = await (await stack.app.request('/')).text();
    expect(options(page, 'timezone')).toContain('UTC');
    expect(submitted(page, 'timezone')).toBe('UTC');
    expect(page).toContain('"Asia/Calcutta":"Asia/Kolkata"'); // the browser's legacy name maps to the listed one
  });
});

describe('17. sign-up errors speak the page\'s language', () => {
  it('names each problem in a sentence, without codes', async () => {
    const res = await form('/api/enroll', { email: '', firstName: 'Lee', situation: 'complicated', timezone: 'UTC', sendHour: '8' });
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('Please enter your email address.');
    expect(page).toContain('Please choose one of the three situations: the one closest to yours.');
    expect(page).not.toMatch(/tumultuous, healthy|Email: is required|is required/);
    expect(page).toContain('Please check a few things:');
  });

  it('the check-in answer page keeps the answer\'s capital letters', async () => {
    const r = await enrolAndConfirm(stack, { timezone: 'UTC', sendHour: 9, followUpConsent: true, situation: 'stress' });
    await advanceDays(stack, 34);
    const [checkin] = await received(stack, r.email, ['checkin']);
    const moved = linksIn(checkin!.mail, '/outcome/').find((l) => JSON.parse(Buffer.from(l.split('/')[2]!.split('.')[0]!, 'base64url').toString()).o === 'moved-on')!;
    const page = await (await stack.app.request(moved)).text();
    expect(page).toContain('Noted: “I&#39;ve moved on, and I&#39;m okay on my own”.');
    expect(page).not.toContain('i&#39;ve');
  });
});

describe('18. leaving and coming back', () => {
  it('an unsubscribed reader who signs up again gets a fresh double opt-in, and the course starts again at once', async () => {
    const body = validEnrolment({ email: uniqueEmail('back'), timezone: 'UTC', sendHour: 9 });
    const r = await enrolAndConfirm(stack, body);
    await advanceDays(stack, 3);
    const unsub = linkIn((await received(stack, r.email, ['lesson'])).at(-1)!.mail, '/unsubscribe/');
    await form(unsub, { confirm: 'yes' });
    expect((await getReader(stack.ctx, r.id))!.status).toBe('unsubscribed');
    const before = (await inbox(stack, r.email)).length;
    const res = await stack.app.request('/api/enroll', json({ ...body, situation: 'healthy' }));
    expect(res.status).toBe(202);
    const mails = await inbox(stack, r.email);
    expect(mails).toHaveLength(before + 1);
    expect(header(mails.at(-1)!, 'X-Mend-Kind')).toBe('confirmation');
    const page = await (await stack.app.request(linkIn(mails.at(-1)!, '/confirm?token='))).text();
    expect(page).toContain('Your first lesson is on its way');
    const after = await received(stack, r.email, ['lesson']);
    expect(after.at(-1)!.ref).toBe('healthy/day-00'); // the welcome of the course they chose, at once
    expect((await getReader(stack.ctx, r.id))!.status).toBe('active');
  });

  it('the preferences page of an unsubscribed reader offers to come back, with a fresh confirmation', async () => {
    const r = await enrolAndConfirm(stack, { timezone: 'UTC', sendHour: 9 });
    const prefs = await prefsOf(r.email);
    await form(prefs, { action: 'unsubscribe' });
    const page = await (await stack.app.request(prefs)).text();
    expect(page).toContain('Come back');
    expect(page).toContain('value="resubscribe"');
    const before = (await inbox(stack, r.email)).length;
    stack.clock.advance(11 * 60_000); // past the re-send gap since the first confirmation
    const res = await form(prefs, { action: 'resubscribe' });
    expect(res.status).toBe(303);
    const flash = await (await stack.app.request(res.headers.get('location')!)).text();
    expect(flash).toContain('a link to start again is on its way');
    const mails = await inbox(stack, r.email);
    expect(mails).toHaveLength(before + 1);
    expect(header(mails.at(-1)!, 'X-Mend-Kind')).toBe('confirmation');
    expect((await getReader(stack.ctx, r.id))!.status).toBe('unsubscribed'); // until they click
  });

  it('a repeat confirm click says the course is already running', async () => {
    const body = validEnrolment({ timezone: 'UTC' });
    await stack.app.request('/api/enroll', json(body));
    const link = linkIn((await inbox(stack, body.email as string))[0]!, '/confirm?token=');
    await stack.app.request(link);
    const again = await (await stack.app.request(link)).text();
    expect(again).toContain('Your course is already running');
    expect(again).not.toContain('on its way');
    expect(await getEmailOwner(stack.ctx, body.email as string)).toBeTruthy();
  });
});
