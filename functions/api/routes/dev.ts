import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { DevTools, Env } from '../app.js';
import { DAY, HOUR } from '../../core/clock.js';
import { advanceClock } from '../../local/advance.js';
import { receiveRaw } from '../../local/inbound.js';
import { parseOr400, readBody } from '../validate.js';
import { badRequest } from '../../core/shared/errors.js';

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
  // The inbound Lambda's local twin: a raw RFC 5322 message as the body.
  // SES accepts messages up to 40 MB; so does its local twin.
  dev.post('/inbound', bodyLimit({ maxSize: 40 * 1024 * 1024, onError: (c) => c.json({ error: 'Message larger than 40 MB', issues: [{ path: '(body)', message: 'too large' }] }, 413) }), async (c) => {
    const raw = new Uint8Array(await c.req.arrayBuffer());
    if (!raw.byteLength) throw badRequest('Send the raw message (RFC 5322) as the body', [{ path: '(body)', message: 'is empty' }]);
    return c.json(await receiveRaw(c.var.ctx, raw), 202);
  });
  return dev;
}
