import type { Ctx } from '../context.js';
import { parseReader, readerHistory } from '../db/access.js';
import { ChoiceItem } from '../choices/record.js';
import { courseFor } from '../course/versions.js';
import { happenedOf } from '../course/happened.js';
import { lessonTitle, trackName } from '../course/titles.js';
import { OUTCOMES } from '../outcomes/categories.js';
import { OutcomeRecord } from '../outcomes/record.js';
import type { Reader } from '../readers/schema.js';
import { ReplyItem } from '../replies/schema.js';
import { daysBetween } from '../shared/time.js';
import { notFound } from '../shared/errors.js';
import { NoteItem, type Note } from './notes.js';

/** A reader's whole story for the author (the reader's profile, with everything that happened): one Query on the reader's partition. */
export type ReaderStory = ReaderProfile & {
  sends: { seq: number; lessonId: string; track?: string; sentAt: string; day?: number; courseDay?: number }[];
  checkins: { seq: number; checkpoint: string; track?: string; sentAt: string }[];
  choices: { at: string; branch: string; choice: string; by: string; lesson?: string; fromTrack: string; toTrack: string }[];
  replies: StoryReply[];
  outcomes: { checkpoint: string; outcome: string; label: string; answeredAt: string; source: string; situation: string; track: string; changes: number }[];
  notes: Note[];
  /** Everything above in time order, newest last. */
  timeline: { at: string; type: 'lesson' | 'checkin' | 'choice' | 'reply' | 'outcome' | 'note' | 'status'; title: string; detail?: string }[];
};

export type ReaderProfile = Pick<
  Reader,
  | 'id' | 'email' | 'firstName' | 'situation' | 'track' | 'status' | 'timezone' | 'sendHour' | 'followUpConsent' | 'followUpStopped'
  | 'createdAt' | 'enrolledOn' | 'confirmedAt' | 'pausedAt' | 'completedAt' | 'unsubscribedAt' | 'unsubscribedVia' | 'suppressedReason' | 'dueAt'
>;

export type StoryReply = Pick<
  ReplyItem,
  'replyId' | 'receivedAt' | 'lessonId' | 'checkpoint' | 'kind' | 'track' | 'trackDay' | 'subject' | 'text' | 'signals' | 'proposedOutcome' | 'reviewed' | 'note' | 'automatic' | 'matchedBy'
> & { attachments: number };

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
    replyId: i.replyId, receivedAt: i.receivedAt, lessonId: i.lessonId, checkpoint: i.checkpoint, kind: i.kind, track: i.track,
    trackDay: i.trackDay, subject: i.subject, text: i.text, signals: i.signals, proposedOutcome: i.proposedOutcome,
    reviewed: i.reviewed, note: i.note, automatic: i.automatic, matchedBy: i.matchedBy, attachments: i.attachments.length,
  };
}

export async function readerStory(ctx: Ctx, id: string): Promise<ReaderStory> {
  const items = await readerHistory(ctx, id);
  const profileItem = items.find((i) => i.sk === 'PROFILE');
  if (!profileItem) throw notFound('No reader with this id');
  const r = parseReader(profileItem);
  const of = <T>(type: string, parse: (i: unknown) => T | null) => items.filter((i) => i.type === type).map(parse).filter((x): x is T => x !== null);
  const safe = <T>(s: { safeParse(i: unknown): { success: true; data: T } | { success: false } }) => (i: unknown) => {
    const res = s.safeParse(i);
    return res.success ? res.data : null;
  };
  const start = r.enrolledOn ?? r.createdAt.slice(0, 10);
  const sends = r.sends
    .filter((s) => s.kind === 'lesson')
    .map((s) => ({ seq: s.seq, lessonId: s.ref, track: s.track, sentAt: s.at, day: daysBetween(start, s.localDate), courseDay: courseDay(r, s.track, s.ref) }));
  const checkins = r.sends.filter((s) => s.kind === 'checkin').map((s) => ({ seq: s.seq, checkpoint: s.ref, track: s.track, sentAt: s.at }));
  const choices = of('choice', safe(ChoiceItem)).map(({ readerId: _, seq: __, ...c }) => c);
  const replies = of('reply', safe(ReplyItem)).map(storyReply);
  const outcomes = of('outcome', safe(OutcomeRecord)).map((o) => ({
    checkpoint: o.checkpoint, outcome: o.outcome, label: OUTCOMES[o.outcome].short, answeredAt: o.answeredAt, source: o.source,
    situation: o.situation, track: o.track, changes: Math.max(0, o.history.length - 1),
  })).sort((a, b) => parseInt(a.checkpoint, 10) - parseInt(b.checkpoint, 10)); // 1m, 3m, ... 12m (keys sort 12m first)
  const notes = of('note', safe(NoteItem)).map(({ id: noteId, at, text, replyId }) => ({ id: noteId, at, text, replyId }));
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
    ...s.replies.map((x) => ({ at: x.receivedAt, type: 'reply' as const, title: `Reply${x.lessonId ? ` to “${lessonTitle(x.lessonId)}”` : x.checkpoint ? ` to check-in ${x.checkpoint}` : ''}`, detail: x.signals.map((g) => g.signal).join(', ') || undefined })),
    ...s.outcomes.map((x) => ({ at: x.answeredAt, type: 'outcome' as const, title: `Outcome at ${x.checkpoint}: ${x.label}`, detail: x.source })),
    ...s.notes.map((x) => ({ at: x.at, type: 'note' as const, title: 'Author note', detail: x.text })),
    ...(r.reported ?? []).map((x) => ({ at: x.at, type: 'status' as const, title: `Told us: ${happenedOf(x.event)?.label ?? x.event}`, detail: 'footer link' })),
    ...(r.pausedAt && r.status === 'paused' ? [{ at: r.pausedAt, type: 'status' as const, title: 'Paused' }] : []),
    ...(r.completedAt ? [{ at: r.completedAt, type: 'status' as const, title: 'Completed the course' }] : []),
    ...(r.unsubscribedAt ? [{ at: r.unsubscribedAt, type: 'status' as const, title: 'Unsubscribed', detail: r.unsubscribedVia }] : []),
  ];
  return t.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
