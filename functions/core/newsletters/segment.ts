import type { Ctx } from '../context.js';
import { everyOutcome } from '../db/outcomes.js';
import { allSubscriberSummaries, type SubscriberSummary } from '../db/readers.js';
import { everyReply } from '../db/replies.js';
import { suppressedAmong } from '../sending/suppression.js';
import { daysBetween, localDate } from '../shared/time.js';
import { DAY } from '../clock.js';
import type { Segment, SegmentStatus } from './segment-schema.js';

export { Segment, type SegmentInput } from './segment-schema.js';

/**
 * Who a segment means, now. Read from the `readers` index (its projection carries consent,
 * enrolment day, zone and hour), the outcome list (latest answer per reader) and, only when the
 * segment asks, the replies of the last N days: a handful of Queries, never a Scan of readers.
 *
 * Everyone who ever opted in and confirmed is a candidate; a candidate who matches the filters is
 * either a recipient or excluded with the reason (unsubscribed, newsletter turned off, suppressed),
 * so the count before sending excludes them and the issue can show who did not get it and why.
 */
export interface SegmentResult {
  recipients: SubscriberSummary[];
  excluded: { reader: SubscriberSummary; reason: 'unsubscribed' | 'newsletter-off' | 'suppressed' }[];
}

const statusOf = (r: SubscriberSummary): SegmentStatus | null => {
  if (r.course === false) return 'newsletter-only';
  if (r.status === 'active') return 'in-course';
  if (r.status === 'paused') return 'paused';
  if (r.status === 'completed') return 'finished';
  return null;
};

/** `in-course` covers paused readers too (they are still in the course). */
const statusMatches = (want: SegmentStatus[], r: SubscriberSummary) => {
  const s = statusOf(r);
  return !!s && (want.includes(s) || (s === 'paused' && want.includes('in-course')));
};

export async function evaluateSegment(ctx: Ctx, segment: Segment): Promise<SegmentResult> {
  const now = ctx.clock.now();
  const latest = segment.outcome ? await latestOutcomes(ctx) : null;
  const replied = segment.repliedWithinDays ? await repliedSince(ctx, new Date(now.getTime() - segment.repliedWithinDays * DAY).toISOString()) : null;
  const matched: SubscriberSummary[] = [];
  for await (const r of allSubscriberSummaries(ctx)) {
    if (!r.enrolledOn || r.status === 'pending') continue; // never confirmed: never a subscriber
    if (!r.newsletter && !r.newsletterOffAt) continue; // never opted in
    const course = r.course !== false;
    if (segment.situation && (!course || !segment.situation.includes(r.situation))) continue;
    if (segment.track && (!course || !segment.track.includes(r.track))) continue;
    if (segment.status && !statusMatches(segment.status, r)) continue;
    if (segment.enrolledFrom && r.enrolledOn < segment.enrolledFrom) continue;
    if (segment.enrolledTo && r.enrolledOn > segment.enrolledTo) continue;
    if (segment.courseDayMin !== undefined || segment.courseDayMax !== undefined) {
      if (!course) continue;
      const day = daysBetween(r.enrolledOn, localDate(now, r.timezone ?? 'UTC'));
      if (segment.courseDayMin !== undefined && day < segment.courseDayMin) continue;
      if (segment.courseDayMax !== undefined && day > segment.courseDayMax) continue;
    }
    if (latest && segment.outcome && (!course || !segment.outcome.includes(latest.get(r.id) as never))) continue;
    if (replied && !replied.has(r.id)) continue;
    matched.push(r);
  }
  const out: SegmentResult = { recipients: [], excluded: [] };
  const willGet: SubscriberSummary[] = [];
  for (const r of matched) {
    if (r.status === 'suppressed') out.excluded.push({ reader: r, reason: 'suppressed' });
    else if (r.status === 'unsubscribed') out.excluded.push({ reader: r, reason: 'unsubscribed' });
    else if (!r.newsletter) out.excluded.push({ reader: r, reason: 'newsletter-off' });
    else willGet.push(r);
  }
  // The address suppression list (a bounce, a complaint, the author), 100 addresses a BatchGetItem.
  for (let i = 0; i < willGet.length; i += 100) {
    const chunk = willGet.slice(i, i + 100);
    const blocked = await suppressedAmong(ctx, chunk.map((r) => r.email));
    for (const r of chunk) {
      if (blocked.has(r.email)) out.excluded.push({ reader: r, reason: 'suppressed' });
      else out.recipients.push(r);
    }
  }
  return out;
}

/** How many would get an issue sent to this segment now (what the author sees before sending). */
export async function countSegment(ctx: Ctx, segment: Segment): Promise<{ count: number; excluded: number }> {
  const r = await evaluateSegment(ctx, segment);
  return { count: r.recipients.length, excluded: r.excluded.length };
}

/** Each reader's latest check-in answer, whatever the checkpoint. */
async function latestOutcomes(ctx: Ctx): Promise<Map<string, string>> {
  const best = new Map<string, { at: string; outcome: string }>();
  for await (const o of everyOutcome(ctx)) {
    const at = o.answeredAt ?? '';
    const cur = best.get(o.readerId);
    if (!cur || at > cur.at) best.set(o.readerId, { at, outcome: o.outcome });
  }
  return new Map([...best].map(([id, v]) => [id, v.outcome]));
}

/** Readers with a reply received since `since` (both reply inboxes, newest first: stops at `since`). */
async function repliedSince(ctx: Ctx, since: string): Promise<Set<string>> {
  const out = new Set<string>();
  for (const box of ['unreviewed', 'reviewed'] as const) {
    for await (const r of everyReply(ctx, box)) {
      if (r.receivedAt < since) break;
      out.add(r.readerId);
    }
  }
  return out;
}
