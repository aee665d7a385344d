import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Secrets } from '../core/context.js';

/**
 * Local secrets: from env (ADMIN_TOKEN, SIGNING_SECRET) or generated once into the data folder
 * (git-ignored, mode 0600). In AWS they are SST secrets. Never logged.
 */
export function localSecrets(dataDir: string | null): Secrets {
  const fresh = () => ({ signingSecret: randomBytes(32).toString('base64url'), adminToken: randomBytes(24).toString('base64url') });
  let stored: Secrets = fresh();
  if (dataDir) {
    const file = join(dataDir, 'secrets.json');
    if (existsSync(file)) stored = { ...stored, ...JSON.parse(readFileSync(file, 'utf8')) };
    else {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    }
  }
  return {
    signingSecret: process.env.SIGNING_SECRET || stored.signingSecret,
    adminToken: process.env.ADMIN_TOKEN || stored.adminToken,
  };
}
