import { Hono } from 'hono';
import type { Env } from '../../../app.js';
import { overview } from '../../../../core/admin/overview.js';

export const overviewApi = new Hono<Env>().get('/', async (c) => c.json(await overview(c.var.ctx)));
