import { Hono } from 'hono';
import type { Env } from '../../../app.js';
import { UnmatchedFilter, assignUnmatched, listUnmatched } from '../../../../core/admin/unmatched.js';
import { unmatchedPage } from '../../../pages/admin/unmatched.js';
import { parseOr400 } from '../../../validate.js';
import { backTo, flash, readForm } from './form.js';

export const unmatchedPages = new Hono<Env>();

unmatchedPages.get('/', async (c) => {
  const f = parseOr400(UnmatchedFilter, c.req.query(), 'unmatched filter');
  return c.html(unmatchedPage(await listUnmatched(c.var.ctx, f), f.cursor, c.var.ctx.config.authorName, flash(c)));
});

/** One box for either an address or a reader id: an @ decides which. */
unmatchedPages.post('/:id/assign', async (c) => {
  const form = await readForm(c);
  const who = typeof form.reader === 'string' ? form.reader.trim() : '';
  await assignUnmatched(c.var.ctx, c.req.param('id'), who.includes('@') ? { email: who } : { readerId: who });
  return backTo(c, '/admin/unmatched', 'assigned');
});
