import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { noBrowser, launchBrowser } from '../helpers/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStack, type TestStack } from '../helpers/stack.js';

/**
 * Issue 11 point 16, in a real browser: the sign-up page pre-selects the visitor's own time zone,
 * by its current name, whatever name the browser reports (Chromium says Asia/Calcutta for India).
 */

let stack: TestStack;
let browser: Browser;
let profileDir: string;

describe.skipIf(noBrowser)('the sign-up page in a real browser', () => {
  beforeAll(async () => {
    stack = await testStack({ port: 0 });
    profileDir = mkdtempSync(join(tmpdir(), 'mend-subscribe-'));
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  it.each([
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['Asia/Calcutta', 'Asia/Kolkata'],
    ['Europe/Kiev', 'Europe/Kyiv'],
    ['America/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
    ['UTC', 'UTC'],
    ['Australia/Sydney', 'Australia/Sydney'],
  ])('a browser in %s gets %s pre-selected', async (timezoneId, expected) => {
    const context = await browser.newContext({ timezoneId });
    try {
      const page = await context.newPage();
      await page.goto(`${stack.urls.app}/`);
      expect(await page.$eval('#timezone', (s) => (s as HTMLSelectElement).value)).toBe(expected);
    } finally {
      await context.close();
    }
  });
});
