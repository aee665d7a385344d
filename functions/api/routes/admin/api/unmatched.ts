import { z } from 'zod';
import { AssignInput, Assigned, UnmatchedFilter, UnmatchedItem, assignUnmatched, listUnmatched } from '../../../../core/admin/unmatched.js';
import { exportTable } from '../../../../core/reports/exports.js';
import { Format, csvResponse } from '../csv.js';
import { apiRoute } from './route.js';

export const UnmatchedPage = z.object({ unmatched: z.array(UnmatchedItem), cursor: z.string().nullable().describe('pass back as ?cursor= for the next page; null at the end') });

export const unmatchedApi = [
  apiRoute(
    {
      id: 'listUnmatched',
      method: 'get',
      path: '/unmatched',
      summary: 'Inbound mail no reader was found for',
      description: '`format=csv` streams every message.',
      what: 'unmatched filter',
      query: UnmatchedFilter.extend({ format: Format }),
      response: UnmatchedPage,
      csv: true,
    },
    async (c, { query }) => {
      if (query.format === 'csv') return csvResponse(c, 'unmatched', exportTable(c.var.ctx, 'unmatched'));
      const page = await listUnmatched(c.var.ctx, query);
      return { unmatched: page.items, cursor: page.cursor ?? null };
    },
  ),
  apiRoute(
    {
      id: 'assignUnmatched',
      method: 'post',
      path: '/unmatched/:id/assign',
      summary: 'Make it a reply of a reader',
      description: 'Name the reader by `readerId` or by `email`, not both.',
      what: 'assignment',
      body: AssignInput,
      response: Assigned,
      notFound: 'No unmatched message with this id, or no such reader',
    },
    async (c, { params, body }) => assignUnmatched(c.var.ctx, params.id, body),
  ),
];
