/**
 * The simulator's options (--persist, PORT, MEND_PUBLIC_URL), apart from the long 100-reader run
 * (simulate.test.ts, whose world also spreads its sign-ups with `enrolOverDays` and a `start`).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newId } from '../../functions/core/shared/ids.js';
import { simulate, type SimStart } from '../../functions/local/simulate.js';
import { inbox, testStack } from '../helpers/stack.js';
import { services } from '../helpers/services.js';

describe('simulate --persist without a running server', () => {
  const dirs: string[] = [];
  afterEach(() => {
    vi.unstubAllEnvs();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const persisted = async (env: Record<string, string>) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mend-simport-'));
    dirs.push(dataDir);
    vi.stubEnv('MEND_PUBLIC_URL', undefined as unknown as string);
    for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
    let started: SimStart | undefined;
    const result = await simulate({ readers: 2, days: 2, persist: true, dataDir, sesUrl: services().sesUrl, onStart: (s) => (started = s) });
    const mails = (await Promise.all(result.readers.map((r) => inbox({ urls: { inbox: services().sesUrl } } as never, r.email)))).flat();
    expect(mails.length).toBeGreaterThan(2);
    return { result, started: started!, text: mails.map((m) => m.body.text ?? '').join('\n'), dataDir };
  };

  it('points every link at PORT, where npm start will listen', async () => {
    const { text } = await persisted({ PORT: '4321' });
    expect(text).toContain('http://localhost:4321/');
    expect(text).not.toMatch(/http:\/\/localhost:(?!4321)\d+/);
  });

  it('points every link at MEND_PUBLIC_URL when it is set', async () => {
    const { text } = await persisted({ PORT: '4321', MEND_PUBLIC_URL: 'http://mend.test:8080' });
    expect(text).toContain('http://mend.test:8080/');
    expect(text).not.toContain('localhost:');
  });

  it('continues the data folder\'s app clock, and a second run adds new readers after the first', async () => {
    const first = await persisted({});
    const clock = JSON.parse(readFileSync(join(first.dataDir, 'clock.json'), 'utf8')) as { offsetMs: number };
    expect(clock.offsetMs).toBeGreaterThan(0);
    const again = await simulate({ readers: 2, days: 1, persist: true, dataDir: first.dataDir, sesUrl: services().sesUrl });
    expect(Date.parse(again.start)).toBeGreaterThanOrEqual(Date.parse(first.result.end));
    expect(again.readers.map((r) => r.email).some((e) => first.result.readers.some((f) => f.email === e))).toBe(false);
    expect(first.started.end).toBe(new Date(Date.parse(first.started.start) + 2 * 86_400_000).toISOString());
  });
});
