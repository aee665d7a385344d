import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { DevTools, Env } from '../app.js';
import { DAY, HOUR } from '../../core/clock.js';
import { advanceClock } from '../../local/advance.js';
import { receiveRaw } from '../../local/inbound.js';
import { SesEvent, handleSesEvent } from '../../core/feedback/ses-events.js';
import { parseOr400, readBody } from '../validate.js';
import { limitBody } from '../body-limit.js';
import { DomainError, Unavailable, badRequest, notFound } from '../../core/shared/errors.js';
import { INBOX_KINDS, inboxEmailPage, inboxPage } from '../pages/dev-inbox.js';

const Advance = z
  .object({
    days: z.number().min(0, 'must be 0 or more').max(3650, 'at most 3650').optional(),
    hours: z.number().min(0, 'must be 0 or more').max(87600, 'at most 87600').optional(),
  })
  .refine((v) => v.days !== undefined || v.hours !== undefined, { message: 'give days or hours', path: ['days'] });

const blankIsNone = (v: unknown) => (v === '' ? undefined : v);
const InboxQuery = z.object({
  to: z.preprocess(blankIsNone, z.string().max(320, 'at most 320 characters').optional()),
  kind: z.preprocess(blankIsNone, z.enum(INBOX_KINDS, { message: `must be one of ${INBOX_KINDS.join(', ')}` }).optional()),
  limit: z.preprocess(blankIsNone, z.coerce.number().int('must be a whole number').min(1, 'at least 1').max(1000, 'at most 1000').default(200)),
  format: z.preprocess(blankIsNone, z.enum(['html', 'json'], { message: 'must be html or json' }).optional()),
});
const MessageId = z.object({ id: z.string().regex(/^[\w.@-]{1,200}$/, 'is not an email id from the local inbox') });

/** The receipt's verdicts SES would give (spfVerdict, dkimVerdict, dmarcVerdict); without them the sender is unverified. */
const VERDICTS = ['PASS', 'FAIL', 'GRAY', 'PROCESSING_FAILED'] as const;
const verdict = z.preprocess(
  (v) => (v === '' || v === undefined ? undefined : typeof v === 'string' ? v.toUpperCase() : v),
  z.enum(VERDICTS, { message: `must be one of ${VERDICTS.join(', ')}` }).optional(),
);
const InboundQuery = z.object({ spf: verdict, dkim: verdict, dmarc: verdict });

/**
 * The emails' own HTML, shown on our origin: no scripts, no forms, nothing fetched but images, and
 * its links still work (a click opens them in the page or a new tab, as a mail client would).
 */
const EMAIL_CSP = "sandbox allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation; default-src 'none'; img-src data: http: https:; style-src 'unsafe-inline'; frame-ancestors 'self'";

/** Local mode only (never mounted in the Lambda build): the dev clock and the local inbox. */
export function devRoutes(tools: DevTools) {
  const dev = new Hono<Env>();
  dev.get('/clock', (c) => c.json({ now: tools.clock.now().toISOString() }));
  dev.post('/clock/advance', limitBody(), async (c) => {
    const { data } = await readBody(c);
    const v = parseOr400(Advance, data, 'clock advance');
    const ms = (v.days ?? 0) * DAY + (v.hours ?? 0) * HOUR;
    const report = await advanceClock(c.var.ctx, tools.clock, ms);
    await tools.sweepRawMail?.();
    return c.json(report);
  });
  // The inbound Lambda's local twin: a raw RFC 5322 message as the body.
  // SES accepts messages up to 40 MB; so does its local twin.
  // `?spf=&dkim=&dmarc=`: the receipt's verdicts, as the Lambda gets them from SES.
  dev.post('/inbound', bodyLimit({ maxSize: 40 * 1024 * 1024, onError: (c) => c.json({ error: 'Message larger than 40 MB', issues: [{ path: '(body)', message: 'too large' }] }, 413) }), async (c) => {
    const q = parseOr400(InboundQuery, c.req.query(), 'receipt verdicts');
    const raw = new Uint8Array(await c.req.arrayBuffer());
    if (!raw.byteLength) throw badRequest('Send the raw message (RFC 5322) as the body', [{ path: '(body)', message: 'is empty' }]);
    const verdicts = q.spf || q.dkim || q.dmarc ? { ...(q.spf ? { spf: q.spf } : {}), ...(q.dkim ? { dkim: q.dkim } : {}), ...(q.dmarc ? { dmarc: q.dmarc } : {}) } : undefined;
    return c.json(await receiveRaw(c.var.ctx, raw, verdicts), 202);
  });
  // The SES-events Lambda's local twin: one SES event object, as SES publishes it (Send, Delivery, Bounce, Complaint, ...).
  dev.post('/ses-event', async (c) => {
    const { data } = await readBody(c);
    const event = parseOr400(SesEvent, data, 'SES event');
    await handleSesEvent(c.var.ctx, event);
    return c.json({ handled: event.eventType ?? event.notificationType ?? null }, 202);
  });
  // The local inbox in app time: the SES emulator's own page shows the real time of arrival.
  const inbox = () => {
    if (!tools.inbox) throw notFound('This stack has no local inbox');
    return tools.inbox;
  };
  const found = async (id: string) => {
    const email = await inbox().get(parseOr400(MessageId, { id }, 'email id').id);
    if (!email) throw notFound('No email with that id in the local inbox (it keeps the newest 1,000 across restarts)');
    return email;
  };
  const unavailable = (e: unknown) => {
    if (e instanceof DomainError) throw e;
    throw new Unavailable(`The local SES emulator did not answer: ${(e as Error).message}`);
  };
  dev.get('/inbox', async (c) => {
    const q = parseOr400(InboxQuery, c.req.query(), 'inbox filter');
    const view = await inbox().list(q).catch(unavailable);
    const wantsJson = q.format === 'json' || (q.format === undefined && /application\/json/.test(c.req.header('accept') ?? '') && !/text\/html/.test(c.req.header('accept') ?? ''));
    if (wantsJson) {
      // The list without bodies; each email's page, HTML and text are one request away.
      const at = (id: string, part = '') => `/dev/inbox/${encodeURIComponent(id)}${part}`;
      const emails = view.emails.map(({ html: _h, text: _t, headers: _hs, ...e }) => ({ ...e, links: { page: at(e.id), html: at(e.id, '/html'), text: at(e.id, '/text') } }));
      return c.json({ ...view, emails });
    }
    return c.html(inboxPage(view, q, tools.clock.now()));
  });
  dev.get('/inbox/:id', async (c) => c.html(inboxEmailPage(await found(c.req.param('id')).catch(unavailable))));
  dev.get('/inbox/:id/html', async (c) => {
    const email = await found(c.req.param('id')).catch(unavailable);
    if (email.html === undefined) throw notFound('This email has no HTML part');
    return c.body(email.html, 200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': EMAIL_CSP });
  });
  dev.get('/inbox/:id/text', async (c) => {
    const email = await found(c.req.param('id')).catch(unavailable);
    if (email.text === undefined) throw notFound('This email has no text part');
    return c.body(email.text, 200, { 'content-type': 'text/plain; charset=utf-8' });
  });
  return dev;
}
