import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getReader } from '../../functions/core/db/readers.js';
import { getEmailOwner } from '../../functions/core/db/email-lookups.js';
import { startStack } from '../../functions/local/stack.js';
import { INBOX_KEPT } from '../../functions/local/services.js';
import { inbox, json, validEnrolment } from '../helpers/stack.js';
import { services } from '../helpers/services.js';

const require = createRequire(import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'mend-restart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the local stack', () => {
  it('keeps subscribers, secrets and the dev clock across a restart', async () => {
    const opts = { dataDir: dir, sesUrl: services().sesUrl, silent: true } as const;
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

  it('keeps the local inbox across a restart', async () => {
    const own = mkdtempSync(join(tmpdir(), 'mend-inbox-'));
    const opts = { dataDir: own, silent: true } as const; // its own SES emulator, persisting to the folder
    try {
      const first = await startStack(opts);
      const body = validEnrolment();
      expect((await first.app.request('/api/enroll', json(body))).status).toBe(202);
      expect(await inbox(first, body.email)).toHaveLength(1);
      await first.close();
      // A new process starts with an empty emulator: only the file can bring the email back.
      (require('aws-ses-v2-local/dist/store') as { clearStore(): void }).clearStore();

      const second = await startStack(opts);
      try {
        const [confirmation] = await inbox(second, body.email);
        expect(confirmation?.subject).toMatch(/confirm/i);
        expect(readFileSync(join(own, 'inbox.jsonl'), 'utf8').split('\n').filter(Boolean).length).toBeLessThanOrEqual(INBOX_KEPT);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });
});
