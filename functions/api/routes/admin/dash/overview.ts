import { Hono } from 'hono';
import type { Env } from '../../../app.js';
import { overview } from '../../../../core/admin/overview.js';
import { exportsPage } from '../../../pages/admin/exports.js';
import { overviewPage } from '../../../pages/admin/overview.js';

export const overviewPages = new Hono<Env>()
  .get('/', async (c) => c.html(overviewPage(await overview(c.var.ctx), c.var.ctx.config.authorName)))
  .get('/exports', (c) => c.html(exportsPage(c.var.ctx.config.authorName)));
