import { Hono } from 'hono';
import type { Env } from '../../../app.js';
import { ConfirmOutcomeInput, InboxFilter, applyReplyToCourse, confirmOutcome, correctSignals, listReplies, markReviewed, noteOnReply, replyText } from '../../../../core/admin/inbox.js';
import { NoteInput } from '../../../../core/admin/notes.js';
import { repliesPage, replyTextPage } from '../../../pages/admin/replies.js';
import { parseOr400 } from '../../../validate.js';
import { ReviewInput, SignalsInput } from '../api/replies.js';
import { backTo, flash, readForm } from './form.js';

export const replyPages = new Hono<Env>();

replyPages.get('/', async (c) => {
  const q = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''));
  const f = parseOr400(InboxFilter, q, 'inbox filter');
  return c.html(repliesPage(await listReplies(c.var.ctx, f), f, c.var.ctx.config.authorName, flash(c)));
});

replyPages.get('/:readerId/:replyId/text', async (c) => {
  const { readerId, replyId } = c.req.param();
  return c.html(replyTextPage(readerId, await replyText(c.var.ctx, readerId, replyId), c.var.ctx.config.authorName));
});

replyPages.post('/:readerId/:replyId/:action', async (c) => {
  const { readerId, replyId, action } = c.req.param();
  const form = await readForm(c);
  const ctx = c.var.ctx;
  switch (action) {
    case 'review': {
      const { reviewed } = parseOr400(ReviewInput, form, 'review');
      await markReviewed(ctx, readerId, replyId, reviewed);
      return backTo(c, form.back, reviewed ? 'reviewed' : 'unreviewed');
    }
    case 'signals':
      await correctSignals(ctx, readerId, replyId, parseOr400(SignalsInput, form, 'signals').signals);
      return backTo(c, form.back, 'signals');
    case 'outcome':
      await confirmOutcome(ctx, readerId, replyId, parseOr400(ConfirmOutcomeInput, form, 'outcome'));
      return backTo(c, form.back, 'outcome');
    case 'note':
      await noteOnReply(ctx, readerId, replyId, parseOr400(NoteInput, form, 'note').text);
      return backTo(c, form.back, 'note');
    case 'apply': {
      const r = await applyReplyToCourse(ctx, readerId, replyId);
      return backTo(c, form.back, r.courseStep === 'done' ? (r.applied ? 'applied' : 'applied-nothing') : 'apply-failed');
    }
    default:
      return c.notFound();
  }
});
