import { Hono, type Context } from 'hono';
import type { Env } from '../../../app.js';
import { DeliveryFilter, IssueEdit, IssueInput, TestSendInput } from '../../../../core/newsletters/schemas.js';
import { Segment } from '../../../../core/newsletters/segment-schema.js';
import { parseOr400 } from '../../../validate.js';
import { csvResponse } from '../csv.js';
import { backTo, flash, readForm } from './form.js';

/**
 * /admin/newsletters: the same use-cases as the API, from plain forms. The previews are documents of
 * their own (the email's HTML under a policy that runs nothing), framed by the issue's page.
 */
export const newsletterPages = new Hono<Env>().basePath('/admin/newsletters');
// Loaded on first use and called with the dashboard's own context (its ctx, session, nonce) and
// its error pages: an error here goes to the dashboard's one error mapping.
newsletterPages.use('*', async (c, next) => {
  for (const [k, v] of Object.entries((c.env as unknown as { vars: Env['Variables'] }).vars)) c.set(k as keyof Env['Variables'], v as never);
  await next();
});
newsletterPages.onError((e) => {
  throw e;
});

// (This module itself is loaded on first use: see ../../../newsletters-lazy.ts.)
import * as composeModule from '../../../../core/newsletters/compose.js';
import * as broadcastModule from '../../../../core/newsletters/broadcast.js';
import * as adminModule from '../../../../core/newsletters/admin.js';
import * as pagesModule from '../../../pages/admin/newsletters.js';
const compose = async () => composeModule;
const broadcast = async () => broadcastModule;
const admin = async () => adminModule;
const pages = async () => pagesModule;

const EMAIL_CSP = "sandbox; default-src 'none'; img-src data: http: https:; style-src 'unsafe-inline'; frame-ancestors 'self'";
const framed = (c: { header: (k: string, v: string) => void }) => {
  c.header('Content-Security-Policy', EMAIL_CSP);
  c.header('X-Frame-Options', 'SAMEORIGIN');
};

type Form = Record<string, string | string[]>;
const one = (f: Form, k: string) => (typeof f[k] === 'string' ? (f[k] as string) : undefined);
const checked = (f: Form, k: string) => one(f, k) === 'on' || one(f, k) === 'true';

/** The segment fields of the send form (empty fields left out; checkboxes one value or many). */
function segmentOf(f: Form): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ['situation', 'track', 'status', 'outcome']) if (f[k] !== undefined && f[k] !== '') out[k] = f[k];
  for (const k of ['courseDayMin', 'courseDayMax', 'enrolledFrom', 'enrolledTo', 'repliedWithinDays']) {
    const v = one(f, k)?.trim();
    if (v) out[k] = v;
  }
  return out;
}

/** A datetime-local field is the author's UTC wall time, minutes only. */
const atOf = (v: string | undefined) => (v?.trim() ? (/Z$|[+-]\d\d:\d\d$/.test(v) ? v : `${v.length === 16 ? `${v}:00` : v}Z`) : undefined);

newsletterPages.get('/', async (c) => c.html((await pages()).newslettersPage(await (await compose()).newsletterList(c.var.ctx), c.var.ctx.config.authorName, flash(c))));

newsletterPages.post('/', async (c) => {
  const f = await readForm(c);
  const issue = await (await compose()).createNewsletter(c.var.ctx, parseOr400(IssueInput, { subject: one(f, 'subject'), previewText: one(f, 'previewText') ?? '', markdown: one(f, 'markdown') }, 'newsletter issue'));
  return c.redirect(`/admin/newsletters/${issue.id}?done=saved`, 303);
});

// The live preview: the editor's fields, rendered as the email (or its text) into a frame.
newsletterPages.post('/preview', async (c) => {
  const f = await readForm(c);
  const p = await (await compose()).previewOf(c.var.ctx, { subject: one(f, 'subject') || '(no subject)', previewText: one(f, 'previewText') ?? '', markdown: one(f, 'markdown') ?? '' });
  framed(c);
  return c.req.query('format') === 'text' ? c.text(p.text) : c.html(p.html);
});

async function issuePage(c: Context<Env>, id: string, extra: { count?: string; segment?: Form } = {}) {
  const ctx = c.var.ctx;
  const [issue, preview] = await Promise.all([(await compose()).newsletterView(ctx, id), (await compose()).previewNewsletter(ctx, id)]);
  const missed = issue.status === 'draft' ? [] : (await (await admin()).deliveriesOf(ctx, id, { show: 'missed', format: 'json' })).rows;
  return c.html((await pages()).newsletterPage({ issue, warnings: preview.warnings, htmlBytes: preview.htmlBytes, missed, nonce: c.var.nonce, ...extra }, ctx.config.authorName, flash(c)));
}

newsletterPages.get('/:id', (c) => issuePage(c, c.req.param('id')));

newsletterPages.get('/:id/preview.html', async (c) => {
  const p = await (await compose()).previewNewsletter(c.var.ctx, c.req.param('id'));
  framed(c);
  return c.html(p.html);
});

newsletterPages.get('/:id/preview.txt', async (c) => {
  const p = await (await compose()).previewNewsletter(c.var.ctx, c.req.param('id'));
  framed(c);
  return c.text(p.text);
});

newsletterPages.post('/:id/edit', async (c) => {
  const f = await readForm(c);
  const id = c.req.param('id');
  const current = await (await compose()).newsletterView(c.var.ctx, id);
  const edit =
    current.status === 'draft'
      ? { subject: one(f, 'subject'), previewText: one(f, 'previewText') ?? '', markdown: one(f, 'markdown'), public: checked(f, 'public') }
      : { public: checked(f, 'public') };
  await (await compose()).editNewsletter(c.var.ctx, id, parseOr400(IssueEdit, edit, 'newsletter edit'));
  return backTo(c, `/admin/newsletters/${id}`, 'saved');
});

newsletterPages.post('/:id/test', async (c) => {
  const f = await readForm(c);
  const { to } = parseOr400(TestSendInput, { to: one(f, 'to')?.trim() || undefined }, 'test send');
  await (await compose()).testSendNewsletter(c.var.ctx, c.req.param('id'), to);
  return backTo(c, `/admin/newsletters/${c.req.param('id')}`, 'test-sent');
});

newsletterPages.post('/:id/count', async (c) => {
  const f = await readForm(c);
  const segment = parseOr400(Segment, segmentOf(f), 'segment');
  const { count } = await (await admin()).segmentCount(c.var.ctx, { segment });
  return issuePage(c, c.req.param('id'), { count: String(count), segment: f });
});

newsletterPages.post('/:id/send', async (c) => {
  const f = await readForm(c);
  const segment = parseOr400(Segment, segmentOf(f), 'segment');
  await (await broadcast()).scheduleSend(c.var.ctx, c.req.param('id'), { segment, at: atOf(one(f, 'at')), localHour: checked(f, 'localHour'), avoidLessonDays: checked(f, 'avoidLessonDays') });
  return backTo(c, `/admin/newsletters/${c.req.param('id')}`, 'scheduled');
});

for (const action of ['pause', 'resume', 'cancel'] as const)
  newsletterPages.post(`/:id/${action}`, async (c) => {
    await (await broadcast()).controlSend(c.var.ctx, c.req.param('id'), action);
    return backTo(c, `/admin/newsletters/${c.req.param('id')}`, `newsletter-${action}`);
  });

newsletterPages.get('/:id/deliveries.csv', async (c) => {
  const id = c.req.param('id');
  await (await compose()).newsletterView(c.var.ctx, id);
  const q = parseOr400(DeliveryFilter, { show: c.req.query('show') ?? 'all', format: 'csv' }, 'delivery filter');
  return csvResponse(c, `newsletter-${id}-${q.show}`, (await admin()).deliveriesTable(c.var.ctx, id, q));
});
