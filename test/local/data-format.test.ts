import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startStack } from '../../functions/local/stack.js';
import { services } from '../helpers/services.js';

describe('a data folder from before the ElectroDB keys', () => {
  it('is refused with a plain message instead of showing an empty system', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mend-old-data-'));
    try {
      mkdirSync(join(dir, 'dynamodb'));
      await expect(startStack({ dataDir: dir, sesUrl: services().sesUrl, silent: true })).rejects.toThrow(/written by an older Mend/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a data folder from before the newsletters', () => {
  it('is refused with the same message: its readers index lacks what segments read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mend-old-data-'));
    try {
      mkdirSync(join(dir, 'dynamodb'));
      writeFileSync(join(dir, 'format.json'), JSON.stringify({ format: 2 }));
      await expect(startStack({ dataDir: dir, sesUrl: services().sesUrl, silent: true })).rejects.toThrow(/written by an older Mend/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
