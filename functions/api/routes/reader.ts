import { Hono } from 'hono';
import type { Env } from '../app.js';

/** Signed per-reader pages: preferences, unsubscribe, branch choices, check-in answers. */
export const readerRoutes = new Hono<Env>();
