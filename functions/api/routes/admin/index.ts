import type { Hono } from 'hono';
import type { Env } from '../../app.js';
import { adminApi } from './api/index.js';
import { adminDashboard } from './dash/index.js';

/** The author's side: the dashboard at /admin and the JSON API at /api/admin. */
export function mountAdmin(app: Hono<Env>): void {
  app.route('/admin', adminDashboard());
  app.route('/api/admin', adminApi());
}
