import { z } from 'zod';
import { isValidTimeZone } from '../shared/time.js';

export const Situation = z.enum(['tumultuous', 'healthy', 'stress']);
export type Situation = z.infer<typeof Situation>;
/** Tracks are the situations' drip courses; a reader's track can change (branch points, preferences). */
export const Track = Situation;
export type Track = Situation;

export const ReaderStatus = z.enum(['pending', 'active', 'paused', 'completed', 'unsubscribed', 'suppressed']);
export type ReaderStatus = z.infer<typeof ReaderStatus>;

export const TimeZone = z.string().refine(isValidTimeZone, 'unknown time zone (use an IANA name such as Europe/London)');
export const SendHour = z.coerce.number().int('must be a whole hour').min(0, 'must be 0-23').max(23, 'must be 0-23');
export const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const SendKind = z.enum(['confirmation', 'lesson', 'checkin', 'newsletter']);
export type SendKind = z.infer<typeof SendKind>;

/** One email that went out to the reader: kept on the reader item (bounded: ~60 in two years). */
export const SendRecord = z.object({
  seq: z.number().int(),
  kind: SendKind,
  /** Lesson id, checkpoint ('1m') or newsletter id. */
  ref: z.string(),
  track: Track.optional(),
  at: z.string(),
  /** The reader's local date of the send, for "one lesson per local day". */
  localDate: LocalDate,
  messageId: z.string().optional(),
});
export type SendRecord = z.infer<typeof SendRecord>;

/**
 * Where the reader is in the course: a path of their track (in the course version they started
 * on) and the index of the next lesson in it. Day offsets count from `anchor`, a local date.
 */
export const Cursor = z.object({
  path: z.string(),
  index: z.number().int().min(0),
  anchor: LocalDate,
  /** Lessons to send before the path continues: supportive interjections, branch re-asks. */
  inserts: z.array(z.object({ lesson: z.string(), on: LocalDate, branch: z.string().optional() })).default([]),
  /** Waiting at a branch point for the reader's choice. */
  awaiting: z
    .object({
      branch: z.string(),
      /** The send whose links answer this branch; links from older sends are stale. */
      seq: z.number().int(),
      /** When the branch's default choice applies if the reader has not chosen. */
      timeoutAt: z.string(),
    })
    .optional(),
  /** Timeouts in a row without an answer; a branch stops re-asking after its maximum. */
  quietTimeouts: z.number().int().default(0),
  /** Re-asks of the current question in a row (clicked or not); picks the re-ask lesson, and when to ask whether to keep asking. */
  rounds: z.number().int().default(0),
  /**
   * Defaults applied by timeouts, newest last. Within the late-click window a click on the asking
   * email replaces the default: `before` is the course as it stood, to go back to. Any click of the
   * reader's own clears the list (their own answer is never overridden).
   */
  defaults: z
    .array(
      z.object({
        branch: z.string(),
        seq: z.number().int(),
        at: z.string(),
        /** The choice the timeout applied. */
        choice: z.string(),
        before: z
          .object({
            track: z.string(),
            path: z.string(),
            index: z.number().int(),
            anchor: LocalDate,
            rounds: z.number().int(),
            quietTimeouts: z.number().int(),
          })
          .optional(),
      }),
    )
    .default([]),
  /** Sends up to this seq belong to an earlier run of the course (a reader who left and came back). */
  fromSeq: z.number().int().optional(),
  /** The reader has just been moved here from another track: the next lesson says what this track is about. */
  arrived: z.object({ from: z.string(), quietly: z.boolean() }).optional(),
  /** Local date no contact (re)started; lessons gated on no-contact days wait for it. */
  noContactSince: LocalDate.optional(),
  /**
   * Set when something outside the schedule changed the plan (a reply signal, resume, a new send
   * hour): nothing is sent before it, so the next email still comes at the reader's hour.
   */
  notBefore: z.string().optional(),
});
export type Cursor = z.infer<typeof Cursor>;

export const Claim = z.object({ seq: z.number().int(), kind: SendKind, ref: z.string(), at: z.string() });
export type Claim = z.infer<typeof Claim>;

/** Pending aggregate updates written with the reader and applied afterwards (see aggregates/). */
export const OutboxOp = z.object({
  id: z.string(),
  counters: z.array(z.object({ pk: z.string(), sk: z.string(), add: z.record(z.string(), z.number()) })),
  /** History items to write (idempotent puts with deterministic keys), e.g. a branch choice. */
  puts: z.array(z.record(z.string(), z.unknown())).default([]),
});
export type OutboxOp = z.infer<typeof OutboxOp>;

export const Reader = z.object({
  id: z.string(),
  email: z.string(),
  firstName: z.string(),
  situation: Situation,
  track: Track,
  timezone: TimeZone,
  sendHour: z.number().int().min(0).max(23),
  followUpConsent: z.boolean(),
  followUpStopped: z.boolean().default(false),
  status: ReaderStatus,
  createdAt: z.string(),
  /** Local date of enrolment (confirmation): check-ins count from it, cohorts are its month. */
  enrolledOn: LocalDate.optional(),
  confirmedAt: z.string().optional(),
  confirmSentAt: z.array(z.string()).default([]),
  /** Epoch seconds; set only while pending, so AWS TTL removes abandoned sign-ups. */
  expiresAt: z.number().int().optional(),
  courseVersion: z.string().optional(),
  cursor: Cursor.optional(),
  sendSeq: z.number().int().default(0),
  sends: z.array(SendRecord).default([]),
  /** Sends the reader has replied to (the funnel counts a reader once per lesson). */
  repliedSeqs: z.array(z.number().int()).default([]),
  claim: Claim.optional(),
  unsubscribedAt: z.string().optional(),
  unsubscribedVia: z.string().optional(),
  suppressedReason: z.string().optional(),
  pausedAt: z.string().optional(),
  completedAt: z.string().optional(),
  /** Set just before the item is deleted (expired sign-up): no longer counted anywhere. */
  deletedAt: z.string().optional(),
  /** Next instant the dispatcher has something for this reader; derived on every save (see schedule). */
  dueAt: z.string().optional(),
  outbox: z.array(OutboxOp).default([]),
  /** What the reader told us with the "tell me what happened" links, for the author's timeline. */
  reported: z.array(z.object({ event: z.string(), at: z.string() })).optional(),
  /**
   * Check-ins this reader will not be asked (unsubscribed, stopped or never agreed to them), as
   * counted in the outcome report, with the dimensions counted under (so taking it back is exact).
   */
  notAsked: z
    .object({ checkpoints: z.array(z.string()), situation: z.string(), track: z.string(), cohort: z.string() })
    .optional(),
  /** Optimistic-concurrency version: every write is conditional on it. */
  ver: z.number().int().default(0),
});
export type Reader = z.infer<typeof Reader>;
