import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Secrets } from '../core/context.js';
import { parsePreviousSecret } from '../core/links/rotation.js';
import { writeWhole } from './files.js';

/**
 * Local secrets: from env (ADMIN_TOKEN, SIGNING_SECRET, SIGNING_SECRET_PREVIOUS) or generated once
 * into the data folder (git-ignored, mode 0600). In AWS they are SST secrets. Never logged.
 * A rotation locally: move the old SIGNING_SECRET into SIGNING_SECRET_PREVIOUS as
 * "<rotation date> <old secret>" (or `previousSigningSecret` in secrets.json) and set a new one.
 */
export function localSecrets(dataDir: string | null): Secrets {
  const fresh = () => ({ signingSecret: randomBytes(32).toString('base64url'), adminToken: randomBytes(24).toString('base64url') });
  let stored: { signingSecret: string; adminToken: string; previousSigningSecret?: string } = fresh();
  if (dataDir) {
    const file = join(dataDir, 'secrets.json');
    if (existsSync(file)) stored = { ...stored, ...JSON.parse(readFileSync(file, 'utf8')) };
    else {
      mkdirSync(dataDir, { recursive: true });
      writeWhole(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    }
  }
  const previous = process.env.SIGNING_SECRET_PREVIOUS
    ? parsePreviousSecret(process.env.SIGNING_SECRET_PREVIOUS, 'SIGNING_SECRET_PREVIOUS')
    : parsePreviousSecret(stored.previousSigningSecret, 'previousSigningSecret in secrets.json');
  return {
    signingSecret: process.env.SIGNING_SECRET || stored.signingSecret,
    adminToken: process.env.ADMIN_TOKEN || stored.adminToken,
    ...(previous ? { previousSigningSecret: previous } : {}),
  };
}
