import { AddInput, LiftInput, SendingChange, SendingView, SuppressionFilter, SuppressionRow, SuppressionsPage, addSuppression, changeSending, liftSuppressionById, sendingView, suppressionsList } from '../../../../core/admin/sending.js';
import { apiRoute } from './route.js';

export const sendingApi = [
  apiRoute(
    {
      id: 'listSuppressions',
      method: 'get',
      path: '/suppressions',
      summary: 'Addresses Mend never mails (bounced, complained, rejected, repeated soft bounces, or the author)',
      description: 'Masked addresses, newest first; `state=lifted` lists the lifted ones; `email=` finds the entry of one address.',
      what: 'suppression filter',
      query: SuppressionFilter,
      response: SuppressionsPage,
    },
    async (c, { query }) => suppressionsList(c.var.ctx, query),
  ),
  apiRoute(
    {
      id: 'addSuppression',
      method: 'post',
      path: '/suppressions',
      summary: 'Stop mailing an address',
      what: 'suppression',
      body: AddInput,
      response: SuppressionRow,
      status: 201,
    },
    async (c, { body }) => addSuppression(c.var.ctx, body),
  ),
  apiRoute(
    {
      id: 'liftSuppression',
      method: 'post',
      path: '/suppressions/:id/lift',
      summary: 'Lift an entry, saying why',
      description: 'The reader it stopped becomes unsubscribed: nothing is sent until they sign up and confirm again.',
      what: 'lift',
      body: LiftInput,
      response: SuppressionRow,
      notFound: 'No active suppression with this id',
    },
    async (c, { params, body }) => liftSuppressionById(c.var.ctx, params.id, body.reason),
  ),
  apiRoute(
    {
      id: 'getSending',
      method: 'get',
      path: '/sending',
      summary: 'Whether Mend is sending: halted by SES, paused by the author or the reputation guard, the rates',
      what: 'sending',
      response: SendingView,
    },
    async (c) => sendingView(c.var.ctx),
  ),
  apiRoute(
    {
      id: 'changeSending',
      method: 'post',
      path: '/sending',
      summary: 'Pause or resume course lessons or broadcasts',
      what: 'sending change',
      body: SendingChange,
      response: SendingView,
    },
    async (c, { body }) => {
      await changeSending(c.var.ctx, body);
      return sendingView(c.var.ctx);
    },
  ),
];
