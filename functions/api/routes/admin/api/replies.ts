import { Hono } from 'hono';
import { z } from 'zod';
import type { Env } from '../../../app.js';
import { ConfirmOutcomeInput, InboxFilter, confirmOutcome, correctSignals, listReplies, markReviewed, noteOnReply } from '../../../../core/admin/inbox.js';
import { NoteInput } from '../../../../core/admin/notes.js';
import { exportTable } from '../../../../core/reports/exports.js';
import { Signal } from '../../../../core/signals/recognise.js';
import { parseOr400, readBody } from '../../../validate.js';
import { Format, csvResponse } from '../csv.js';

/** Form checkboxes send "true"/"false"; JSON sends booleans. */
export const Bool = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);
export const ReviewInput = z.object({ reviewed: Bool.default(true) });
export const SignalsInput = z.object({ signals: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(Signal).max(20)) });

export const repliesApi = new Hono<Env>();

repliesApi.get('/', async (c) => {
  const q = c.req.query();
  if (parseOr400(Format, q.format, 'format') === 'csv') return csvResponse(c, 'replies', exportTable(c.var.ctx, 'replies'));
  const page = await listReplies(c.var.ctx, parseOr400(InboxFilter, q, 'inbox filter'));
  return c.json({ replies: page.items, cursor: page.cursor ?? null });
});

repliesApi.post('/:readerId/:replyId/review', async (c) => {
  const { data } = await readBody(c);
  const input = parseOr400(ReviewInput, data, 'review');
  return c.json({ reply: await markReviewed(c.var.ctx, c.req.param('readerId'), c.req.param('replyId'), input.reviewed) });
});

repliesApi.post('/:readerId/:replyId/signals', async (c) => {
  const { data } = await readBody(c);
  const input = parseOr400(SignalsInput, data, 'signals');
  return c.json({ reply: await correctSignals(c.var.ctx, c.req.param('readerId'), c.req.param('replyId'), input.signals) });
});

repliesApi.post('/:readerId/:replyId/outcome', async (c) => {
  const { data } = await readBody(c);
  const input = parseOr400(ConfirmOutcomeInput, data, 'outcome');
  return c.json(await confirmOutcome(c.var.ctx, c.req.param('readerId'), c.req.param('replyId'), input));
});

repliesApi.post('/:readerId/:replyId/note', async (c) => {
  const { data } = await readBody(c);
  const input = parseOr400(NoteInput, data, 'note');
  return c.json({ reply: await noteOnReply(c.var.ctx, c.req.param('readerId'), c.req.param('replyId'), input.text) }, 201);
});
