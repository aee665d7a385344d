import type { Context } from 'hono';
import { z } from 'zod';
import type { Env } from '../../app.js';
import { csvHeaders, csvStream } from '../../../core/reports/csv.js';
import type { Table } from '../../../core/reports/exports.js';

export const Format = z.enum(['json', 'csv']).default('json');

/** Streams a table as a CSV download; nothing is buffered beyond one DynamoDB page. */
export function csvResponse(c: Context<Env>, name: string, t: Table): Response {
  const date = c.var.ctx.clock.now().toISOString().slice(0, 10);
  return new Response(csvStream(t.header, t.rows), { status: 200, headers: csvHeaders(name, date) });
}
