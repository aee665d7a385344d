import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBroadcasts } from '../../functions/core/newsletters/broadcast.js';
import { api } from './admin/admin-helpers.js';
import { newIssue, seed, seededReader } from '../helpers/newsletters.js';
import { testStack, type TestStack } from '../helpers/stack.js';

describe('the public newsletter archive', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await testStack({ now: '2026-11-02T09:00:00Z' });
  });
  afterAll(() => stack.close());

  it('shows the issues marked public once they went out, with an RSS feed, and no reader data', async () => {
    const [reader] = await seed(stack, [seededReader({ firstName: 'Quentin' })]);
    const shown = await newIssue(stack, { subject: 'Shown & told', public: true, markdown: 'A **public** letter.\n\n<script>x</script>' });
    const draft = await newIssue(stack, { subject: 'Draft, public but unsent', public: true });
    const privateOne = await newIssue(stack, { subject: 'Only for subscribers' });
    for (const id of [shown, privateOne]) await api(stack, `/newsletters/${id}/send`, { body: { segment: {} } });
    await runBroadcasts(stack.ctx);

    const list = await (await stack.app.request('/archive')).text();
    expect(list).toContain('Shown &amp; told');
    expect(list).not.toContain('Draft, public but unsent');
    expect(list).not.toContain('Only for subscribers');
    const page = await stack.app.request(`/archive/${shown}`);
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain('<strong>public</strong>');
    expect(body).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(body).not.toContain(reader!.email);
    expect(body).not.toContain('Quentin');
    expect(body).not.toMatch(/\/unsubscribe\/|\/me\//);
    expect((await stack.app.request(`/archive/${draft}`)).status).toBe(404);
    expect((await stack.app.request(`/archive/${privateOne}`)).status).toBe(404);

    const rss = await stack.app.request('/archive/rss.xml');
    expect(rss.headers.get('content-type')).toMatch(/application\/rss\+xml/);
    const xml = await rss.text();
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<rss version="2.0"><channel>/);
    expect(xml).toContain(`<title>Shown &amp; told</title><link>http://localhost:3000/archive/${shown}</link>`);
    expect(xml).not.toContain('Only for subscribers');
    expect(xml).not.toContain(reader!.email);
  });
});
