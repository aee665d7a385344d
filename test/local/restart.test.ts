import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { getEmailOwner, getReader } from '../../functions/core/db/access.js';
import { startStack } from '../../functions/local/stack.js';
import { json, validEnrolment } from '../helpers/stack.js';

const dir = mkdtempSync(join(tmpdir(), 'mend-restart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the local stack', () => {
  it('keeps subscribers, secrets and the dev clock across a restart', async () => {
    const opts = { dataDir: dir, sesUrl: inject('sesUrl'), silent: true } as const;
    const first = await startStack(opts);
    const body = validEnrolment();
    expect((await first.app.request('/api/enroll', json(body))).status).toBe(202);
    const id = await getEmailOwner(first.ctx, body.email);
    const adv = await first.app.request('/dev/clock/advance', json({ days: 3 }));
    const { now } = (await adv.json()) as { now: string };
    const secrets = first.ctx.secrets;
    await first.close();

    const second = await startStack(opts);
    try {
      expect(await getEmailOwner(second.ctx, body.email)).toBe(id);
      expect((await getReader(second.ctx, id!))!.firstName).toBe('Robin');
      expect(second.ctx.secrets).toEqual(secrets);
      expect(Date.parse(second.clock.now().toISOString())).toBeGreaterThanOrEqual(Date.parse(now));
    } finally {
      await second.close();
    }
  });
});
