import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/**
 * Real Chromium for the browser tests (playwright-core drives Debian's package; .ci/run installs it).
 * Without it the browser tests are skipped locally, never in CI.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const noBrowser = !existsSync(CHROMIUM) && !process.env.CI;

/** Quiet, sandbox-free (containers), nothing fetched in the background. */
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** A fresh browser; each test makes its own contexts. */
export const launchBrowser = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });

/** One persistent context in `profileDir` at desktop size (the dashboard tests keep cookies and downloads). */
export const launchPersistent = (profileDir: string, opts: { acceptDownloads?: boolean } = {}): Promise<BrowserContext> =>
  chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', ...ARGS, '--disable-quic'],
    viewport: { width: 1366, height: 900 },
    ...opts,
  });
