import { z } from 'zod';
import {
  DeliveriesPage,
  DeliveryFilter,
  IssueEdit,
  IssueInput,
  IssueSummary,
  IssueView,
  Preview,
  SavedSegmentView,
  SaveSegmentInput,
  SegmentCount,
  SegmentCountInput,
  SendTiming,
  TestSendInput,
} from '../../../../core/newsletters/schemas.js';
import { Segment } from '../../../../core/newsletters/segment-schema.js';
import { csvResponse } from '../csv.js';
import { apiRoute } from './route.js';

// (This module itself is loaded on the first newsletter request: see ../../../newsletters-lazy.ts.)
import * as composeModule from '../../../../core/newsletters/compose.js';
import * as broadcastModule from '../../../../core/newsletters/broadcast.js';
import * as adminModule from '../../../../core/newsletters/admin.js';
const compose = async () => composeModule;
const broadcast = async () => broadcastModule;
const admin = async () => adminModule;

const NOT_FOUND = 'No newsletter issue with this id';
const Accepted = z.object({ id: z.string(), status: z.string() });
const SendBody = z.object({ segment: Segment.optional(), segmentId: z.string().optional(), ...SendTiming }).strict();

export const newslettersApi = [
  apiRoute(
    { id: 'listNewsletters', method: 'get', path: '/newsletters', summary: 'Every newsletter issue, newest first, with its status', what: 'newsletter list', response: z.object({ newsletters: z.array(IssueSummary) }) },
    async (c) => ({ newsletters: await (await compose()).newsletterList(c.var.ctx) }),
  ),
  apiRoute(
    {
      id: 'createNewsletter',
      method: 'post',
      path: '/newsletters',
      summary: 'Write an issue: subject, preview text, Markdown body (a draft until it is sent)',
      description: 'Raw HTML in the Markdown is shown as typed (escaped); images by URL.',
      what: 'newsletter issue',
      body: IssueInput,
      response: IssueView,
      status: 201,
    },
    async (c, { body }) => (await compose()).newsletterView(c.var.ctx, (await (await compose()).createNewsletter(c.var.ctx, body)).id),
  ),
  apiRoute(
    {
      id: 'previewDraft',
      method: 'post',
      path: '/newsletters/preview',
      summary: 'Render a draft not yet saved (the editor\'s live preview): HTML, text, size, warnings',
      what: 'newsletter preview',
      body: IssueInput,
      response: Preview,
    },
    async (c, { body }) => (await compose()).previewOf(c.var.ctx, { subject: body.subject, previewText: body.previewText, markdown: body.markdown }),
  ),
  apiRoute(
    { id: 'getNewsletter', method: 'get', path: '/newsletters/:id', summary: 'An issue with its status and figures', what: 'newsletter', response: IssueView, notFound: NOT_FOUND },
    async (c, { params }) => (await compose()).newsletterView(c.var.ctx, params.id),
  ),
  apiRoute(
    {
      id: 'editNewsletter',
      method: 'post',
      path: '/newsletters/:id/edit',
      summary: 'Change a draft (subject, preview text, body), or whether it is public',
      what: 'newsletter edit',
      body: IssueEdit,
      response: IssueView,
      notFound: NOT_FOUND,
    },
    async (c, { params, body }) => {
      await (await compose()).editNewsletter(c.var.ctx, params.id, body);
      return (await compose()).newsletterView(c.var.ctx, params.id);
    },
  ),
  apiRoute(
    { id: 'previewNewsletter', method: 'get', path: '/newsletters/:id/preview', summary: 'A sample copy: HTML, plain text, size, links and warnings', what: 'preview', response: Preview, notFound: NOT_FOUND },
    async (c, { params }) => (await compose()).previewNewsletter(c.var.ctx, params.id),
  ),
  apiRoute(
    {
      id: 'testNewsletter',
      method: 'post',
      path: '/newsletters/:id/test',
      summary: "Send one copy to the author's address (MEND_AUTHOR_EMAIL, else the contact address) or `to`",
      what: 'test send',
      body: TestSendInput,
      response: z.object({ to: z.string(), messageId: z.string() }),
      notFound: NOT_FOUND,
    },
    async (c, { params, body }) => (await compose()).testSendNewsletter(c.var.ctx, params.id, body.to),
  ),
  apiRoute(
    {
      id: 'sendNewsletter',
      method: 'post',
      path: '/newsletters/:id/send',
      summary: 'Send to a segment: now, at a time, or at each reader\'s own send hour',
      description:
        '`segment` (or a saved `segmentId`); `at` (ISO time, default now); `localHour` (each reader at their own hour, over the day from `at`); `avoidLessonDays` (default true: never on a day the reader gets a lesson). 202: the broadcast is a job; follow it with GET /newsletters/:id.',
      what: 'send',
      body: SendBody,
      response: Accepted,
      status: 202,
      notFound: NOT_FOUND,
    },
    async (c, { params, body }) => {
      const segment = await (await admin()).resolveSegment(c.var.ctx, body);
      const job = await (await broadcast()).scheduleSend(c.var.ctx, params.id, { segment, at: body.at, localHour: body.localHour, avoidLessonDays: body.avoidLessonDays });
      return { id: params.id, status: job.state };
    },
  ),
  ...(['pause', 'resume', 'cancel'] as const).map((action) =>
    apiRoute(
      {
        id: `${action}Newsletter`,
        method: 'post',
        path: `/newsletters/:id/${action}`,
        summary: { pause: 'Pause a broadcast (nothing more is claimed)', resume: 'Resume a paused broadcast where it stopped', cancel: 'Cancel: every copy not yet sent is marked cancelled' }[action],
        what: action,
        body: z.object({ reason: z.string().trim().max(300, 'at most 300 characters').optional() }).strict(),
        response: Accepted,
        notFound: NOT_FOUND,
      },
      async (c, { params }) => ({ id: params.id, status: (await (await broadcast()).controlSend(c.var.ctx, params.id, action)).state }),
    ),
  ),
  apiRoute(
    {
      id: 'newsletterDeliveries',
      method: 'get',
      path: '/newsletters/:id/deliveries',
      summary: 'Who did not get it and why (skipped: unsubscribed, newsletter-off, suppressed, rejected; failed; cancelled), or every copy',
      description: '`show=missed` (default) | `all` | a state; `reason=`; `format=csv`.',
      what: 'delivery filter',
      query: DeliveryFilter,
      response: DeliveriesPage,
      csv: true,
      notFound: NOT_FOUND,
    },
    async (c, { params, query }) => {
      await (await compose()).newsletterView(c.var.ctx, params.id); // 404 for an unknown issue
      const a = await admin();
      if (query.format === 'csv') return csvResponse(c, `newsletter-${params.id}-${query.show}`, a.deliveriesTable(c.var.ctx, params.id, query));
      return a.deliveriesOf(c.var.ctx, params.id, query);
    },
  ),
  apiRoute(
    {
      id: 'countSegment',
      method: 'post',
      path: '/segments/count',
      summary: 'How many newsletter subscribers a segment means now (unsubscribed and suppressed readers excluded)',
      what: 'segment',
      body: SegmentCountInput,
      response: SegmentCount,
    },
    async (c, { body }) => (await admin()).segmentCount(c.var.ctx, body),
  ),
  apiRoute(
    { id: 'listSegments', method: 'get', path: '/segments', summary: 'Saved segments', what: 'segments', response: z.object({ segments: z.array(SavedSegmentView) }) },
    async (c) => ({ segments: await (await admin()).listSegments(c.var.ctx) }),
  ),
  apiRoute(
    { id: 'saveSegment', method: 'post', path: '/segments', summary: 'Save a segment by name for reuse', what: 'segment', body: SaveSegmentInput, response: SavedSegmentView, status: 201 },
    async (c, { body }) => (await admin()).saveSegment(c.var.ctx, body),
  ),
];
