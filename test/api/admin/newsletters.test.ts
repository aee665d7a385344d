import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, apiJson } from './admin-helpers.js';
import { copies, newIssue, seed, seededReader } from '../../helpers/newsletters.js';
import { header, inbox, testStack, uniqueEmail, type TestStack } from '../../helpers/stack.js';
import { runBroadcasts } from '../../../functions/core/newsletters/broadcast.js';

describe('the newsletter admin API', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await testStack({ now: '2026-08-03T09:00:00Z' });
  });
  afterAll(() => stack.close());

  it('mounts at start-up exactly the newsletter routes whose specs load on first use', async () => {
    const { NEWSLETTER_ROUTES } = await import('../../../functions/api/routes/admin/api/index.js');
    const { newslettersApi } = await import('../../../functions/api/routes/admin/api/newsletters.js');
    expect(newslettersApi.map((r) => `${r.method} ${r.path}`).sort()).toEqual(NEWSLETTER_ROUTES.map(([m, p]) => `${m} ${p}`).sort());
  });

  it('creates a draft (201 {id}), shows it with its status and figures, and lists it', async () => {
    const res = await api(stack, '/newsletters', { body: { subject: 'Hello', previewText: 'A first letter', markdown: 'Dear reader,\n\nhello.' } });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const v = await apiJson(stack, `/newsletters/${id}`);
    expect(v).toMatchObject({ id, subject: 'Hello', status: 'draft', recipients: 0, sent: 0, failed: 0 });
    const list = await apiJson<{ newsletters: { id: string }[] }>(stack, '/newsletters');
    expect(list.newsletters.map((n) => n.id)).toContain(id);
    const bad = await api(stack, '/newsletters', { body: { subject: '', markdown: 3 } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(expect.arrayContaining(['subject', 'markdown']));
    expect((await api(stack, '/newsletters/nope')).status).toBe(404);
  });

  it('previews HTML and text with size, links and warnings', async () => {
    const id = await newIssue(stack, { previewText: '', markdown: `See [this](https://example.test/x).\n\n${'A long paragraph of kind words. '.repeat(3500)}` });
    const p = await apiJson<{ html: string; text: string; htmlBytes: number; links: string[]; warnings: { code: string }[] }>(stack, `/newsletters/${id}/preview`);
    expect(p.text).toContain('Hi Sam,');
    expect(p.text).toContain('Unsubscribe from the newsletter');
    expect(p.htmlBytes).toBeGreaterThan(90 * 1024);
    expect(p.links).toEqual(['https://example.test/x']);
    expect(p.warnings.map((w) => w.code).sort()).toEqual(['links-not-checked', 'no-preview-text', 'too-large']);
    const draft = await apiJson<{ warnings: unknown[]; html: string }>(stack, '/newsletters/preview', { body: { subject: 'Unsaved', previewText: 'Short', markdown: 'Just *this*.' } });
    expect(draft.warnings).toEqual([]);
    expect(draft.html).toContain('<em>this</em>');
  });

  it('sends a test copy to the author, marked as a test, to nobody else', async () => {
    const readers = await seed(stack, [seededReader()]);
    const id = await newIssue(stack);
    const to = uniqueEmail('author');
    const res = await apiJson<{ to: string }>(stack, `/newsletters/${id}/test`, { body: { to } });
    expect(res.to).toBe(to);
    const [mail] = await inbox(stack, to);
    expect(mail!.subject).toBe('[Test] A letter for the quiet weeks');
    expect(header(mail!, 'X-Mend-Kind')).toBe('newsletter');
    expect(header(mail!, 'X-Mend-Ref')).toBe(id);
    expect(await copies(stack, readers[0]!.email, id)).toHaveLength(0);
    expect((await apiJson(stack, `/newsletters/${id}`)).status).toBe('draft');
  });

  it('refuses to change the text once scheduled, but lets the author mark it public', async () => {
    const id = await newIssue(stack);
    await api(stack, `/newsletters/${id}/send`, { body: { segment: { status: 'finished' }, at: '2026-09-01T08:00:00Z' } });
    expect((await api(stack, `/newsletters/${id}/edit`, { body: { subject: 'Changed' } })).status).toBe(409);
    expect(await apiJson(stack, `/newsletters/${id}/edit`, { body: { public: true } })).toMatchObject({ public: true, status: 'scheduled' });
    expect((await api(stack, `/newsletters/${id}/resume`, { body: {} })).status).toBe(200);
    expect((await api(stack, `/newsletters/${id}/pause`, { body: {} })).status).toBe(200);
    expect(await apiJson(stack, `/newsletters/${id}`)).toMatchObject({ status: 'paused' });
    await apiJson(stack, `/newsletters/${id}/cancel`, { body: {} });
    expect((await api(stack, `/newsletters/${id}/resume`, { body: {} })).status).toBe(409);
    await runBroadcasts(stack.ctx);
  });
});
