import { Hono } from 'hono';
import type { Env } from '../../../app.js';
import { OutcomeFilter, listOutcomes } from '../../../../core/admin/outcomes.js';
import { exportTable } from '../../../../core/reports/exports.js';
import { parseOr400 } from '../../../validate.js';
import { Format, csvResponse } from '../csv.js';

/** Per-reader outcome records (the report's raw material). */
export const outcomesApi = new Hono<Env>().get('/', async (c) => {
  const q = c.req.query();
  if (parseOr400(Format, q.format, 'format') === 'csv') return csvResponse(c, 'outcomes', exportTable(c.var.ctx, 'outcomes'));
  const page = await listOutcomes(c.var.ctx, parseOr400(OutcomeFilter, q, 'outcome filter'));
  return c.json({ outcomes: page.items, cursor: page.cursor ?? null });
});
