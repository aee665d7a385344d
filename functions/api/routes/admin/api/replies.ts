import { z } from 'zod';
import {
  ConfirmOutcomeInput,
  InboxFilter,
  InboxReply,
  OutcomeConfirmed,
  ReplyText,
  applyReplyToCourse,
  confirmOutcome,
  correctSignals,
  listReplies,
  markReviewed,
  noteOnReply,
  replyText,
} from '../../../../core/admin/inbox.js';
import { NoteInput } from '../../../../core/admin/notes.js';
import { exportTable } from '../../../../core/reports/exports.js';
import { Signal } from '../../../../core/signals/kinds.js';
import { Format, csvResponse } from '../csv.js';
import { apiRoute } from './route.js';

/** Form checkboxes send "true"/"false"; JSON sends booleans. */
export const Bool = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);
export const ReviewInput = z.object({ reviewed: Bool.default(true) });
export const SignalsInput = z.object({ signals: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(Signal).max(20)) });

export const RepliesPage = z.object({ replies: z.array(InboxReply), cursor: z.string().nullable().describe('pass back as ?cursor= for the next page; null at the end') });
export const ReplyChanged = z.object({ reply: InboxReply });
/** Applying takes no options: the reply's current signals (as corrected, if they were) act. */
export const ApplyInput = z.object({}).describe('send {}');

const NO_REPLY = 'No such reply for this reader';

export const repliesApi = [
  apiRoute(
    {
      id: 'listReplies',
      method: 'get',
      path: '/replies',
      summary: 'Replies inbox, newest first',
      description: 'One box at a time (unreviewed by default), filtered by signal and track. `format=csv` streams every reply of both boxes.',
      what: 'inbox filter',
      query: InboxFilter.extend({ format: Format }),
      response: RepliesPage,
      csv: true,
    },
    async (c, { query }) => {
      if (query.format === 'csv') return csvResponse(c, 'replies', exportTable(c.var.ctx, 'replies'));
      const page = await listReplies(c.var.ctx, query);
      return { replies: page.items, cursor: page.cursor ?? null };
    },
  ),
  apiRoute(
    { id: 'reviewReply', method: 'post', path: '/replies/:readerId/:replyId/review', summary: 'Mark reviewed (or back to unreviewed)', what: 'review', body: ReviewInput, response: ReplyChanged, notFound: NO_REPLY },
    async (c, { params, body }) => ({ reply: await markReviewed(c.var.ctx, params.readerId, params.replyId, body.reviewed) }),
  ),
  apiRoute(
    {
      id: 'correctReplySignals',
      method: 'post',
      path: '/replies/:readerId/:replyId/signals',
      summary: "Replace the reply's signals with the author's reading",
      description: "The machine's first reading is kept beside it; the course is not moved again.",
      what: 'signals',
      body: SignalsInput,
      response: ReplyChanged,
      notFound: NO_REPLY,
    },
    async (c, { params, body }) => ({ reply: await correctSignals(c.var.ctx, params.readerId, params.replyId, body.signals) }),
  ),
  apiRoute(
    {
      id: 'confirmReplyOutcome',
      method: 'post',
      path: '/replies/:readerId/:replyId/outcome',
      summary: 'Confirm the proposed outcome (or another) for the check-in the reply answers',
      description: 'Counted like a clicked answer (the latest counts); the reply is marked reviewed.',
      what: 'outcome',
      body: ConfirmOutcomeInput,
      response: OutcomeConfirmed,
      notFound: NO_REPLY,
    },
    async (c, { params, body }) => confirmOutcome(c.var.ctx, params.readerId, params.replyId, body),
  ),
  apiRoute(
    {
      id: 'applyReply',
      method: 'post',
      path: '/replies/:readerId/:replyId/apply',
      summary: "Let the reply's signals act on the course",
      description:
        'For a reply that was withheld (a sender SES did not verify, a message you assigned) or whose course step failed. The same step as on arrival: applying twice changes nothing more.',
      what: 'apply',
      body: ApplyInput,
      response: ReplyChanged,
      notFound: NO_REPLY,
    },
    async (c, { params }) => ({ reply: await applyReplyToCourse(c.var.ctx, params.readerId, params.replyId) }),
  ),
  apiRoute(
    {
      id: 'replyText',
      method: 'get',
      path: '/replies/:readerId/:replyId/text',
      summary: "The reply's whole text",
      description: 'A reply keeps its first 64 KB (`textTruncated` when cut); this is all of it, up to 1 MB.',
      what: 'reply',
      response: ReplyText,
      notFound: NO_REPLY,
    },
    async (c, { params }) => replyText(c.var.ctx, params.readerId, params.replyId),
  ),
  apiRoute(
    { id: 'noteOnReply', method: 'post', path: '/replies/:readerId/:replyId/note', summary: 'Private note on a reply', what: 'note', body: NoteInput, response: ReplyChanged, status: 201, notFound: NO_REPLY },
    async (c, { params, body }) => ({ reply: await noteOnReply(c.var.ctx, params.readerId, params.replyId, body.text) }),
  ),
];
