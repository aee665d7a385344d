import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getReader } from '../../functions/core/db/readers.js';
import { getEmailOwner } from '../../functions/core/db/email-lookups.js';
import type { FaultProxy } from '../../functions/local/faults.js';
import { header, inbox, json, linkIn, sesFaultyStack, testStack, uniqueEmail, validEnrolment, type TestStack } from '../helpers/stack.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await testStack();
});
afterAll(() => stack.close());

const enrol = (body: unknown) => stack.app.request('/api/enroll', json(body));

describe('POST /api/enroll', () => {
  it('answers 202 and emails a signed confirmation link with the Mend headers', async () => {
    const body = validEnrolment();
    const res = await enrol(body);
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ status: 'pending' });
    const mails = await inbox(stack, body.email);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(header(mail!, 'X-Mend-Kind')).toBe('confirmation');
    expect(header(mail!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(header(mail!, 'List-Unsubscribe')).toMatch(/^<http:\/\/localhost:\d+\/unsubscribe\/[^>]+>, <mailto:unsubscribe\+/);
    expect(linkIn(mail!, '/confirm?token=')).toMatch(/^\/confirm\?token=[\w-]+\.[\w-]+$/);
    expect(mail!.body.html).toContain('Robin');
  });

  it('records a pending reader with the choices made', async () => {
    const body = validEnrolment({ situation: 'healthy', timezone: 'America/New_York', sendHour: 20, followUpConsent: false });
    await enrol(body);
    const id = await getEmailOwner(stack.ctx, body.email);
    const r = await getReader(stack.ctx, id!);
    expect(r).toMatchObject({ status: 'pending', situation: 'healthy', track: 'healthy', timezone: 'America/New_York', sendHour: 20, followUpConsent: false });
    expect(r!.expiresAt).toBe(Math.floor(Date.parse('2026-03-09T09:00:00Z') / 1000));
  });

  it('normalises the address: trims, lower-cases the domain, keeps the +tag and local case', async () => {
    const local = `Mixed.Case+tag.${Date.now()}`;
    await enrol(validEnrolment({ email: `  ${local}@Example.ORG ` }));
    expect(await getEmailOwner(stack.ctx, `${local}@example.org`)).toBeTruthy();
  });

  it.each([
    ['email', { email: 'not-an-address' }],
    ['email', { email: '' }],
    ['firstName', { firstName: '' }],
    ['firstName', { firstName: 'x'.repeat(61) }],
    ['situation', { situation: 'complicated' }],
    ['timezone', { timezone: 'Mars/Olympus_Mons' }],
    ['sendHour', { sendHour: 24 }],
    ['sendHour', { sendHour: -1 }],
    ['sendHour', { sendHour: 7.5 }],
    ['followUpConsent', { followUpConsent: 'perhaps' }],
  ])('rejects a bad %s with a 400 naming the field', async (field, over) => {
    const body = validEnrolment(over);
    const res = await enrol(body);
    expect(res.status).toBe(400);
    const out = (await res.json()) as { error: string; issues: { path: string; message: string }[] };
    expect(out.error).toBeTruthy();
    expect(out.issues.map((i) => i.path)).toContain(field);
    expect(await inbox(stack, String(body.email))).toHaveLength(0);
  });

  it('names every bad field at once, and a missing body field too', async () => {
    const res = await enrol({ email: 'nope', sendHour: 99 });
    const out = (await res.json()) as { issues: { path: string }[] };
    expect(out.issues.map((i) => i.path).sort()).toEqual(['email', 'firstName', 'sendHour', 'situation', 'timezone']);
  });

  it('rejects a body that is not JSON with a 400, not a 500', async () => {
    const res = await stack.app.request('/api/enroll', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{oops' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ issues: [{ path: '(body)' }] });
  });

  it('answers a known address exactly like a new one, and re-sends a pending confirmation once the gap has passed', async () => {
    const body = validEnrolment();
    const first = await enrol(body);
    const again = await enrol(body);
    expect(again.status).toBe(first.status);
    expect(await again.json()).toEqual(await first.clone().json().catch(() => ({ status: 'pending', message: 'If this address can join, a confirmation email is on its way.' })));
    expect(await inbox(stack, body.email)).toHaveLength(1); // rate-limited: within 10 minutes
    stack.clock.advance(11 * 60_000);
    await enrol({ ...body, situation: 'stress' });
    const mails = await inbox(stack, body.email);
    expect(mails).toHaveLength(2);
    const r = await getReader(stack.ctx, (await getEmailOwner(stack.ctx, body.email))!);
    expect(r!.situation).toBe('stress'); // the newer choice wins while pending
  });

  it('never re-enrols an active reader or emails them a second confirmation', async () => {
    const body = validEnrolment();
    await enrol(body);
    const [mail] = await inbox(stack, body.email);
    await stack.app.request(linkIn(mail!, '/confirm?token='));
    const before = (await inbox(stack, body.email)).length;
    stack.clock.advance(60 * 60_000);
    const res = await enrol({ ...body, situation: 'healthy' });
    expect(res.status).toBe(202);
    expect((await inbox(stack, body.email)).length).toBe(before);
    const r = await getReader(stack.ctx, (await getEmailOwner(stack.ctx, body.email))!);
    expect(r).toMatchObject({ status: 'active', situation: 'tumultuous' });
  });

  it('accepts a form post and answers with a page; a bad form comes back with the messages and the values kept', async () => {
    const email = uniqueEmail('form');
    const form = new URLSearchParams({ email, firstName: 'Lee', situation: 'stress', timezone: 'Asia/Tokyo', sendHour: '7', followUpConsent: 'on' });
    const ok = await stack.app.request('/api/enroll', { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(ok.status).toBe(202);
    expect(await ok.text()).toContain('Check your inbox');
    const r = await getReader(stack.ctx, (await getEmailOwner(stack.ctx, email))!);
    expect(r).toMatchObject({ followUpConsent: true, sendHour: 7, timezone: 'Asia/Tokyo' });

    const bad = new URLSearchParams({ email: 'oops', firstName: 'Lee', timezone: 'Asia/Tokyo', sendHour: '7' });
    const res = await stack.app.request('/api/enroll', { method: 'POST', body: bad, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('is not a valid email address');
    expect(page).toContain('choose one of');
    expect(page).toContain('value="oops"');
  });

  it('expires an unconfirmed sign-up after seven days and frees the address', async () => {
    const body = validEnrolment();
    await enrol(body);
    const id = (await getEmailOwner(stack.ctx, body.email))!;
    stack.clock.advance(7 * 86_400_000 + 60_000);
    const { runDispatch } = await import('../../functions/core/dispatch/run.js');
    await runDispatch(stack.ctx);
    expect(await getReader(stack.ctx, id)).toBeNull();
    expect(await getEmailOwner(stack.ctx, body.email)).toBeNull();
  });

  it('answers 503 when SES is down, keeps the sign-up, and lets the next try send at once', async () => {
    const body = validEnrolment();
    const real = stack.ctx.ses.send.bind(stack.ctx.ses);
    // A stand-in only for an SES outage, which the emulator cannot produce.
    stack.ctx.ses.send = (async () => {
      throw Object.assign(new Error('Service unavailable'), { name: 'ServiceUnavailable', $metadata: { httpStatusCode: 503 } });
    }) as typeof stack.ctx.ses.send;
    const res = await enrol(body);
    stack.ctx.ses.send = real;
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: string }).error).toContain('try again');
    expect(await getEmailOwner(stack.ctx, body.email)).toBeTruthy();
    expect((await enrol(body)).status).toBe(202);
    expect(await inbox(stack, body.email)).toHaveLength(1);
  });
});

describe('POST /api/enroll when SES takes the confirmation and its answer is lost', () => {
  let ses: FaultProxy;
  let lossy: TestStack;
  beforeEach(async () => {
    ({ stack: lossy, ses } = await sesFaultyStack());
  });
  const lost = async (init: RequestInit) => {
    ses.faults.dropAfterAccept = 1;
    try {
      return await lossy.app.request('/api/enroll', init);
    } finally {
      ses.faults.dropAfterAccept = 0;
    }
  };

  it('says the email may be on its way, keeps its link working, and sends no second copy for ten minutes', async () => {
    const body = validEnrolment();
    const res = await lost(json(body));
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('600');
    expect(((await res.json()) as { error: string }).error).toMatch(/did not hear back that it went\. Please look in your inbox/);
    // It did go, and its link confirms.
    const [mail] = await inbox(lossy, body.email);
    expect(mail).toBeDefined();
    // Sent again at once, the form sends nothing more (the stamp holds the next copy back).
    expect((await lossy.app.request('/api/enroll', json(body))).status).toBe(202);
    expect(await inbox(lossy, body.email)).toHaveLength(1);
    expect((await lossy.app.request(linkIn(mail!, '/confirm?token='))).status).toBe(200);
    const id = (await getEmailOwner(lossy.ctx, body.email))!;
    expect((await getReader(lossy.ctx, id))!.status).toBe('active');
  });

  it('tells the person at the form on a page to look in their inbox first', async () => {
    const body = Object.fromEntries(Object.entries(validEnrolment()).map(([k, v]) => [k, String(v)]));
    const res = await lost({ method: 'POST', body: new URLSearchParams(body), headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' } });
    expect(res.status).toBe(503);
    const page = await res.text();
    expect(page).toContain('Your confirmation email may be on its way');
    expect(page).toContain('your spam folder');
    expect(await inbox(lossy, body.email!)).toHaveLength(1);
  });
});
