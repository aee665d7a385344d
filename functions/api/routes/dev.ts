import { Hono } from 'hono';
import { z } from 'zod';
import type { DevTools, Env } from '../app.js';
import { DAY, HOUR } from '../../core/clock.js';
import { advanceClock } from '../../core/dev/advance.js';
import { parseOr400, readBody } from '../validate.js';

const Advance = z
  .object({
    days: z.number().min(0, 'must be 0 or more').max(3650, 'at most 3650').optional(),
    hours: z.number().min(0, 'must be 0 or more').max(87600, 'at most 87600').optional(),
  })
  .refine((v) => v.days !== undefined || v.hours !== undefined, { message: 'give days or hours', path: ['days'] });

/** Local mode only (never mounted in the Lambda build): the dev clock. */
export function devRoutes(tools: DevTools) {
  const dev = new Hono<Env>();
  dev.get('/clock', (c) => c.json({ now: tools.clock.now().toISOString() }));
  dev.post('/clock/advance', async (c) => {
    const { data } = await readBody(c);
    const v = parseOr400(Advance, data, 'clock advance');
    const ms = (v.days ?? 0) * DAY + (v.hours ?? 0) * HOUR;
    const report = await advanceClock(c.var.ctx, tools.clock, ms);
    return c.json(report);
  });
  return dev;
}
