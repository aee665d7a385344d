import { z } from 'zod';
import type { Ctx } from '../context.js';
import { funnelDims } from '../choices/record.js';
import { changeSchedule, pause, resume, switchTrack } from '../course/engine.js';
import { counterUpdate, type NewOp } from '../db/outbox.js';
import { SendHour, TimeZone, Track, type Reader } from '../db/readers.js';
import { sameZone } from '../shared/zones.js';
import { mutateReader } from './store.js';

const Pause = z.object({ action: z.literal('pause') });
const Resume = z.object({ action: z.literal('resume') });
const SwitchTrack = z.object({ action: z.literal('switch-track'), track: Track });
const Schedule = z.object({ action: z.literal('schedule'), sendHour: SendHour, timezone: TimeZone });
const StopFollowUps = z.object({ action: z.literal('stop-followups') });
const ResumeFollowUps = z.object({ action: z.literal('resume-followups') });
const Unsubscribe = z.object({ action: z.literal('unsubscribe') });
/** The newsletter's own switch: never touches the course. */
const NewsletterOn = z.object({ action: z.literal('newsletter-on') });
const NewsletterOff = z.object({ action: z.literal('newsletter-off') });
/** An unsubscribed reader coming back: a fresh double opt-in (a confirmation email), nothing else. */
const Resubscribe = z.object({ action: z.literal('resubscribe') });

/** A copy of everything stored about the reader: a link to it goes to their own address (readers/data-export.ts). */
const ExportData = z.object({ action: z.literal('export-data') });

/** What a reader can ask for on the preferences page (POST /me/:token): the `action` field and its inputs. */
/** The changes both the preferences page and an email footer make (one read-modify-write each). */
const ChangesAnywhere = [Pause, Resume, SwitchTrack, Schedule, StopFollowUps, ResumeFollowUps, NewsletterOn, NewsletterOff] as const;

export const PreferencesChange = z.discriminatedUnion('action', [...ChangesAnywhere, Unsubscribe, Resubscribe, ExportData]);
export type PreferencesChange = z.infer<typeof PreferencesChange>;

/** Where an unsubscribe came from (kept on the reader as `unsubscribedVia`). */
export const UnsubscribeVia = z.enum(['one-click', 'page', 'mailto', 'author']);

/**
 * What a reader can do from the preferences page or an email footer: a preferences change, with
 * an unsubscribe saying where it came from. Each is one read-modify-write of the reader; the due
 * index follows from the new state.
 */
export const ReaderAction = z.discriminatedUnion('action', [...ChangesAnywhere, Unsubscribe.extend({ via: UnsubscribeVia })]);
export type ReaderAction = z.infer<typeof ReaderAction>;

const lastLesson = (r: Reader) => [...r.sends].reverse().find((s) => s.kind === 'lesson');

export async function applyReaderAction(ctx: Ctx, readerId: string, action: ReaderAction): Promise<Reader | null> {
  const now = ctx.clock.now();
  return mutateReader(
    ctx,
    readerId,
    (r) => {
      if (r.status === 'unsubscribed' || r.status === 'suppressed') return null; // stays stopped
      switch (action.action) {
        case 'pause':
          return r.status === 'active' ? pause(r, now) : null;
        case 'resume':
          return r.status === 'paused' ? resume(r, now) : null;
        case 'switch-track':
          return r.status === 'pending' ? { ...r, track: action.track, situation: action.track } : switchTrack(r, action.track, now);
        case 'schedule':
          // The same zone by another name (Asia/Calcutta, Asia/Kolkata) is no change of zone.
          return changeSchedule(r, action.sendHour, sameZone(action.timezone, r.timezone) ? r.timezone : action.timezone, now);
        case 'stop-followups':
          return { ...r, followUpStopped: true };
        case 'resume-followups':
          return r.followUpConsent ? { ...r, followUpStopped: false } : { ...r, followUpConsent: true, followUpStopped: false };
        case 'unsubscribe':
          return { ...r, status: 'unsubscribed', unsubscribedAt: now.toISOString(), unsubscribedVia: action.via };
        // The newsletter has its own consent: switching it changes nothing about the course.
        case 'newsletter-on':
          return r.newsletter ? null : { ...r, newsletter: true, newsletterOnAt: now.toISOString() };
        case 'newsletter-off':
          return r.newsletter ? { ...r, newsletter: false, newsletterOffAt: now.toISOString() } : null;
      }
    },
    {
      ops: (prev, next): NewOp[] => {
        if (action.action !== 'unsubscribe' || prev.status === 'unsubscribed') return [];
        const lesson = lastLesson(prev);
        if (!lesson?.track) return [];
        return [
          {
            id: `${prev.id}:unsub:${next.unsubscribedAt}`,
            counters: [counterUpdate('funnel', funnelDims(lesson.track, lesson.ref), { unsubscribed: 1 })],
          },
        ];
      },
    },
  );
}
