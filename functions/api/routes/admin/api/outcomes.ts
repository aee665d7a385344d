import { z } from 'zod';
import { OutcomeEntry, OutcomeFilter, listOutcomes } from '../../../../core/admin/outcomes.js';
import { exportTable } from '../../../../core/reports/exports.js';
import { Format, csvResponse } from '../csv.js';
import { apiRoute } from './route.js';

export const OutcomesPage = z.object({ outcomes: z.array(OutcomeEntry), cursor: z.string().nullable().describe('pass back as ?cursor= for the next page; null at the end') });

/** Per-reader outcome records (the report's raw material). */
export const outcomesApi = [
  apiRoute(
    {
      id: 'listOutcomes',
      method: 'get',
      path: '/outcomes',
      summary: 'Per-reader outcome records, newest answer first',
      description: '`format=csv` streams every record (the filters apply to JSON pages).',
      what: 'outcome filter',
      query: OutcomeFilter.extend({ format: Format }),
      response: OutcomesPage,
      csv: true,
    },
    async (c, { query }) => {
      if (query.format === 'csv') return csvResponse(c, 'outcomes', exportTable(c.var.ctx, 'outcomes'));
      const page = await listOutcomes(c.var.ctx, query);
      return { outcomes: page.items, cursor: page.cursor ?? null };
    },
  ),
];
