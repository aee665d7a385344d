import { Hono } from 'hono';
import { z } from 'zod';
import type { Env } from '../../../app.js';
import { ReaderFilter } from '../../../../core/admin/readers.js';
import { TABLES, exportTable } from '../../../../core/reports/exports.js';
import { ReportBy } from '../../../../core/reports/outcomes.js';
import { parseOr400 } from '../../../validate.js';
import { csvResponse } from '../csv.js';

/** /admin/export/<table>.csv: the dashboard's downloads (the session cookie only reaches /admin). */
export const exportFiles = new Hono<Env>().get('/:file', async (c) => {
  const file = c.req.param('file');
  const table = z.enum(TABLES).safeParse(file.replace(/\.csv$/, ''));
  if (!file.endsWith('.csv') || !table.success) return c.notFound();
  const q = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''));
  const { by } = parseOr400(z.object({ by: ReportBy.default('situation') }), { by: q.by }, 'report query');
  const readers = parseOr400(ReaderFilter, q, 'reader filter');
  const name = table.data === 'report' ? `outcome-report-by-${by}` : table.data;
  return csvResponse(c, name, exportTable(c.var.ctx, table.data, { by, readers }));
});
