import { Entity, type EntityConfiguration } from 'electrodb';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { Segment } from '../newsletters/segment-schema.js';
import { ConflictError, isConditionFailure } from './errors.js';
import { everyItem } from './paging.js';

/**
 * A newsletter issue as the author wrote it, and its broadcast job. Two items per issue, so the
 * job's frequent writes (leases, progress) never rewrite the body, and the issue list never reads
 * the job's state it does not need:
 *   issue  pk NEWSLETTER#<id>  sk ISSUE   list NEWSLETTERS / <createdAt>#<id>        every issue, newest first
 *   job    pk NEWSLETTER#<id>  sk JOB     list BROADCASTS / <nextAt>                 only while the job has work (sparse)
 * The issue's status is the job's state, or `draft` while there is no job.
 */
export const IssueStatus = z.enum(['draft', 'scheduled', 'sending', 'paused', 'sent', 'cancelled']);
export type IssueStatus = z.infer<typeof IssueStatus>;

export const Issue = z.object({
  id: z.string(),
  /** A short number for the reply address (reply+<reader>-<no>-<mac>): issue ids are too long for it. */
  no: z.number().int(),
  subject: z.string(),
  previewText: z.string(),
  markdown: z.string(),
  /** Shown in the public archive and its RSS feed (never any reader data). */
  public: z.boolean().default(false),
  createdAt: z.string(),
  updatedAt: z.string(),
  ver: z.number().int().default(0),
});
export type Issue = z.infer<typeof Issue>;

export const JobState = IssueStatus.exclude(['draft']);
export type JobState = z.infer<typeof JobState>;

export const Job = z.object({
  issueId: z.string(),
  state: JobState,
  segment: Segment,
  /** When sending starts (the request time for "send now"). */
  at: z.string(),
  /** Each reader at their own send hour, over the day that starts at `at`. */
  localHour: z.boolean(),
  /** Never on a day the reader gets a lesson: they wait for their next free day. */
  avoidLessonDays: z.boolean(),
  /** The recipient list (the ledger) is written; sending only starts once it is. */
  snapshotAt: z.string().optional(),
  recipients: z.number().int().default(0),
  /** Readers who matched the segment but were not mailed at the snapshot (unsubscribed, suppressed). */
  excluded: z.number().int().default(0),
  /** When the job next has work (its place in the BROADCASTS listing), absent when it has none. */
  nextAt: z.string().optional(),
  /** One worker writes the snapshot at a time; sending itself needs no lease (every send is claimed). */
  lease: z.object({ owner: z.string(), until: z.string() }).optional(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  pausedAt: z.string().optional(),
  cancelledAt: z.string().optional(),
  createdAt: z.string(),
  ver: z.number().int().default(0),
});
export type Job = z.infer<typeof Job>;

/** A saved, named segment the author reuses. */
export const SavedSegment = z.object({ id: z.string(), name: z.string(), segment: Segment, createdAt: z.string() });
export type SavedSegment = z.infer<typeof SavedSegment>;

export const issueEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'newsletter-issue', version: '1', service: 'mend' },
      attributes: {
        issueId: { type: 'string', required: true },
        no: { type: 'number', required: true },
        subject: { type: 'string', required: true },
        previewText: { type: 'string', required: true },
        markdown: { type: 'string', required: true },
        public: { type: 'boolean' },
        createdAt: { type: 'string', required: true },
        updatedAt: { type: 'string', required: true },
        ver: { type: 'number', required: true },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['issueId'], template: 'NEWSLETTER#${issueId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'ISSUE', casing: 'none' },
        },
        list: {
          index: 'list',
          pk: { field: 'listPk', composite: [], template: 'NEWSLETTERS', casing: 'none' },
          sk: { field: 'listSk', composite: ['createdAt', 'issueId'], template: '${createdAt}#${issueId}', casing: 'none' },
        },
      },
    },
    config,
  );

export const jobEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'broadcast-job', version: '1', service: 'mend' },
      attributes: {
        issueId: { type: 'string', required: true },
        state: { type: JobState.options, required: true },
        segment: { type: 'any', required: true },
        at: { type: 'string', required: true },
        localHour: { type: 'boolean', required: true },
        avoidLessonDays: { type: 'boolean', required: true },
        snapshotAt: { type: 'string' },
        recipients: { type: 'number' },
        excluded: { type: 'number' },
        nextAt: { type: 'string' },
        lease: { type: 'any' },
        startedAt: { type: 'string' },
        finishedAt: { type: 'string' },
        pausedAt: { type: 'string' },
        cancelledAt: { type: 'string' },
        createdAt: { type: 'string', required: true },
        ver: { type: 'number', required: true },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['issueId'], template: 'NEWSLETTER#${issueId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'JOB', casing: 'none' },
        },
        active: {
          index: 'list',
          condition: (a) => a.nextAt !== undefined,
          pk: { field: 'listPk', composite: [], template: 'BROADCASTS', casing: 'none' },
          // nextAt alone: a sparse index needs every composite present or absent together.
          sk: { field: 'listSk', composite: ['nextAt'], template: '${nextAt}', casing: 'none' },
        },
      },
    },
    config,
  );

export const savedSegmentEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'segment', version: '1', service: 'mend' },
      attributes: {
        segmentId: { type: 'string', required: true },
        name: { type: 'string', required: true },
        segment: { type: 'any', required: true },
        createdAt: { type: 'string', required: true },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: [], template: 'SEGMENTS', casing: 'none' },
          sk: { field: 'sk', composite: ['segmentId'], template: 'SEGMENT#${segmentId}', casing: 'none' },
        },
      },
    },
    config,
  );

const issueFrom = (i: Record<string, unknown>): Issue => Issue.parse({ ...i, id: i.issueId });
const toIssueItem = ({ id, ...rest }: Issue) => ({ ...rest, issueId: id, public: rest.public });

/** Access pattern: the next issue number (one atomic ADD on the newsletter counters' `issues` item). */
export async function nextIssueNumber(ctx: Ctx): Promise<number> {
  const { data } = await ctx.db.entities.counters.newsletter.update({ dims: 'issues' }).add({ issued: 1 } as never).go({ response: 'all_new' });
  return Number((data as Record<string, unknown>).issued ?? 1);
}

/** Access pattern: a new issue (refused if the id exists). */
export async function createIssue(ctx: Ctx, issue: Issue): Promise<void> {
  await ctx.db.entities.newsletterIssue.create(toIssueItem(issue)).go({ response: 'none' });
}

/** An issue by its number (a reply address names it): the issues are few, read newest first. */
export async function issueByNumber(ctx: Ctx, no: number): Promise<Issue | null> {
  for await (const i of allIssues(ctx)) if (i.no === no) return i;
  return null;
}

/** Access pattern: one issue by id. */
export async function getIssue(ctx: Ctx, id: string): Promise<Issue | null> {
  const { data } = await ctx.db.entities.newsletterIssue.get({ issueId: id }).go({ consistent: true });
  return data ? issueFrom(data) : null;
}

/** Access pattern: an edit of an issue, conditional on the version read. */
export async function saveIssue(ctx: Ctx, next: Issue, expectedVer: number): Promise<Issue> {
  const saved = { ...next, ver: expectedVer + 1 };
  try {
    await ctx.db.entities.newsletterIssue.put(toIssueItem(saved)).where(({ ver }, { eq }) => eq(ver, expectedVer)).go({ response: 'none' });
  } catch (e) {
    if (isConditionFailure(e)) throw new ConflictError(`issue ${next.id}`);
    throw e;
  }
  return saved;
}

/** Access pattern: every issue, newest first (the author's list, the archive, a reader's export). */
export async function* allIssues(ctx: Ctx): AsyncGenerator<Issue> {
  yield* everyItem(ctx.db.entities.newsletterIssue.query.list({}), (i) => {
    const r = Issue.safeParse({ ...i, id: i.issueId });
    return r.success ? r.data : null;
  });
}

const jobFrom = (i: Record<string, unknown>): Job => Job.parse(i);

/** Access pattern: an issue's job, if it was ever sent or scheduled. */
export async function getJob(ctx: Ctx, issueId: string): Promise<Job | null> {
  const { data } = await ctx.db.entities.broadcastJob.get({ issueId }).go({ consistent: true });
  return data ? jobFrom(data) : null;
}

/** Many jobs at once (the issue list). */
export async function getJobs(ctx: Ctx, issueIds: string[]): Promise<Map<string, Job>> {
  const out = new Map<string, Job>();
  let keys = [...new Set(issueIds)].map((issueId) => ({ issueId }));
  while (keys.length) {
    const { data, unprocessed } = await ctx.db.entities.broadcastJob.get(keys).go();
    for (const d of data) out.set(d.issueId, jobFrom(d));
    keys = unprocessed;
  }
  return out;
}

/** Access pattern: write a job, conditional on the version read (null: only if there is none yet). */
export async function saveJob(ctx: Ctx, next: Job, expectedVer: number | null): Promise<Job> {
  const saved = { ...next, ver: (expectedVer ?? 0) + 1 };
  try {
    if (expectedVer === null) await ctx.db.entities.broadcastJob.create(saved).go({ response: 'none' });
    else await ctx.db.entities.broadcastJob.put(saved).where(({ ver }, { eq }) => eq(ver, expectedVer)).go({ response: 'none' });
  } catch (e) {
    if (isConditionFailure(e)) throw new ConflictError(`broadcast job ${next.issueId}`);
    throw e;
  }
  return saved;
}

/** Access pattern: jobs with work due at or before `upTo` (the cron's broadcast run). */
export async function dueJobs(ctx: Ctx, upTo: string): Promise<Job[]> {
  const { data } = await ctx.db.entities.broadcastJob.query.active({}).lte({ nextAt: upTo }).go({ pages: 'all' });
  return data.map(jobFrom);
}

/** Access pattern: when any job next has work (the dev clock's look-ahead, the overview). */
export async function earliestJob(ctx: Ctx): Promise<string | null> {
  const { data } = await ctx.db.entities.broadcastJob.query.active({}).go({ limit: 1 });
  return data[0]?.nextAt ?? null;
}

/** Access pattern: save a named segment. */
export async function putSavedSegment(ctx: Ctx, s: SavedSegment): Promise<void> {
  await ctx.db.entities.savedSegment.put({ segmentId: s.id, name: s.name, segment: s.segment, createdAt: s.createdAt }).go({ response: 'none' });
}

/** Access pattern: every saved segment. */
export async function savedSegments(ctx: Ctx): Promise<SavedSegment[]> {
  const { data } = await ctx.db.entities.savedSegment.query.byId({}).go({ pages: 'all' });
  return data.map((d) => SavedSegment.parse({ ...d, id: d.segmentId }));
}

/** Access pattern: one saved segment. */
export async function getSavedSegment(ctx: Ctx, id: string): Promise<SavedSegment | null> {
  const { data } = await ctx.db.entities.savedSegment.get({ segmentId: id }).go();
  return data ? SavedSegment.parse({ ...data, id: data.segmentId }) : null;
}
