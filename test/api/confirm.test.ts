import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getReader } from '../../functions/core/db/readers.js';
import { getEmailOwner } from '../../functions/core/db/email-lookups.js';
import { sign } from '../../functions/core/links/tokens.js';
import { header, inbox, json, linkIn, testStack, validEnrolment, type TestStack } from '../helpers/stack.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await testStack();
});
afterAll(() => stack.close());

async function signUp(over: Record<string, unknown> = {}) {
  const body = validEnrolment(over);
  await stack.app.request('/api/enroll', json(body));
  const [mail] = await inbox(stack, body.email);
  const id = (await getEmailOwner(stack.ctx, body.email))!;
  return { body, id, link: linkIn(mail!, '/confirm?token=') };
}

describe('GET /confirm', () => {
  it('starts the course: active, track and start date recorded, the welcome sent at once', async () => {
    const { body, id, link } = await signUp({ situation: 'healthy', timezone: 'Australia/Sydney' });
    const res = await stack.app.request(link);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('re in, Robin.');
    const r = await getReader(stack.ctx, id);
    expect(r).toMatchObject({ status: 'active', track: 'healthy', enrolledOn: '2026-03-02', confirmedAt: '2026-03-02T09:00:00.000Z' });
    expect(r!.expiresAt).toBeUndefined();
    const mails = await inbox(stack, body.email);
    expect(mails.map((m) => header(m, 'X-Mend-Kind'))).toEqual(['confirmation', 'lesson']);
    expect(header(mails[1]!, 'X-Mend-Ref')).toBe('healthy/day-00');
  });

  it('is idempotent: a second click shows the same kind page and sends nothing more', async () => {
    const { body, id, link } = await signUp();
    await stack.app.request(link);
    const before = await getReader(stack.ctx, id);
    const again = await stack.app.request(link);
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('re in, Robin.');
    expect(await getReader(stack.ctx, id)).toEqual(before);
    expect(await inbox(stack, body.email)).toHaveLength(2);
  });

  it('does not confirm on a HEAD (link checkers): the person still has to click', async () => {
    const { body, id, link } = await signUp();
    const head = await stack.app.request(link, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect((await getReader(stack.ctx, id))!.status).toBe('pending');
    expect(await inbox(stack, body.email)).toHaveLength(1);
  });

  it('refuses a forged or altered token with a clear page and changes nothing', async () => {
    const { id, link } = await signUp();
    const token = link.split('token=')[1]!;
    const forged = sign('not-the-secret', 'confirm', id, new Date('2030-01-01'));
    const [body, sig] = token.split('.');
    const altered = `${body!.slice(0, -2)}xx.${sig}`;
    for (const t of [forged, altered, 'garbage', '']) {
      const res = await stack.app.request(`/confirm?token=${t}`);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('This link does not work');
    }
    expect((await getReader(stack.ctx, id))!.status).toBe('pending');
  });

  it('refuses a token made for another purpose', async () => {
    const { id } = await signUp();
    const prefs = sign('test-signing-secret', 'prefs', id, new Date('2030-01-01'));
    const res = await stack.app.request(`/confirm?token=${prefs}`);
    expect(res.status).toBe(400);
    expect((await getReader(stack.ctx, id))!.status).toBe('pending');
  });

  it('shows an expired page after seven days and changes nothing', async () => {
    const { id, link } = await signUp();
    stack.clock.advance(7 * 86_400_000 + 1000);
    const res = await stack.app.request(link);
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('expired');
    const r = await getReader(stack.ctx, id);
    expect(r?.status ?? 'gone').not.toBe('active');
  });
});

describe('GET /confirm for a newsletter-only sign-up', () => {
  it('says the newsletter comes and no lessons do; a second click says it was done before, not that a course runs', async () => {
    const { body, link } = await signUp({ course: false, situation: undefined, newsletter: true });
    const first = await (await stack.app.request(link)).text();
    expect(first).toContain('The newsletter will come to this address when the next issue goes out');
    expect(first).toContain('no lessons come');
    expect(first).not.toContain('first lesson');
    const again = await stack.app.request(link);
    expect(again.status).toBe(200);
    const text = await again.text();
    expect(text).toContain('You confirmed this address before');
    expect(text).not.toContain('course is already running');
    expect(text).not.toContain('lesson');
    expect((await inbox(stack, body.email)).map((m) => header(m, 'X-Mend-Kind'))).toEqual(['confirmation']);
  });

  it('says so when the newsletter has been switched off since', async () => {
    const { body, link } = await signUp({ course: false, situation: undefined, newsletter: true });
    await stack.app.request(link);
    const prefs = linkIn((await inbox(stack, body.email))[0]!, '/me/');
    await stack.app.request(prefs, json({ action: 'newsletter-off' }));
    const text = await (await stack.app.request(link)).text();
    expect(text).toContain('the newsletter is switched off for it now, so nothing is sent');
  });
});

describe('GET /confirm with a join link (a known reader asked for more)', () => {
  it('refuses, with a page saying why, a join link a newer request replaced; the newer one works', async () => {
    const { body, link } = await signUp({ course: false, situation: undefined, newsletter: true });
    await stack.app.request(link);
    const ask = () => stack.app.request('/api/enroll', json(validEnrolment({ email: body.email })));
    stack.clock.advance(11 * 60_000);
    await ask();
    const older = linkIn((await inbox(stack, body.email)).at(-1)!, '/confirm?token=');
    stack.clock.advance(11 * 60_000);
    await ask();
    const newer = linkIn((await inbox(stack, body.email)).at(-1)!, '/confirm?token=');
    const stale = await stack.app.request(older);
    expect(stale.status).toBe(410);
    expect(await stale.text()).toContain('A newer request for this address replaced it, so it changes nothing');
    const ok = await stack.app.request(newer);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('Your course has started, Robin.');
  });
});
