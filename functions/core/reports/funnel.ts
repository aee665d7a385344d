import { z } from 'zod';
import type { Ctx } from '../context.js';
import { currentCourse } from '../course/versions.js';
import { countersWithPrefix } from '../db/counters.js';
import { Track } from '../db/readers.js';

const Rate = z.number().nullable().describe('0..1; null when nothing was sent');

/** One lesson on one track: what readers did with it. */
export const FunnelRow = z.object({
  track: z.string(),
  lessonId: z.string(),
  /** The lesson's day on the track (earliest placement), for ordering; null for interjections. */
  day: z.number().int().nullable(),
  sent: z.number().int(),
  replied: z.number().int(),
  clicked: z.number().int(),
  unsubscribed: z.number().int(),
  replyRate: Rate,
  clickRate: Rate,
  unsubscribeRate: Rate,
});
export type FunnelRow = z.infer<typeof FunnelRow>;

export const FunnelReport = z.object({ rows: z.array(FunnelRow) });
export type FunnelReport = z.infer<typeof FunnelReport>;

/** Where each lesson sits on a track: its earliest day on any of the track's paths. */
function lessonDays(track: string): Map<string, number> {
  const days = new Map<string, number>();
  for (const path of Object.values(currentCourse.tracks[track as Track]?.paths ?? {}))
    for (const l of path) days.set(l.lesson, Math.min(days.get(l.lesson) ?? Infinity, l.day));
  return days;
}

const rate = (n: number, d: number) => (d > 0 ? n / d : null);

/** Per track, per lesson: sent, replied, clicked a choice, unsubscribed after it. One Query on the FUNNEL counters. */
export async function funnelReport(ctx: Ctx, track?: Track): Promise<FunnelReport> {
  const rows: FunnelRow[] = [];
  const days = new Map<string, Map<string, number>>();
  for (const { dims: sk, counts: i } of await countersWithPrefix(ctx, 'funnel', track ? `${track}#` : '')) {
      const cut = sk.indexOf('#');
      const [t, lessonId] = [sk.slice(0, cut), sk.slice(cut + 1)];
      if (!days.has(t)) days.set(t, lessonDays(t));
      const n = (k: string) => Math.max(0, Number(i[k] ?? 0));
      const sent = n('sent');
      rows.push({
        track: t, lessonId, day: days.get(t)!.get(lessonId) ?? null,
        sent, replied: n('replied'), clicked: n('clicked'), unsubscribed: n('unsubscribed'),
        replyRate: rate(n('replied'), sent), clickRate: rate(n('clicked'), sent), unsubscribeRate: rate(n('unsubscribed'), sent),
      });
    }
  const trackOrder = (t: string) => (Track.options as readonly string[]).indexOf(t) >>> 0; // unknown tracks last
  rows.sort((a, b) => trackOrder(a.track) - trackOrder(b.track) || a.track.localeCompare(b.track) || (a.day ?? 1e9) - (b.day ?? 1e9) || a.lessonId.localeCompare(b.lessonId));
  return { rows };
}
