import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { noBrowser, launchBrowser } from '../helpers/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { token } from '../../functions/core/links/urls.js';
import { enrolAndConfirm, testStack, type TestStack } from '../helpers/stack.js';

/**
 * Issue 14: the Content-Security-Policy in a real browser. Every page renders with nothing refused
 * (its stylesheets apply, the sign-up page's one script runs), and an injected inline script would not.
 */

let stack: TestStack;
let browser: Browser;
let profileDir: string;
let readerId: string;

describe.skipIf(noBrowser)('the pages under their Content-Security-Policy, in a real browser', () => {
  beforeAll(async () => {
    stack = await testStack({ port: 0 });
    readerId = (await enrolAndConfirm(stack)).id;
    profileDir = mkdtempSync(join(tmpdir(), 'mend-csp-'));
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  it('refuses nothing of our own on any page, and the styles and the time-zone script apply', async () => {
    const context = await browser.newContext({ timezoneId: 'Asia/Tokyo' });
    const refused: string[] = [];
    try {
      const page = await context.newPage();
      page.on('console', (m) => {
        if (/Content.Security.Policy|Refused to/i.test(m.text())) refused.push(`${page.url()}: ${m.text()}`);
      });
      await page.goto(`${stack.urls.app}/`);
      // The nonce'd script ran, and the stylesheet applies (the body font is the serif one).
      expect(await page.$eval('#timezone', (s) => (s as HTMLSelectElement).value)).toBe('Asia/Tokyo');
      expect(await page.$eval('body', (b) => getComputedStyle(b).fontFamily)).toContain('Georgia');
      await page.goto(`${stack.urls.app}/me/${token(stack.ctx, 'prefs', readerId)}`);
      await page.goto(`${stack.urls.app}/admin/login`);
      await page.fill('#token', stack.ctx.secrets.adminToken);
      await page.click('button[type=submit]');
      await page.waitForURL(/\/admin$/);
      for (const path of ['/admin', '/admin/reports/outcomes', `/admin/readers/${readerId}`, '/admin/sessions', '/dev/inbox', '/no/such/page']) {
        await page.goto(`${stack.urls.app}${path}`);
        expect(await page.$eval('main', (m) => getComputedStyle(m).maxWidth), path).not.toBe('none');
      }
      // The local inbox shows an email's own HTML in a sandboxed frame: that works too.
      await page.goto(`${stack.urls.app}/dev/inbox`);
      await page.click('td.open a, a[href^="/dev/inbox/"]');
      expect(refused).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('would refuse a script someone managed to put into a page', async () => {
    const context = await browser.newContext();
    const refused: string[] = [];
    try {
      const page = await context.newPage();
      page.on('console', (m) => {
        if (/Content.Security.Policy|Refused to/i.test(m.text())) refused.push(m.text());
      });
      await page.goto(`${stack.urls.app}/`);
      // As if an injection got through: an inline script without the nonce, and a style attribute.
      await page.evaluate(() => {
        const s = document.createElement('script');
        s.textContent = 'window.__injected = true;';
        document.body.appendChild(s);
      });
      expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
      expect(refused.some((r) => /script/i.test(r))).toBe(true);
    } finally {
      await context.close();
    }
  });
});
