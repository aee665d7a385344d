import { Hono } from 'hono';
import { z } from 'zod';
import type { Env } from '../../../app.js';
import { exportTable } from '../../../../core/reports/exports.js';
import { funnelReport } from '../../../../core/reports/funnel.js';
import { CohortFilter, ReportBy, cohortReport, outcomeReport } from '../../../../core/reports/outcomes.js';
import { Track } from '../../../../core/db/readers.js';
import { parseOr400 } from '../../../validate.js';
import { Format, csvResponse } from '../csv.js';

const ReportQuery = z.object({ by: ReportBy.default('situation'), format: Format });

export const reportsApi = new Hono<Env>();

reportsApi.get('/outcomes', async (c) => {
  const q = parseOr400(ReportQuery, c.req.query(), 'report query');
  if (q.format === 'csv') return csvResponse(c, `outcome-report-by-${q.by}`, exportTable(c.var.ctx, 'report', { by: q.by }));
  return c.json(await outcomeReport(c.var.ctx, q.by));
});

reportsApi.get('/cohorts', async (c) => {
  const q = parseOr400(CohortFilter.extend({ format: Format }), c.req.query(), 'cohort query');
  if (q.format === 'csv') return csvResponse(c, 'cohorts', exportTable(c.var.ctx, 'cohorts', { cohorts: q }));
  return c.json(await cohortReport(c.var.ctx, q));
});

reportsApi.get('/funnel', async (c) => {
  const q = parseOr400(z.object({ track: Track.optional(), format: Format }), c.req.query(), 'funnel query');
  if (q.format === 'csv') return csvResponse(c, 'funnel', exportTable(c.var.ctx, 'funnel'));
  return c.json(await funnelReport(c.var.ctx, q.track));
});
