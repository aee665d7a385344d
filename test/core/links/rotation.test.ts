import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { acceptedSecrets, parsePreviousSecret } from '../../../functions/core/links/rotation.js';
import { verify } from '../../../functions/core/links/tokens.js';
import { localSecrets } from '../../../functions/local/secrets.js';
import { advanceDays, received } from '../../helpers/course.js';
import { plain } from '../../helpers/mail.js';
import { enrolAndConfirm, inbox, json, linkIn, testStack, validEnrolment, type TestStack } from '../../helpers/stack.js';

/**
 * Issue 14: rotating the signing secret. A new secret signs from now on; links and reply addresses
 * signed with the previous one keep working for the grace period (30 days), then stop.
 */
const OLD = 'the-old-signing-secret-at-least-32-characters';
const NEW = 'the-new-signing-secret-at-least-32-characters';

let stack: TestStack;
beforeAll(async () => {
  stack = await testStack({ now: '2026-03-02T06:00:00Z', secrets: { signingSecret: OLD, adminToken: 'test-admin-token' } });
});
afterAll(() => stack.close());

const rotate = () => {
  stack.ctx.secrets = { ...stack.ctx.secrets, signingSecret: NEW, previousSigningSecret: { value: OLD, rotatedAt: stack.clock.now().toISOString() } };
};

describe('a signing-secret rotation', () => {
  let reader: { id: string; email: string };
  let oldPrefs: string;
  let oldUnsub: string;
  let oldReplyTo: string;
  let pendingConfirm: string;
  let pendingEmail: string;

  beforeAll(async () => {
    const r = await enrolAndConfirm(stack, { timezone: 'UTC', sendHour: 9 });
    reader = { id: r.id, email: r.email };
    const [welcome] = await received(stack, r.email, ['lesson']);
    oldPrefs = linkIn(welcome!.mail, '/me/');
    oldUnsub = linkIn(welcome!.mail, '/unsubscribe/');
    oldReplyTo = welcome!.mail.replyTo[0]!;
    const pending = validEnrolment();
    pendingEmail = pending.email as string;
    await stack.app.request('/api/enroll', json(pending));
    pendingConfirm = linkIn((await inbox(stack, pendingEmail))[0]!, '/confirm?token=');
    rotate();
  });

  let newPrefs: string;

  it('signs everything new with the new secret', async () => {
    await advanceDays(stack, 2);
    const latest = (await received(stack, reader.email, ['lesson'])).at(-1)!;
    expect(latest.ref).not.toBe('tumultuous/day-00');
    newPrefs = linkIn(latest.mail, '/me/');
    const prefs = newPrefs.slice('/me/'.length);
    expect(verify(NEW, prefs, 'prefs', stack.clock.now()).ok).toBe(true);
    expect(verify(OLD, prefs, 'prefs', stack.clock.now()).ok).toBe(false);
  });

  it('keeps links and reply addresses signed with the previous secret working during the grace period', async () => {
    expect(acceptedSecrets(stack.ctx)).toEqual([NEW, OLD]);
    const page = await stack.app.request(oldPrefs);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Your preferences');
    expect((await stack.app.request(oldUnsub)).status).toBe(200);
    // A sign-up's confirmation link from before the rotation still confirms.
    expect((await stack.app.request(pendingConfirm)).status).toBe(200);
    // A reply to an old email is still matched by its signed reply address (not just by the sender).
    const res = await stack.app.request('/dev/inbound', { method: 'POST', body: plain({ from: 'someone.else@example.com', to: oldReplyTo }, 'Still here, day two.'), headers: { 'content-type': 'message/rfc822' } });
    expect(await res.json()).toMatchObject({ status: 'logged', readerId: reader.id });
  });

  it('stops them once the grace period is over: a kind page, nothing changed', async () => {
    stack.clock.advance(30 * 86_400_000);
    expect(acceptedSecrets(stack.ctx)).toEqual([NEW]);
    const page = await stack.app.request(oldPrefs);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('This link');
    const unsub = await stack.app.request(oldUnsub, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(unsub.status).toBe(400);
    const res = await stack.app.request('/dev/inbound', { method: 'POST', body: plain({ from: 'someone.else@example.com', to: oldReplyTo }, 'Hello again.'), headers: { 'content-type': 'message/rfc822' } });
    expect(await res.json()).toMatchObject({ status: 'unmatched' });
    // Links from emails sent since the rotation keep working.
    expect((await stack.app.request(newPrefs)).status).toBe(200);
  });
});

describe('the previous secret as configured', () => {
  it('is "<rotation date> <secret>", or "none"', () => {
    expect(parsePreviousSecret('none', 'X')).toBeUndefined();
    expect(parsePreviousSecret('', 'X')).toBeUndefined();
    expect(parsePreviousSecret(`2027-01-15T00:00:00Z ${OLD}`, 'X')).toEqual({ value: OLD, rotatedAt: '2027-01-15T00:00:00.000Z' });
    expect(parsePreviousSecret(`2027-01-15 ${OLD}`, 'X')).toEqual({ value: OLD, rotatedAt: '2027-01-15T00:00:00.000Z' });
  });

  it.each([
    [OLD, /must be "<rotation date/],
    [`yesterday ${OLD}`, /is not an ISO 8601 date/],
    ['2027-01-15T00:00:00Z short', /at least 32 characters/],
  ])('refuses %s, naming the setting', (raw, message) => {
    expect(() => parsePreviousSecret(raw, 'SigningSecretPrevious')).toThrow(message);
    expect(() => parsePreviousSecret(raw, 'SigningSecretPrevious')).toThrow(/^SigningSecretPrevious/);
  });

  it('is read locally from SIGNING_SECRET_PREVIOUS', () => {
    vi.stubEnv('SIGNING_SECRET_PREVIOUS', `2027-02-01T00:00:00Z ${OLD}`);
    try {
      expect(localSecrets(null).previousSigningSecret).toEqual({ value: OLD, rotatedAt: '2027-02-01T00:00:00.000Z' });
    } finally {
      vi.unstubAllEnvs();
    }
    expect(localSecrets(null).previousSigningSecret).toBeUndefined();
  });
});
