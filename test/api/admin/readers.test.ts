import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReaderStory } from '../../../functions/core/admin/story.js';
import { readCounter } from '../../../functions/core/db/counters.js';
import { getReader } from '../../../functions/core/db/readers.js';
import { outcomeDims } from '../../../functions/core/outcomes/record.js';
import { sharedWorld } from '../../helpers/shared-world.js';
import type { TestStack } from '../../helpers/stack.js';
import { api, apiJson, dash, login } from './admin-helpers.js';
import { AWKWARD_NAME, seedWorld, type World } from './world.js';

let stack: TestStack;
let world: World;
let cookie: string;
beforeAll(async () => {
  ({ stack, world } = await sharedWorld('admin', '2026-01-05T06:00:00Z', seedWorld));
  cookie = await login(stack);
}, 120_000);
afterAll(() => stack.close());

type Summary = { id: string; email: string; situation: string; track: string; status: string; firstName: string };
const readers = (q: string) => apiJson<{ readers: Summary[]; cursor: string | null }>(stack, `/readers${q}`);

describe('GET /api/admin/readers', () => {
  it('finds a reader by exact address', async () => {
    const a = world.readers[3]!;
    const res = await readers(`?email=${encodeURIComponent(a.email)}`);
    expect(res.readers).toHaveLength(1);
    // Reader a never answers a question: since issue 11 (bounded re-asks, an honest "no answer" lesson)
    // the course ends for them around day 90, before the world's day 98; it used to run to day 103.
    expect(res.readers[0]).toMatchObject({ id: a.id, email: a.email, situation: a.situation, track: expect.any(String), status: 'completed' });
    expect((await readers('?email=nobody%40example.com')).readers).toEqual([]);
  });

  it('searches part of an address or a name, case-insensitively, newest first', async () => {
    const a = world.readers[0]!;
    expect((await readers(`?q=${encodeURIComponent(a.email.slice(7, 14).toUpperCase())}`)).readers.map((r) => r.id)).toEqual([a.id]);
    expect((await readers('?q=ann%2C')).readers.map((r) => r.firstName)).toEqual([AWKWARD_NAME]);
    expect((await readers('?q=rEaDeR5')).readers.map((r) => r.firstName)).toEqual(['Reader5']);
    const all = (await readers('')).readers;
    expect(all.map((r) => r.id).sort()).toEqual(world.readers.map((r) => r.id).sort());
    const keys = all.map((r) => `${(r as Summary & { createdAt: string }).createdAt}#${r.id}`);
    expect(keys).toEqual([...keys].sort().reverse()); // newest first (same instant: by id)
  });

  it('filters by track and status, and pages with a cursor without losing or repeating anyone', async () => {
    // Readers switch tracks at branch points: the filter is on the track they are on now.
    const now = await Promise.all(world.readers.map((r) => getReader(stack.ctx, r.id)));
    for (const track of ['tumultuous', 'healthy', 'stress']) {
      const found = (await readers(`?track=${track}&limit=50`)).readers.map((r) => r.id).sort();
      expect(found).toEqual(now.filter((r) => r!.track === track).map((r) => r!.id).sort());
    }
    const activeHealthy = (await readers('?track=healthy&status=active&limit=50')).readers.map((r) => r.id).sort();
    expect(activeHealthy).toEqual(now.filter((r) => r!.track === 'healthy' && r!.status === 'active').map((r) => r!.id).sort());
    expect((await readers('?status=unsubscribed')).readers).toEqual([]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { readers: Summary[]; cursor: string | null } = await readers(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.readers.length).toBeLessThanOrEqual(2);
      seen.push(...page.readers.map((r) => r.id));
      cursor = page.cursor;
    } while (cursor);
    expect(seen.sort()).toEqual(world.readers.map((r) => r.id).sort());
  });

  it('answers 400 for a bad filter or cursor', async () => {
    expect((await api(stack, '/readers?status=gone')).status).toBe(400);
    expect((await api(stack, '/readers?limit=0')).status).toBe(400);
    const bad = await api(stack, '/readers?cursor=not-a-cursor');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ issues: [{ path: 'cursor' }] });
  });
});

describe('GET /api/admin/readers/:id', () => {
  it('tells a reader\'s whole story: sends, replies without quotes, outcomes, notes, in time order', async () => {
    const a = world.awkward;
    const note = await api(stack, `/readers/${a.id}/notes`, { body: { text: 'Call back in spring.' } });
    expect(note.status).toBe(201);
    const s = await apiJson<ReaderStory>(stack, `/readers/${a.id}`);
    expect(s).toMatchObject({ id: a.id, email: a.email, firstName: AWKWARD_NAME, situation: 'tumultuous', track: expect.any(String), status: expect.any(String), timezone: 'UTC' });
    for (const internal of ['outbox', 'cursor', 'claim', 'ver', 'pk']) expect(s).not.toHaveProperty(internal);
    expect(s.sends[0]).toMatchObject({ lessonId: 'tumultuous/day-00', sentAt: expect.any(String), day: 0, courseDay: 0, track: 'tumultuous' });
    expect(s.sends.length).toBeGreaterThan(10);
    expect(s.checkins.map((c) => c.checkpoint)).toEqual(['1m', '3m']);
    expect(s.replies).toHaveLength(1);
    expect(s.replies[0]).toMatchObject({ receivedAt: expect.any(String), lessonId: a.lessonId, text: a.text, reviewed: false });
    expect(s.replies[0]!.signals.map((x) => x.signal)).toContain('no-contact-day');
    expect(s.outcomes.map((o) => [o.checkpoint, o.outcome])).toEqual([['1m', 'together-struggling'], ['3m', 'broke-up-again']]);
    expect(s.notes.map((n) => n.text)).toEqual(['Call back in spring.']);
    const types = s.timeline.map((t) => t.type);
    expect(types[0]).toBe('status');
    for (const t of ['lesson', 'checkin', 'reply', 'outcome', 'note']) expect(types).toContain(t);
    const times = s.timeline.map((t) => t.at);
    expect(times).toEqual([...times].sort());
  });

  it('shows branch choices with the track move', async () => {
    // Stress readers meet a branch on day 4; click one through the real link.
    const stressReader = world.readers[2]!;
    const s = await apiJson<ReaderStory>(stack, `/readers/${stressReader.id}`);
    expect(s.choices.length).toBeGreaterThan(0); // timeouts count as choices too (by: timeout)
    for (const c of s.choices) expect(c).toMatchObject({ at: expect.any(String), branch: expect.any(String), by: expect.stringMatching(/^(click|timeout|reply|author)$/) });
  });

  it('answers 404 for an unknown reader and 400 for an empty note', async () => {
    expect((await api(stack, '/readers/nobody')).status).toBe(404);
    expect((await api(stack, '/readers/nobody/notes', { body: { text: 'x' } })).status).toBe(404);
    expect((await api(stack, `/readers/${world.awkward.id}/notes`, { body: { text: '   ' } })).status).toBe(400);
  });
});

describe('the reader pages', () => {
  it('lists, searches and opens a reader, and saves a note from the form', async () => {
    const list = await (await dash(stack, cookie, '/admin/readers?q=ann&track=&status=')).text();
    expect(list).toContain(`href="/admin/readers/${world.awkward.id}"`);
    expect(list).toContain('Ann, &quot;Jo&quot;'); // escaped, not raw HTML
    const post = await dash(stack, cookie, `/admin/readers/${world.awkward.id}/notes`, { text: '<b>not bold</b>' });
    expect(post.status).toBe(303);
    expect(post.headers.get('location')).toBe(`/admin/readers/${world.awkward.id}?done=note`);
    const page = await (await dash(stack, cookie, post.headers.get('location')!)).text();
    expect(page).toContain('Note saved.');
    expect(page).toContain('&lt;b&gt;not bold&lt;/b&gt;');
    expect(page).toContain('Timeline');
    expect(page).toContain('tumultuous/day-00');
    expect(page).toContain('Outcome at 3m: Broke up again');
  });

  it('shows a friendly error page for an unknown reader', async () => {
    const res = await dash(stack, cookie, '/admin/readers/nobody');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('No reader with this id');
  });
});

describe('replies inbox', () => {
  type Reply = { readerId: string; replyId: string; text: string; signals: { signal: string; correctedBy?: string }[]; reviewed: boolean; proposedOutcome?: string; checkpoint?: string; note?: string; reader?: { firstName: string } };
  const inbox = (q = '') => apiJson<{ replies: Reply[]; cursor: string | null }>(stack, `/replies${q}`);

  it('lists unreviewed replies newest first, with the reader, filtered by signal and track', async () => {
    const { replies } = await inbox();
    expect(replies.map((r) => r.replyId)).toEqual([world.checkinReply.replyId, world.awkward.replyId]);
    expect(replies[1]!.reader!.firstName).toBe(AWKWARD_NAME);
    expect((await inbox('?signal=no-contact-day')).replies.map((r) => r.replyId)).toEqual([world.awkward.replyId]);
    expect((await inbox('?signal=ex-dating')).replies).toEqual([]);
    expect((await inbox('?track=tumultuous')).replies.map((r) => r.replyId)).toEqual([world.awkward.replyId]);
    expect((await api(stack, '/replies?signal=bogus')).status).toBe(400);
  });

  it('marks a reply reviewed and back, moving it between boxes', async () => {
    const { readerId, replyId } = world.awkward;
    const res = await apiJson<{ reply: Reply }>(stack, `/replies/${readerId}/${replyId}/review`, { body: {} });
    expect(res.reply.reviewed).toBe(true);
    expect((await inbox()).replies.map((r) => r.replyId)).not.toContain(replyId);
    expect((await inbox('?box=reviewed')).replies.map((r) => r.replyId)).toContain(replyId);
    await apiJson(stack, `/replies/${readerId}/${replyId}/review`, { body: { reviewed: false } });
    expect((await inbox()).replies.map((r) => r.replyId)).toContain(replyId);
    expect((await api(stack, `/replies/${readerId}/nope/review`, { body: {} })).status).toBe(404);
  });

  it('corrects signals, keeping the machine reading on record', async () => {
    const { readerId, replyId } = world.awkward;
    const res = await apiJson<{ reply: Reply }>(stack, `/replies/${readerId}/${replyId}/signals`, { body: { signals: ['no-contact-day', 'ex-reached-out'] } });
    expect(res.reply.signals.map((s) => [s.signal, s.correctedBy])).toEqual([['no-contact-day', undefined], ['ex-reached-out', 'author']]);
    expect((await api(stack, `/replies/${readerId}/${replyId}/signals`, { body: { signals: ['nonsense'] } })).status).toBe(400);
  });

  it('confirms the outcome a check-in reply proposes, and the report counts it', async () => {
    const { readerId, replyId } = world.checkinReply;
    const reply = (await inbox()).replies.find((r) => r.replyId === replyId)!;
    expect(reply).toMatchObject({ checkpoint: '1m', proposedOutcome: 'together-healthy' });
    const dims = outcomeDims.situation('healthy', '1m');
    const before = await readCounter(stack.ctx, 'outcomes', dims);
    const res = await apiJson<{ status: string; outcome: string; reply: Reply }>(stack, `/replies/${readerId}/${replyId}/outcome`, { body: {} });
    expect(res).toMatchObject({ status: 'recorded', outcome: 'together-healthy', checkpoint: '1m' });
    expect(res.reply.reviewed).toBe(true);
    const after = await readCounter(stack.ctx, 'outcomes', dims);
    expect(after['together-healthy']).toBe((before['together-healthy'] ?? 0) + 1);
    const story = await apiJson<ReaderStory>(stack, `/readers/${readerId}`);
    expect(story.outcomes).toEqual([expect.objectContaining({ checkpoint: '1m', outcome: 'together-healthy', source: 'author' })]);
    // A lesson reply has no checkpoint: the author must name one.
    const lesson = await api(stack, `/replies/${world.awkward.readerId}/${world.awkward.replyId}/outcome`, { body: { outcome: 'moved-on' } });
    expect(lesson.status).toBe(400);
  });

  it('adds a private note to a reply, which also shows in the timeline', async () => {
    const { readerId, replyId } = world.awkward;
    const res = await api(stack, `/replies/${readerId}/${replyId}/note`, { body: { text: 'Sounds steadier.' } });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { reply: Reply }).reply.note).toBe('Sounds steadier.');
    const story = await apiJson<ReaderStory>(stack, `/readers/${readerId}`);
    expect(story.notes.find((n) => n.replyId === replyId)?.text).toBe('Sounds steadier.');
  });

  it('runs the same actions from the dashboard forms', async () => {
    const { readerId, replyId } = world.awkward;
    const page = await (await dash(stack, cookie, '/admin/replies')).text();
    expect(page).toContain(`action="/admin/replies/${readerId}/${replyId}/review"`);
    expect(page).toContain('Day 3 of no contact, and it is hard.\nI said &quot;no&quot;');
    const sig = await dash(stack, cookie, `/admin/replies/${readerId}/${replyId}/signals`, { signals: ['ex-dating', 'moved-on'], back: '/admin/replies?box=unreviewed' });
    expect(sig.status).toBe(303);
    expect(sig.headers.get('location')).toBe('/admin/replies?box=unreviewed&done=signals');
    const story = await apiJson<ReaderStory>(stack, `/readers/${readerId}`);
    expect(story.replies[0]!.signals.map((s) => s.signal)).toEqual(['ex-dating', 'moved-on']);
    const rev = await dash(stack, cookie, `/admin/replies/${readerId}/${replyId}/review`, { reviewed: 'true', back: 'https://evil.example/' });
    expect(rev.headers.get('location')).toBe('/admin?done=reviewed');
    expect((await dash(stack, cookie, `/admin/replies/${readerId}/${replyId}/frobnicate`, {})).status).toBe(404);
  });
});

describe('unmatched mail', () => {
  it('lists it and assigns it to a reader by address, once', async () => {
    const { unmatched } = await apiJson<{ unmatched: { id: string; from: string; reason: string }[] }>(stack, '/unmatched');
    expect(unmatched.map((u) => u.id)).toEqual([world.unmatchedId]);
    expect(unmatched[0]!.from).toBe(world.strangerEmail);
    const target = world.readers[4]!;
    expect((await api(stack, `/unmatched/${world.unmatchedId}/assign`, { body: {} })).status).toBe(400);
    expect((await api(stack, `/unmatched/${world.unmatchedId}/assign`, { body: { email: 'nobody@example.com' } })).status).toBe(404);
    const res = await apiJson<{ readerId: string; replyId: string }>(stack, `/unmatched/${world.unmatchedId}/assign`, { body: { email: target.email } });
    expect(res.readerId).toBe(target.id);
    expect((await apiJson<{ unmatched: unknown[] }>(stack, '/unmatched')).unmatched).toEqual([]);
    const story = await apiJson<ReaderStory>(stack, `/readers/${target.id}`);
    expect(story.replies).toEqual([expect.objectContaining({ replyId: world.unmatchedId, matchedBy: 'author', reviewed: false })]);
    expect(story.replies[0]!.signals.map((s) => s.signal)).toEqual(['back-together']);
    // Again: idempotent for the same reader, refused for another.
    expect((await api(stack, `/unmatched/${world.unmatchedId}/assign`, { body: { readerId: target.id } })).status).toBe(200);
    expect((await api(stack, `/unmatched/${world.unmatchedId}/assign`, { body: { readerId: world.readers[5]!.id } })).status).toBe(400);
    expect((await apiJson<ReaderStory>(stack, `/readers/${target.id}`)).replies).toHaveLength(1);
  });
});
