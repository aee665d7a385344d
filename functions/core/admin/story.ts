import { z } from 'zod';
import type { Ctx } from '../context.js';
import { courseFor } from '../course/versions.js';
import { ChoiceItem } from '../db/choices.js';
import { readerHistory } from '../db/history.js';
import { OutcomeSource } from '../db/outcomes.js';
import { Reader, Track } from '../db/readers.js';
import { ReplyItem } from '../db/replies.js';
import { Outcome, OUTCOMES } from '../outcomes/categories.js';
import { happenedOf } from '../course/happened.js';
import { lessonTitle, trackName } from '../course/titles.js';
import { daysBetween } from '../shared/time.js';
import { notFound } from '../shared/errors.js';
import { Note } from './notes.js';

/** What the author sees of a reader: the profile, never the course cursor, claim, outbox or version. */
export const ReaderProfile = Reader.pick({
  id: true, email: true, firstName: true, situation: true, track: true, status: true, timezone: true, sendHour: true, followUpConsent: true, followUpStopped: true,
  createdAt: true, enrolledOn: true, confirmedAt: true, pausedAt: true, completedAt: true, unsubscribedAt: true, unsubscribedVia: true, suppressedReason: true, dueAt: true,
});
export type ReaderProfile = z.infer<typeof ReaderProfile>;

/** Why a reply needs the author: SES did not vouch for its sender, or its course step did not finish. */
export const Attention = z.enum(['unverified-sender', 'course-step-failed', 'course-step-pending']);
export type Attention = z.infer<typeof Attention>;

/** A reply as the author reads it: the reader's words and what they mean, not the raw message. */
export const StoryReply = ReplyItem.pick({
  replyId: true, receivedAt: true, lessonId: true, checkpoint: true, issueId: true, kind: true, track: true, trackDay: true, subject: true, text: true, signals: true,
  proposedOutcome: true, reviewed: true, note: true, automatic: true, matchedBy: true, senderVerified: true, verdicts: true, applied: true, appliedBy: true,
  courseStep: true, stepNote: true, context: true, textTruncated: true, textBytes: true,
}).extend({
  attachments: z.number().int().describe('how many files came with it'),
  attention: Attention.optional().describe('why the author should look: an unverified sender changed nothing, or the course step did not finish'),
});
export type StoryReply = z.infer<typeof StoryReply>;

export function attentionOf(i: Pick<ReplyItem, 'courseStep' | 'matchedBy' | 'senderVerified'>): Attention | undefined {
  if (i.courseStep === 'failed') return 'course-step-failed';
  if (i.courseStep === 'pending') return 'course-step-pending';
  if (i.courseStep === 'withheld' && i.matchedBy === 'sender' && !i.senderVerified) return 'unverified-sender';
  return undefined;
}

const TimelineType = z.enum(['lesson', 'checkin', 'choice', 'reply', 'outcome', 'note', 'status']);

/** A reader's whole story for the author (the reader's profile, with everything that happened): one Query on the reader's partition. */
export const ReaderStory = ReaderProfile.extend({
  sends: z.array(
    z.object({
      seq: z.number().int(),
      lessonId: z.string(),
      track: Track.optional(),
      sentAt: z.string(),
      /** Days since enrolment, in the reader's time zone. */
      day: z.number().int().optional(),
      /** The lesson's day in its track's course, if it is on a path. */
      courseDay: z.number().int().optional(),
    }),
  ),
  checkins: z.array(z.object({ seq: z.number().int(), checkpoint: z.string(), track: Track.optional(), sentAt: z.string() })),
  choices: z.array(ChoiceItem.omit({ readerId: true, seq: true })),
  replies: z.array(StoryReply),
  outcomes: z.array(
    z.object({
      checkpoint: z.string(),
      outcome: Outcome,
      label: z.string(),
      answeredAt: z.string(),
      source: OutcomeSource,
      situation: z.string(),
      track: z.string(),
      /** How often the answer was changed since the first. */
      changes: z.number().int(),
    }),
  ),
  notes: z.array(Note),
  /** Everything above in time order, newest last. */
  timeline: z.array(z.object({ at: z.string(), type: TimelineType, title: z.string(), detail: z.string().optional() })),
});
export type ReaderStory = z.infer<typeof ReaderStory>;

const PROFILE_FIELDS = [
  'id', 'email', 'firstName', 'situation', 'track', 'status', 'timezone', 'sendHour', 'followUpConsent', 'followUpStopped',
  'createdAt', 'enrolledOn', 'confirmedAt', 'pausedAt', 'completedAt', 'unsubscribedAt', 'unsubscribedVia', 'suppressedReason', 'dueAt',
] as const;

const profile = (r: Reader) => Object.fromEntries(PROFILE_FIELDS.filter((k) => r[k] !== undefined).map((k) => [k, r[k]])) as ReaderProfile;

/** The lesson's day in its track's course (where the author placed it), if it is on a path. */
function courseDay(r: Reader, track: string | undefined, lesson: string): number | undefined {
  const t = courseFor(r.courseVersion).tracks[track as Reader['track']];
  for (const path of Object.values(t?.paths ?? {})) {
    const at = path.find((l) => l.lesson === lesson);
    if (at) return at.day;
  }
  return undefined;
}

export function storyReply(i: ReplyItem): StoryReply {
  return {
    replyId: i.replyId, receivedAt: i.receivedAt, lessonId: i.lessonId, checkpoint: i.checkpoint, issueId: i.issueId, kind: i.kind, track: i.track,
    trackDay: i.trackDay, subject: i.subject, text: i.text, signals: i.signals, proposedOutcome: i.proposedOutcome,
    reviewed: i.reviewed, note: i.note, automatic: i.automatic, matchedBy: i.matchedBy, attachments: i.attachments.length,
    senderVerified: i.senderVerified, verdicts: i.verdicts, applied: i.applied, appliedBy: i.appliedBy, courseStep: i.courseStep, stepNote: i.stepNote,
    context: i.context, textTruncated: i.textTruncated, textBytes: i.textBytes, attention: attentionOf(i),
  };
}

export async function readerStory(ctx: Ctx, id: string): Promise<ReaderStory> {
  const h = await readerHistory(ctx, id);
  const r = h.reader;
  if (!r) throw notFound('No reader with this id');
  const start = r.enrolledOn ?? r.createdAt.slice(0, 10);
  const sends = r.sends
    .filter((s) => s.kind === 'lesson')
    .map((s) => ({ seq: s.seq, lessonId: s.ref, track: s.track, sentAt: s.at, day: daysBetween(start, s.localDate), courseDay: courseDay(r, s.track, s.ref) }));
  const checkins = r.sends.filter((s) => s.kind === 'checkin').map((s) => ({ seq: s.seq, checkpoint: s.ref, track: s.track, sentAt: s.at }));
  const choices = h.choices.map(({ readerId: _, seq: __, ...c }) => c);
  const replies = h.replies.map(storyReply);
  const outcomes = h.outcomes.map((o) => ({
    checkpoint: o.checkpoint, outcome: o.outcome, label: OUTCOMES[o.outcome].short, answeredAt: o.answeredAt, source: o.source,
    situation: o.situation, track: o.track, changes: Math.max(0, o.history.length - 1),
  })).sort((a, b) => parseInt(a.checkpoint, 10) - parseInt(b.checkpoint, 10)); // 1m, 3m, ... 12m (keys sort 12m first)
  const notes = h.notes.map(({ id: noteId, at, text, replyId }) => ({ id: noteId, at, text, replyId }));
  const story = { sends, checkins, choices, replies, outcomes, notes };
  return { ...profile(r), ...story, timeline: timeline(r, story) };
}

function timeline(r: Reader, s: Pick<ReaderStory, 'sends' | 'checkins' | 'choices' | 'replies' | 'outcomes' | 'notes'>): ReaderStory['timeline'] {
  const t: ReaderStory['timeline'] = [
    { at: r.createdAt, type: 'status', title: `Signed up (${trackName(r.situation)})` },
    ...(r.confirmedAt ? [{ at: r.confirmedAt, type: 'status' as const, title: 'Confirmed' }] : []),
    // Lessons by the subject the reader saw; the id stays beside it for the author's cross-reference.
    ...s.sends.map((x) => ({ at: x.sentAt, type: 'lesson' as const, title: `Lesson “${lessonTitle(x.lessonId)}”`, detail: `${x.lessonId} · day ${x.day}${x.track ? ` · ${trackName(x.track)}` : ''}` })),
    ...s.checkins.map((x) => ({ at: x.sentAt, type: 'checkin' as const, title: `Check-in ${x.checkpoint}` })),
    ...s.choices.map((x) => ({ at: x.at, type: 'choice' as const, title: `Chose "${x.choice}" at ${x.branch}`, detail: `${x.by}${x.fromTrack !== x.toTrack ? ` · ${trackName(x.fromTrack)} → ${trackName(x.toTrack)}` : ''}` })),
    ...s.replies.map((x) => ({ at: x.receivedAt, type: 'reply' as const, title: `Reply${x.lessonId ? ` to “${lessonTitle(x.lessonId)}”` : x.checkpoint ? ` to check-in ${x.checkpoint}` : x.issueId ? ` to newsletter ${x.issueId}` : ''}`, detail: x.signals.map((g) => g.signal).join(', ') || undefined })),
    ...s.outcomes.map((x) => ({ at: x.answeredAt, type: 'outcome' as const, title: `Outcome at ${x.checkpoint}: ${x.label}`, detail: x.source })),
    ...s.notes.map((x) => ({ at: x.at, type: 'note' as const, title: 'Author note', detail: x.text })),
    ...(r.reported ?? []).map((x) => ({ at: x.at, type: 'status' as const, title: `Told us: ${happenedOf(x.event)?.label ?? x.event}`, detail: 'footer link' })),
    ...(r.pausedAt && r.status === 'paused' ? [{ at: r.pausedAt, type: 'status' as const, title: 'Paused' }] : []),
    ...(r.completedAt ? [{ at: r.completedAt, type: 'status' as const, title: 'Completed the course' }] : []),
    ...(r.unsubscribedAt ? [{ at: r.unsubscribedAt, type: 'status' as const, title: 'Unsubscribed', detail: r.unsubscribedVia }] : []),
  ];
  return t.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
