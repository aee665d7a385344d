import type { Ctx } from '../context.js';
import { counter } from '../aggregates/counters.js';
import { FUNNEL, funnelDims } from '../choices/record.js';
import { pause, rescheduled, resume, switchTrack } from '../course/engine.js';
import type { OutboxOp, Reader, Track } from './schema.js';
import { sameZone } from '../shared/zones.js';
import { mutateReader } from './store.js';

/**
 * What a reader can do from the preferences page or an email footer. Each is one read-modify-write
 * of the reader; the due index follows from the new state.
 */
export type ReaderAction =
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'switch-track'; track: Track }
  | { type: 'schedule'; sendHour: number; timezone: string }
  | { type: 'stop-followups' }
  | { type: 'resume-followups' }
  | { type: 'unsubscribe'; via: 'one-click' | 'page' | 'mailto' | 'author' };

const lastLesson = (r: Reader) => [...r.sends].reverse().find((s) => s.kind === 'lesson');

export async function applyReaderAction(ctx: Ctx, readerId: string, action: ReaderAction): Promise<Reader | null> {
  const now = ctx.clock.now();
  return mutateReader(
    ctx,
    readerId,
    (r) => {
      if (r.status === 'unsubscribed' || r.status === 'suppressed') return null; // stays stopped
      switch (action.type) {
        case 'pause':
          return r.status === 'active' ? pause(r, now) : null;
        case 'resume':
          return r.status === 'paused' ? resume(r, now) : null;
        case 'switch-track':
          return r.status === 'pending' ? { ...r, track: action.track, situation: action.track } : switchTrack(r, action.track, now);
        case 'schedule':
          // The same zone by another name (Asia/Calcutta, Asia/Kolkata) is no change of zone.
          return rescheduled({ ...r, sendHour: action.sendHour, timezone: sameZone(action.timezone, r.timezone) ? r.timezone : action.timezone }, now);
        case 'stop-followups':
          return { ...r, followUpStopped: true };
        case 'resume-followups':
          return r.followUpConsent ? { ...r, followUpStopped: false } : { ...r, followUpConsent: true, followUpStopped: false };
        case 'unsubscribe':
          return { ...r, status: 'unsubscribed', unsubscribedAt: now.toISOString(), unsubscribedVia: action.via };
      }
    },
    {
      ops: (prev, next): OutboxOp[] => {
        if (action.type !== 'unsubscribe' || prev.status === 'unsubscribed') return [];
        const lesson = lastLesson(prev);
        if (!lesson?.track) return [];
        return [
          {
            id: `${prev.id}:unsub:${next.unsubscribedAt}`,
            counters: [counter(FUNNEL, funnelDims(lesson.track, lesson.ref), { unsubscribed: 1 })],
            puts: [],
          },
        ];
      },
    },
  );
}
