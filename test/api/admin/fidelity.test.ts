import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getReader } from '../../../functions/core/db/readers.js';
import type { ReaderStory } from '../../../functions/core/admin/story.js';
import type { OutcomeReport } from '../../../functions/core/reports/outcomes.js';
import type { Reader } from '../../../functions/core/db/readers.js';
import { advanceDays, received } from '../../helpers/course.js';
import { linksIn, tokenPayload } from '../../helpers/links.js';
import { enrolAndConfirm, json, linkIn, testStack, type TestStack } from '../../helpers/stack.js';
import { api, apiJson, csvObjects, dash, login } from './admin-helpers.js';

/** Issue 11 points 19 and 20: what the author reads. */
let stack: TestStack;
let cookie: string;
type R = Awaited<ReturnType<typeof enrolAndConfirm>>;
let together: R, onOff: R, silent: R, left: R, declined: R, paused: R, returned: R;

const prefs = async (r: R, body: object) =>
  stack.app.request(linkIn((await received(stack, r.email, ['lesson']))[0]!.mail, '/me/'), { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const answer = async (r: R, outcome: string) => {
  const [checkin] = await received(stack, r.email, ['checkin']);
  await stack.app.request(linksIn(checkin!.mail, '/outcome/').find((l) => tokenPayload(l).o === outcome)!);
};

beforeAll(async () => {
  stack = await testStack({ now: '2026-01-05T06:00:00Z' });
  const enrol = (followUpConsent: boolean) => enrolAndConfirm(stack, { situation: 'tumultuous', timezone: 'UTC', sendHour: 9, followUpConsent });
  [together, onOff, silent, left, declined, paused, returned] = (await Promise.all([true, true, true, true, false, true, true].map(enrol))) as [R, R, R, R, R, R, R];
  await advanceDays(stack, 5);
  await prefs(paused, { action: 'stop-followups' });
  await prefs(left, { action: 'unsubscribe' });
  await prefs(returned, { action: 'unsubscribe' });
  await advanceDays(stack, 5);
  await prefs(paused, { action: 'resume-followups' }); // back before the first check-in: asked like anyone
  await stack.app.request('/api/enroll', json({ email: returned.email, firstName: 'Robin', situation: 'tumultuous', timezone: 'UTC', sendHour: 9, followUpConsent: true }));
  const confirmations = await received(stack, returned.email, ['confirmation']);
  await stack.app.request(linkIn(confirmations.at(-1)!.mail, '/confirm?token='));
  await advanceDays(stack, 30); // the 1-month check-ins go out
  await answer(together, 'together-healthy');
  await answer(onOff, 'together-struggling');
  cookie = await login(stack);
}, 180_000);
afterAll(() => stack.close());

describe('20. the outcome report', () => {
  it('shows healthy reconciliation beside "got back together" in any way', async () => {
    const rep = await apiJson<OutcomeReport>(stack, '/reports/outcomes');
    const row = rep.groups.find((g) => g.group === 'tumultuous')!.rows.find((r) => r.checkpoint === '1m')!;
    expect(row).toMatchObject({ due: 5, responded: 2 });
    expect(row.reconciled).toEqual({ count: 2, ofResponded: 1, low: 0.4, high: 1 });
    expect(row.reconciledHealthy).toEqual({ count: 1, ofResponded: 0.5, low: 0.2, high: 0.8 });
  });

  it('counts readers who left or declined check-ins before a checkpoint as their own line, and takes back those who returned', async () => {
    const readers = (await Promise.all([together, onOff, silent, left, declined, paused, returned].map((r) => getReader(stack.ctx, r.id)))) as Reader[];
    const recount = (cp: string) => readers.filter((r) => r.notAsked?.checkpoints.includes(cp)).length;
    expect(recount('1m')).toBe(2); // the one who left and the one who never agreed
    for (const by of ['situation', 'track'] as const) {
      const rep = await apiJson<OutcomeReport>(stack, `/reports/outcomes?by=${by}`);
      const rows = rep.groups.find((g) => g.group === 'tumultuous')!.rows;
      for (const r of rows) expect(r.notAsked, `${by} ${r.checkpoint}`).toBe(recount(r.checkpoint));
      expect(rows.find((r) => r.checkpoint === '1m')!.due).toBe(5); // not in due: they were never sent it
    }
    const csv = csvObjects(await (await api(stack, '/reports/outcomes?format=csv')).text());
    expect(csv.find((r) => r.situation === 'tumultuous' && r.checkpoint === '1m')).toMatchObject({ not_asked: '2', reconciled_healthy: '1', reconciled_healthy_pct_of_responded: '50' });
    const page = await (await dash(stack, cookie, '/admin/reports/outcomes')).text();
    expect(page).toContain('Not asked: left or declined check-ins');
    expect(page).toContain('Back together, healthy');
    expect(page).toMatch(/data-cell="tumultuous:1m:not-asked">2</);
  });
});

describe('19. one vocabulary on the dashboard and in the API description', () => {
  it('names tracks and situations as readers know them, beside the codes, and lessons by their titles', async () => {
    const list = await (await dash(stack, cookie, '/admin/readers')).text();
    expect(list).toContain('Stormy (tumultuous track)');
    expect(list).toContain('A stormy relationship (tumultuous)');
    const story = await apiJson<ReaderStory>(stack, `/readers/${together.id}`);
    const welcome = story.timeline.find((e) => e.type === 'lesson')!;
    expect(welcome.title).toBe('Lesson “Welcome. You\'re not alone in this”');
    expect(welcome.detail).toContain('tumultuous/day-00');
    const page = await (await dash(stack, cookie, `/admin/readers/${together.id}`)).text();
    expect(page).toContain('Stormy (tumultuous track)');
    expect(page).toContain('Welcome. You&#39;re not alone in this');
    const funnel = await (await dash(stack, cookie, '/admin/reports/funnel')).text();
    expect(funnel).toContain('<h2>Stormy (tumultuous track)</h2>');
    expect(funnel).toContain('Today you start no contact');
    const report = await (await dash(stack, cookie, '/admin/reports/outcomes')).text();
    expect(report).toContain('A loving relationship that ended (healthy)');
    const spec = (await apiJson<{ paths: Record<string, { get: { parameters: { name: string; schema: { description?: string } }[] } }> }>(stack, '/openapi.json'));
    const track = spec.paths['/readers']!.get.parameters.find((p) => p.name === 'track')!;
    expect(track.schema.description).toContain('tumultuous = a stormy relationship');
  });
});
