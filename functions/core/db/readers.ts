import { Entity, type EntityConfiguration } from 'electrodb';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { ConflictError, isConditionFailure } from './errors.js';
import { OutboxOp } from './outbox.js';
import { LocalDate, ReaderStatus, SendKind, Situation, TimeZone, Track } from './vocabulary.js';
import { filteredPage, getAll, type Page, type PageOptions } from './paging.js';
import { itemParser } from './parse.js';

export { LocalDate, ReaderStatus, SendHour, SendKind, Situation, TimeZone, Track } from './vocabulary.js';

/** One email that went out to the reader: kept on the reader item (bounded: ~60 in two years; stored compactly, see SEND_FIELDS). */
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

/** A reply that acts is rare (a slip, news of the ex); retries come within days. Bounded all the same. */
export const APPLIED_REPLIES_KEPT = 50;

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
  /** Opted in to the newsletter (its own consent: unticked by default, its own unsubscribe). */
  newsletter: z.boolean().optional(),
  /** When the reader last turned the newsletter on or off (the newsletter's own unsubscribe). */
  newsletterOnAt: z.string().optional(),
  newsletterOffAt: z.string().optional(),
  /** False for a newsletter-only sign-up (absent: true): no lessons, no check-ins, not counted in the course's reports. */
  course: z.boolean().optional(),
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
  /**
   * Replies whose signals have acted on the course (ids only, never their text; the newest
   * APPLIED_REPLIES_KEPT), so a retried or re-applied reply never moves the course twice.
   */
  appliedReplies: z.array(z.string()).optional(),
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
  /**
   * What a known reader asked for from a sign-up form and does not have yet (the course while
   * newsletter-only, the newsletter while it is off): held here until the confirmation link issued
   * for it is clicked (core/enrollment/join.ts). A later request replaces it; applying it clears it.
   */
  joining: z
    .object({
      course: z.object({ firstName: z.string(), situation: Situation, timezone: TimeZone, sendHour: z.number().int().min(0).max(23), followUpConsent: z.boolean() }).optional(),
      newsletter: z.literal(true).optional(),
      /** When it was asked (and its confirmation issued): only a link issued at this instant applies it. */
      at: z.string(),
    })
    .optional(),
  /** Optimistic-concurrency version: every write is conditional on it. */
  ver: z.number().int().default(0),
  /** The id of the write that stored this version: after a lost answer, a writer tells its own write from someone else's. */
  wid: z.string().optional(),
});
export type Reader = z.infer<typeof Reader>;

/** What the `readers` index projects: enough for a list row, nothing the scheduler writes. */
export const ReaderSummary = Reader.pick({ id: true, email: true, firstName: true, situation: true, track: true, status: true, createdAt: true });
export type ReaderSummary = z.infer<typeof ReaderSummary>;

/** The summary with what a newsletter segment and a broadcast read (the same index, more of its projection). */
export const SubscriberSummary = Reader.pick({
  id: true,
  email: true,
  firstName: true,
  situation: true,
  track: true,
  status: true,
  createdAt: true,
  newsletter: true,
  newsletterOffAt: true,
  course: true,
  enrolledOn: true,
  timezone: true,
  sendHour: true,
});
export type SubscriberSummary = z.infer<typeof SubscriberSummary>;

/**
 * The reader item: the whole state of one reader (profile, course cursor, sends, claim, outbox).
 *   pk READER#<id>   sk PROFILE
 *   due      DUE#<shard> / <dueAt>#<id>     only while something is due (sparse), projection all
 *   readers  READERS / <createdAt>#<id>     the author's list, newest first; projects the summary
 * The history collection joins every item of READER#<id> (the reader's replies, choices, outcomes, notes).
 */
export const readerEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'reader', version: '1', service: 'mend' },
      attributes: {
        readerId: { type: 'string', required: true },
        email: { type: 'string', required: true },
        firstName: { type: 'string', required: true },
        situation: { type: Situation.options, required: true },
        track: { type: Track.options, required: true },
        timezone: { type: 'string', required: true },
        sendHour: { type: 'number', required: true },
        followUpConsent: { type: 'boolean', required: true },
        followUpStopped: { type: 'boolean' },
        newsletter: { type: 'boolean' },
        newsletterOnAt: { type: 'string' },
        newsletterOffAt: { type: 'string' },
        course: { type: 'boolean' },
        status: { type: ReaderStatus.options, required: true },
        createdAt: { type: 'string', required: true },
        enrolledOn: { type: 'string' },
        confirmedAt: { type: 'string' },
        confirmSentAt: { type: 'list', items: { type: 'string' } },
        expiresAt: { type: 'number' },
        courseVersion: { type: 'string' },
        cursor: { type: 'any' },
        sendSeq: { type: 'number' },
        /** A JSON string of rows (see SEND_FIELDS); a list of maps in items written before. */
        sends: { type: 'any' },
        repliedSeqs: { type: 'list', items: { type: 'number' } },
        appliedReplies: { type: 'list', items: { type: 'string' } },
        claim: { type: 'any' },
        unsubscribedAt: { type: 'string' },
        unsubscribedVia: { type: 'string' },
        suppressedReason: { type: 'string' },
        pausedAt: { type: 'string' },
        completedAt: { type: 'string' },
        deletedAt: { type: 'string' },
        dueAt: { type: 'string' },
        outbox: { type: 'any' },
        reported: { type: 'any' },
        notAsked: { type: 'any' },
        joining: { type: 'any' },
        ver: { type: 'number', required: true },
        wid: { type: 'string' },
        /** Index attributes of `due`, present only while something is due. */
        dueShard: { type: 'number' },
        dueSlot: { type: 'string' },
      },
      indexes: {
        byId: {
          collection: 'history',
          pk: { field: 'pk', composite: ['readerId'], template: 'READER#${readerId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'PROFILE', casing: 'none' },
        },
        due: {
          index: 'due',
          condition: (a) => a.dueSlot !== undefined,
          pk: { field: 'duePk', composite: ['dueShard'], template: 'DUE#${dueShard}', casing: 'none' },
          sk: { field: 'dueSk', composite: ['dueSlot'], template: '${dueSlot}', casing: 'none' },
        },
        list: {
          index: 'readers',
          pk: { field: 'rdPk', composite: [], template: 'READERS', casing: 'none' },
          sk: { field: 'rdSk', composite: ['createdAt', 'readerId'], template: '${createdAt}#${readerId}', casing: 'none' },
        },
      },
    },
    config,
  );

/** Which due shard a reader lives in: stable, spreads readers evenly. */
export function dueShard(readerId: string, shards: number): number {
  let h = 2166136261;
  for (let i = 0; i < readerId.length; i++) h = Math.imul(h ^ readerId.charCodeAt(i), 16777619);
  return (h >>> 0) % shards;
}
/** Upper bound for "due at or before t": '~' sorts after every reader id character. */
const dueUpTo = (t: string) => `${t}#~`;

/** The stored form of a reader: its state plus the index attributes derived from it. */
function toItem(ctx: Ctx, r: Reader) {
  const { id, sends, ...rest } = r;
  return {
    ...rest,
    readerId: id,
    sends: packSends(sends),
    ...(r.dueAt ? { dueShard: dueShard(id, ctx.config.dueShards), dueSlot: `${r.dueAt}#${id}` } : {}),
  };
}

function fromItem(item: Record<string, unknown>): Reader {
  const { readerId, dueShard: _s, dueSlot: _d, sends, ...rest } = item;
  return Reader.parse({ ...rest, id: readerId, sends: unpackSends(sends) });
}

/**
 * How `sends` is stored: one string holding a JSON list of rows, one row of SEND_FIELDS per send,
 * instead of a list of maps. The list is most of a long-lived reader's item (77% of 5.3 KB after
 * 120 days, as maps), and every write of the item, and of its copy in the `due` index, pays for
 * its size; as maps every field of every send also carries its name and type, which each layer
 * (the SDK, DynamoDB) encodes and decodes again on every read and write. Items written before
 * hold the list of maps, and read as they are.
 * The order is the stored format: a new field goes at the end (older rows read without it).
 */
export const SEND_FIELDS = ['seq', 'kind', 'ref', 'track', 'at', 'localDate', 'messageId'] as const satisfies readonly (keyof SendRecord)[];

function packSends(sends: SendRecord[]): string {
  return JSON.stringify(sends.map((s) => SEND_FIELDS.map((f) => s[f] ?? null)));
}

function unpackSends(stored: unknown): unknown {
  if (typeof stored !== 'string') return stored; // the list of maps, or nothing
  let rows: unknown;
  try {
    rows = JSON.parse(stored);
  } catch {
    return stored; // not a list: the schema rejects the item
  }
  if (!Array.isArray(rows)) return rows;
  return rows.map((row) =>
    Array.isArray(row) ? Object.fromEntries(SEND_FIELDS.flatMap((f, i) => (row[i] === null || row[i] === undefined ? [] : [[f, row[i]]]))) : row,
  );
}

/** Access pattern: a reader by id (strongly consistent). */
export async function getReader(ctx: Ctx, id: string): Promise<Reader | null> {
  const { data } = await ctx.db.entities.reader.get({ readerId: id }).go({ consistent: true });
  return data ? fromItem(data) : null;
}

/** Access pattern: many readers by id, in the order asked (admin list pages). */
export async function getReaders(ctx: Ctx, ids: string[]): Promise<Reader[]> {
  const keys = [...new Set(ids)].map((readerId) => ({ readerId }));
  const found = new Map((await getAll(keys, (k) => ctx.db.entities.reader.get(k).go(), fromItem)).map((r) => [r.id, r]));
  return ids.map((id) => found.get(id)).filter((r): r is Reader => !!r);
}

/**
 * Access pattern: write a reader, conditional on the version we read (or on it not existing).
 * Returns the saved state with its new version; ConflictError if someone wrote first.
 */
export async function saveReader(ctx: Ctx, next: Reader, expectedVer: number | null): Promise<Reader> {
  const saved = { ...next, ver: (expectedVer ?? 0) + 1 };
  const item = toItem(ctx, saved);
  try {
    if (expectedVer === null) await ctx.db.entities.reader.create(item).go({ response: 'none' });
    else await ctx.db.entities.reader.put(item).where(({ ver }, { eq }) => eq(ver, expectedVer)).go({ response: 'none' });
  } catch (e) {
    if (isConditionFailure(e)) throw new ConflictError(`reader ${next.id}`);
    throw e;
  }
  return saved;
}

/** Deletes a reader item, only if it is still at the version given (an expired sign-up). */
export async function deleteReader(ctx: Ctx, r: Reader): Promise<void> {
  try {
    await ctx.db.entities.reader.delete({ readerId: r.id }).where(({ ver }, { eq }) => eq(ver, r.ver)).go({ response: 'none' });
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
}

/** Access pattern: readers due at or before `upTo` in one shard, earliest first, page by page. */
export async function* queryDueShard(ctx: Ctx, shard: number, upTo: string, opts: { pageSize?: number } = {}): AsyncGenerator<Reader[]> {
  let cursor: string | null = null;
  do {
    const res: { data: Record<string, unknown>[]; cursor: string | null } = await ctx.db.entities.reader.query
      .due({ dueShard: shard })
      .lte({ dueSlot: dueUpTo(upTo) })
      .go({ cursor, limit: opts.pageSize ?? 500 });
    yield res.data.map(fromItem);
    cursor = res.cursor;
  } while (cursor);
}

/** Access pattern: the earliest due time in a shard (the scheduler's "next run", the dev clock). */
export async function earliestDue(ctx: Ctx, shard: number): Promise<string | null> {
  const { data } = await ctx.db.entities.reader.query.due({ dueShard: shard }).go({ limit: 1, attributes: ['dueSlot'] });
  const slot = data[0]?.dueSlot;
  return slot ? slot.slice(0, slot.lastIndexOf('#')) : null;
}

/** Access pattern: the readers list, newest first, `keep` applied to each summary (status, track, text). */
export function readersPage(ctx: Ctx, opts: PageOptions<ReaderSummary>): Promise<Page<ReaderSummary>> {
  return filteredPage(ctx.db.entities.reader.query.list({}), 'readers', parseSummary, opts);
}

const parseSummary = itemParser(ReaderSummary, (i) => ({ ...i, id: i.readerId }));

/** Every reader with the newsletter fields of the summary, oldest first (segments, a broadcast's recipient list). */
export async function* allSubscriberSummaries(ctx: Ctx): AsyncGenerator<SubscriberSummary> {
  let cursor: string | null = null;
  do {
    const res: { data: Record<string, unknown>[]; cursor: string | null } = await ctx.db.entities.reader.query.list({}).go({ cursor, limit: 1000, order: 'asc' });
    for (const i of res.data) {
      const r = SubscriberSummary.safeParse({ ...i, id: i.readerId });
      if (r.success) yield r.data;
    }
    cursor = res.cursor;
  } while (cursor);
}

/** Every reader summary, newest first (exports). */
export async function* allReaders(ctx: Ctx): AsyncGenerator<ReaderSummary> {
  let cursor: string | undefined;
  do {
    const page = await readersPage(ctx, { limit: 500, cursor });
    yield* page.items;
    cursor = page.cursor;
  } while (cursor);
}

/** For the history collection: a reader item read as part of a partition query. */
export const readerFromItem = fromItem;

/** The item exactly as a save stores it (keys, index attributes, entity markers): for baselines that bypass Mend. */
export function storedReader(ctx: Ctx, r: Reader): Record<string, unknown> {
  return ctx.db.entities.reader.put(toItem(ctx, r)).params().Item as Record<string, unknown>;
}

/** Bulk load (seeding a benchmark or a demo): batch writes of 25, unprocessed items retried. */
export async function putReaders(ctx: Ctx, readers: Reader[]): Promise<void> {
  let items = readers.map((r) => toItem(ctx, r));
  while (items.length) {
    const { unprocessed } = await ctx.db.entities.reader.put(items).go({ concurrency: 8 });
    items = unprocessed.map((k) => items.find((i) => i.readerId === k.readerId)!).filter(Boolean);
  }
}

/** Access pattern: how many readers are due at or before `upTo` in one shard, counting keys only, up to `cap`. */
export async function countDue(ctx: Ctx, shard: number, upTo: string, cap: number): Promise<number> {
  let n = 0;
  let cursor: string | null = null;
  do {
    const res: { data: unknown[]; cursor: string | null } = await ctx.db.entities.reader.query
      .due({ dueShard: shard })
      .lte({ dueSlot: dueUpTo(upTo) })
      .go({ cursor, limit: 1000, attributes: ['dueSlot'] });
    n += res.data.length;
    cursor = res.cursor;
  } while (cursor && n < cap);
  return n;
}
