import { Hono } from 'hono';
import { z } from 'zod';
import type { Env } from '../../../app.js';
import { funnelReport } from '../../../../core/reports/funnel.js';
import { CohortFilter, ReportBy, cohortReport, outcomeReport } from '../../../../core/reports/outcomes.js';
import { cohortsPage } from '../../../pages/admin/cohorts.js';
import { funnelPage } from '../../../pages/admin/funnel.js';
import { outcomesPage } from '../../../pages/admin/outcomes.js';
import { parseOr400 } from '../../../validate.js';

const nonEmpty = (q: Record<string, string>) => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== ''));

export const reportPages = new Hono<Env>();

reportPages.get('/outcomes', async (c) => {
  const { by } = parseOr400(z.object({ by: ReportBy.default('situation') }), nonEmpty(c.req.query()), 'report query');
  return c.html(outcomesPage(await outcomeReport(c.var.ctx, by), c.var.ctx.config.authorName));
});

reportPages.get('/cohorts', async (c) => {
  const f = parseOr400(CohortFilter, nonEmpty(c.req.query()), 'cohort query');
  return c.html(cohortsPage(await cohortReport(c.var.ctx, f), f.situation, c.var.ctx.config.authorName));
});

reportPages.get('/funnel', async (c) => c.html(funnelPage((await funnelReport(c.var.ctx)).rows, c.var.ctx.config.authorName)));
