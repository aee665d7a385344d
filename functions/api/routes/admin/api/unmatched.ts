import { Hono } from 'hono';
import type { Env } from '../../../app.js';
import { AssignInput, UnmatchedFilter, assignUnmatched, listUnmatched } from '../../../../core/admin/unmatched.js';
import { exportTable } from '../../../../core/reports/exports.js';
import { parseOr400, readBody } from '../../../validate.js';
import { Format, csvResponse } from '../csv.js';

export const unmatchedApi = new Hono<Env>();

unmatchedApi.get('/', async (c) => {
  const q = c.req.query();
  if (parseOr400(Format, q.format, 'format') === 'csv') return csvResponse(c, 'unmatched', exportTable(c.var.ctx, 'unmatched'));
  const page = await listUnmatched(c.var.ctx, parseOr400(UnmatchedFilter, q, 'unmatched filter'));
  return c.json({ unmatched: page.items, cursor: page.cursor ?? null });
});

unmatchedApi.post('/:id/assign', async (c) => {
  const { data } = await readBody(c);
  const input = parseOr400(AssignInput, data, 'assignment');
  return c.json(await assignUnmatched(c.var.ctx, c.req.param('id'), input));
});
