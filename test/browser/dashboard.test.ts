import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { noBrowser, launchPersistent } from '../helpers/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allReaders, getReader } from '../../functions/core/db/readers.js';
import { Outcome } from '../../functions/core/outcomes/categories.js';
import { recordOutcome } from '../../functions/core/outcomes/record.js';
import type { OutcomeReport } from '../../functions/core/reports/outcomes.js';
import { rng } from '../../functions/local/simulate.js';
import { saveClockOffset, startStack, type Stack } from '../../functions/local/stack.js';
import { courseWorld } from '../helpers/course-world.js';
import { services } from '../helpers/services.js';
import { copyWorld } from '../helpers/shared-world.js';

/**
 * The author's path in a real browser: a data folder holding a simulated world (the 100 readers of
 * simulate.test.ts), then the same stack `npm start` builds on it; log in at /admin, read the
 * outcome report, check every number on the page against the API, download the CSV, open a
 * reader, log out. Screenshots go to .artifacts/.
 */
const ARTIFACTS = fileURLToPath(new URL('../../.artifacts', import.meta.url)); // git-ignored

let dataDir: string;
let profileDir: string;
let stack: Stack;
let browser: BrowserContext;
let page: Page;
let token: string;

/** More check-in answers than the simulated readers gave, as if clicked, some replacing theirs (the latest counts). */
async function answerCheckins(s: Stack) {
  const rand = rng(11);
  const items = [];
  for await (const r of allReaders(s.ctx)) items.push(r);
  let n = 0;
  for (const item of items) {
    const r = await getReader(s.ctx, String(item.id));
    for (const send of r?.sends.filter((x) => x.kind === 'checkin') ?? []) {
      if (rand.next() < 0.35) continue; // some never answer: the report must show them
      await recordOutcome(s.ctx, r!, { checkpoint: send.ref, outcome: rand.pick(Outcome.options), source: 'link' });
      n++;
    }
  }
  return n;
}

describe.skipIf(noBrowser)('the dashboard in a real browser', () => {
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mend-browser-'));
    profileDir = mkdtempSync(join(tmpdir(), 'mend-chromium-'));
    const sesUrl = services().sesUrl;
    // The simulation's 100 readers over 120 days (seeded once for this file and simulate.test.ts),
    // as a data folder: its items through a first start on the folder, its app clock where the
    // world ended; then the stack `npm start` builds on that folder.
    const seeded = await courseWorld();
    const first = await startStack({ dataDir, sesUrl, silent: true });
    try {
      await copyWorld(seeded, first.ctx.db);
    } finally {
      await first.close();
    }
    saveClockOffset(dataDir, Date.parse(seeded.now) - Date.now());
    stack = await startStack({ dataDir, port: 0, sesUrl, silent: true });
    expect(stack.clock.now().toISOString().slice(0, 10)).toBe(seeded.now.slice(0, 10));
    token = stack.ctx.secrets.adminToken;
    expect(await answerCheckins(stack)).toBeGreaterThan(5);
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchPersistent(profileDir, { acceptDownloads: true });
    page = browser.pages()[0] ?? (await browser.newPage());
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    for (const d of [dataDir, profileDir]) if (d) rmSync(d, { recursive: true, force: true });
  });

  const apiReport = async (): Promise<OutcomeReport> =>
    (await (await fetch(`${stack.urls.app}/api/admin/reports/outcomes`, { headers: { authorization: `Bearer ${token}` } })).json()) as OutcomeReport;

  it('sends a visitor to the login form, then logs in with the token', async () => {
    await page.goto(`${stack.urls.app}/admin/reports/outcomes`);
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    await page.fill('#token', 'not-the-token');
    await page.click('button[type=submit]');
    await expect.poll(() => page.textContent('.errors')).toContain('not the admin token');
    await page.fill('#token', token);
    await Promise.all([page.waitForURL('**/admin/reports/outcomes'), page.click('button[type=submit]')]);
    const [cookie] = await browser.cookies();
    expect(cookie).toMatchObject({ name: 'mend_admin', httpOnly: true, sameSite: 'Strict', path: '/admin' });
  });

  it('shows the outcome report with the same numbers as the API, a chart per situation', async () => {
    const rep = await apiReport();
    expect(rep.groups.flatMap((g) => g.rows).reduce((s, r) => s + r.due, 0)).toBeGreaterThan(5);
    for (const g of rep.groups)
      for (const row of g.rows) {
        const cell = (k: string) => page.textContent(`[data-cell="${g.group}:${row.checkpoint}:${k}"]`);
        expect(await cell('due'), `${g.group} ${row.checkpoint} due`).toBe(row.due.toLocaleString('en-US'));
        expect(await cell('responded')).toBe(String(row.responded));
        for (const k of rep.categories) expect(await cell(k), `${g.group} ${row.checkpoint} ${k}`).toBe(String(row.counts[k]));
      }
    expect(await page.locator('.chart svg').count()).toBe(3);
    expect(await page.locator('.legend').textContent()).toContain('No response');
    const answered = rep.groups[0]!.rows.find((r) => r.due)!;
    const label = `${answered.due} due · ${Math.round((answered.responseRate ?? 0) * 100)}% answered`;
    expect(await page.locator(`#group-${rep.groups[0]!.group} svg`).textContent()).toContain(label);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-outcomes.png'), fullPage: true });
  });

  it('downloads the report as CSV, identical to the API export', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href^="/admin/export/report.csv"]')]);
    const file = join(ARTIFACTS, 'outcome-report.csv');
    await download.saveAs(file);
    const api = await (await fetch(`${stack.urls.app}/api/admin/reports/outcomes?format=csv`, { headers: { authorization: `Bearer ${token}` } })).text();
    expect(readFileSync(file, 'utf8').replace(/^\ufeff/, '')).toBe(api);
  });

  it('finds a reader and shows their story', async () => {
    await page.goto(`${stack.urls.app}/admin/readers`);
    const first = page.locator('table tbody tr td a').first();
    const name = await first.textContent();
    await Promise.all([page.waitForURL('**/admin/readers/*'), first.click()]);
    expect(await page.textContent('h1')).toContain(name!);
    expect(await page.locator('ol.tl li').count()).toBeGreaterThan(3);
    await page.fill('#note', 'Checked in the browser test.');
    await Promise.all([page.waitForURL('**?done=note'), page.click('form.card button[type=submit]')]);
    expect(await page.textContent('.flash')).toContain('Note saved.');
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-reader.png'), fullPage: true });
    await page.goto(`${stack.urls.app}/admin`);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-overview.png'), fullPage: true });
  });

  it('logs out, after which no page answers', async () => {
    await Promise.all([page.waitForURL('**/admin/login?out=1'), page.click('nav.admin form button')]);
    await page.goto(`${stack.urls.app}/admin/reports/outcomes`);
    expect(new URL(page.url()).pathname).toBe('/admin/login');
  });
});
