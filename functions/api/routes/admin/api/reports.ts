import { z } from 'zod';
import { exportTable } from '../../../../core/reports/exports.js';
import { FunnelReport, funnelReport } from '../../../../core/reports/funnel.js';
import { CohortFilter, ReportBy, cohortReport, outcomeReport } from '../../../../core/reports/outcomes.js';
import { CohortReportSchema, OutcomeReportSchema } from '../../../../core/reports/schemas.js';
import { Track } from '../../../../core/readers/vocabulary.js';
import { Format, csvResponse } from '../csv.js';
import { apiRoute } from './route.js';

export const reportsApi = [
  apiRoute(
    {
      id: 'outcomeReport',
      method: 'get',
      path: '/reports/outcomes',
      summary: 'Outcome report per situation (or track when asked) and checkpoint, from the counters',
      description: 'Everyone asked is in the denominator; `no_response` is its own category.',
      what: 'report query',
      query: z.object({ by: ReportBy.default('situation'), format: Format }),
      response: OutcomeReportSchema,
      csv: true,
    },
    async (c, { query }) => {
      if (query.format === 'csv') return csvResponse(c, `outcome-report-by-${query.by}`, exportTable(c.var.ctx, 'report', { by: query.by }));
      return outcomeReport(c.var.ctx, query.by);
    },
  ),
  apiRoute(
    {
      id: 'cohortReport',
      method: 'get',
      path: '/reports/cohorts',
      summary: 'The same per enrolment month',
      what: 'cohort query',
      query: CohortFilter.extend({ format: Format }),
      response: CohortReportSchema,
      csv: true,
    },
    async (c, { query }) => {
      if (query.format === 'csv') return csvResponse(c, 'cohorts', exportTable(c.var.ctx, 'cohorts', { cohorts: query }));
      return cohortReport(c.var.ctx, query);
    },
  ),
  apiRoute(
    {
      id: 'funnelReport',
      method: 'get',
      path: '/reports/funnel',
      summary: 'Per track and lesson: sent, replied, clicked, unsubscribed',
      what: 'funnel query',
      query: z.object({ track: Track.optional(), format: Format }),
      response: FunnelReport,
      csv: true,
    },
    async (c, { query }) => {
      if (query.format === 'csv') return csvResponse(c, 'funnel', exportTable(c.var.ctx, 'funnel'));
      return funnelReport(c.var.ctx, query.track);
    },
  ),
];
