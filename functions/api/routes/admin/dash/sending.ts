import { Hono } from 'hono';
import type { Env } from '../../../app.js';
import { AddInput, LiftInput, SendingChange, SuppressionFilter, addSuppression, changeSending, liftSuppressionById, sendingView, suppressionsList } from '../../../../core/admin/sending.js';
import { sendingPage } from '../../../pages/admin/sending.js';
import { parseOr400 } from '../../../validate.js';
import { backTo, flash, readForm } from './form.js';

export const sendingPages = new Hono<Env>();

sendingPages.get('/', async (c) => {
  const ctx = c.var.ctx;
  const q = parseOr400(SuppressionFilter, c.req.query(), 'suppression filter');
  const [view, page] = await Promise.all([sendingView(ctx), suppressionsList(ctx, q)]);
  return c.html(sendingPage(view, page.suppressions, { state: q.state, cursor: q.cursor }, page.cursor ?? undefined, ctx.config.authorName, flash(c)));
});

sendingPages.post('/', async (c) => {
  await changeSending(c.var.ctx, parseOr400(SendingChange, await readForm(c), 'sending change'));
  return backTo(c, '/admin/sending', 'sending');
});

sendingPages.post('/suppressions', async (c) => {
  await addSuppression(c.var.ctx, parseOr400(AddInput, await readForm(c), 'suppression'));
  return backTo(c, '/admin/sending', 'suppressed');
});

sendingPages.post('/suppressions/:id/lift', async (c) => {
  const { reason } = parseOr400(LiftInput, await readForm(c), 'lift');
  await liftSuppressionById(c.var.ctx, c.req.param('id'), reason);
  return backTo(c, '/admin/sending', 'lifted');
});
