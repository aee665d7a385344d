import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { noBrowser, launchPersistent } from '../helpers/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR } from '../../functions/core/clock.js';
import { advanceClock } from '../../functions/local/advance.js';
import { copies, seed, seededReader } from '../helpers/newsletters.js';
import { header, testStack, type TestStack } from '../helpers/stack.js';

/**
 * The author writes, previews, counts a segment for and schedules an issue from /admin in a real
 * Chromium; the issue then arrives at its time for exactly that segment, once each.
 */
const ARTIFACTS = fileURLToPath(new URL('../../.artifacts', import.meta.url)); // git-ignored

describe.skipIf(noBrowser)('the newsletter pages in a real browser', () => {
  let stack: TestStack;
  let browser: BrowserContext;
  let page: Page;
  let profileDir: string;

  beforeAll(async () => {
    stack = await testStack({ now: '2026-10-05T08:00:00Z', port: 0 });
    profileDir = mkdtempSync(join(tmpdir(), 'mend-chromium-nl-'));
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchPersistent(profileDir);
    page = browser.pages()[0] ?? (await browser.newPage());
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  it('writes, previews, counts, schedules, and the issue arrives for exactly its segment', async () => {
    const stress = await seed(stack, Array.from({ length: 4 }, () => seededReader({ situation: 'stress', track: 'stress' })));
    const loving = await seed(stack, Array.from({ length: 2 }, () => seededReader({ situation: 'healthy', track: 'healthy' })));
    await page.goto(`${stack.urls.app}/admin/newsletters`);
    await page.fill('#token', stack.ctx.secrets.adminToken);
    await Promise.all([page.waitForURL('**/admin/newsletters'), page.click('button[type=submit]')]);

    await page.fill('#subject', 'When the evenings are hardest');
    await page.fill('#previewText', 'A small ritual for the hour after work');
    await page.fill('#markdown', '## An evening ritual\n\nWhen you get home, **put the phone in another room** for ten minutes.\n\n<b>not bold</b>');
    await Promise.all([page.waitForURL('**/admin/newsletters/*?done=saved'), page.click('form[action="/admin/newsletters"] button[type=submit]')]);

    // The preview frames show the email as readers will get it, and follow the editor as the author types.
    const desktop = page.frameLocator('iframe[name=preview-desktop]');
    await expect.poll(() => desktop.locator('h2').first().textContent()).toBe('An evening ritual');
    expect(await desktop.locator('body').textContent()).toContain('<b>not bold</b>');
    expect(await page.locator('iframe.mobile').evaluate((f) => (f as HTMLIFrameElement).getBoundingClientRect().width)).toBe(390);
    await page.fill('#markdown', '## An evening ritual\n\nWhen you get home, **put the phone in another room** for ten minutes. Then breathe.');
    await expect.poll(() => desktop.locator('body').textContent(), { timeout: 10_000 }).toContain('Then breathe.');
    // (the text part wraps at 78 characters)
    await expect.poll(async () => (await page.frameLocator('iframe[name=preview-text]').locator('body').textContent())?.replace(/\s+/g, ' '), { timeout: 10_000 }).toContain('Then breathe.');
    await Promise.all([page.waitForURL('**?done=saved'), page.click('#editor button[type=submit]')]);
    expect(await page.locator('[data-warning=links-not-checked]').count()).toBe(0);

    // The segment: readers under stress. The count matches who will get it.
    await page.check('input[name=situation][value=stress]');
    await Promise.all([page.waitForLoadState('load'), page.click('#count')]);
    expect(await page.locator('#count-result').textContent()).toBe(`${stress.length} readers`);
    await page.fill('#at', '2026-10-05T10:00');
    await Promise.all([page.waitForURL('**?done=scheduled'), page.click('#schedule')]);
    expect(await page.locator('h1 .badge').textContent()).toBe('scheduled');
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-newsletter.png'), fullPage: true });

    await advanceClock(stack.ctx, stack.clock, 3 * HOUR);
    for (const r of stress) {
      const got = await copies(stack, r.email);
      expect(got).toHaveLength(1);
      expect(got[0]!.subject).toBe('When the evenings are hardest');
      expect(header(got[0]!, 'X-Mend-Sent-At')).toBe('2026-10-05T10:00:00.000Z');
    }
    for (const r of loving) expect(await copies(stack, r.email)).toHaveLength(0);
    await page.reload();
    expect(await page.locator('h1 .badge').textContent()).toBe('sent');
    expect(await page.locator('.stat', { hasText: 'Sent' }).first().locator('b').textContent()).toBe(String(stress.length));
  }, 120_000);
});
