import { Entity, type EntityConfiguration } from 'electrodb';
import { z } from 'zod';
import { Segment } from '../newsletters/segment-schema.js';

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
  /** The last save's write id (newsletter-issues.ts saveJob). */
  wid: z.string().optional(),
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
        wid: { type: 'string' },
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

export const issueFrom = (i: Record<string, unknown>): Issue => Issue.parse({ ...i, id: i.issueId });
export const toIssueItem = ({ id, ...rest }: Issue) => ({ ...rest, issueId: id, public: rest.public });

/** Access pattern: the next issue number (one atomic ADD on the newsletter counters' `issues` item). */
/** Access pattern: a new issue (refused if the id exists). */
/** An issue by its number (a reply address names it): the issues are few, read newest first. */
/** Access pattern: one issue by id. */
/** Access pattern: an edit of an issue, conditional on the version read. */
/** Access pattern: every issue, newest first (the author's list, the archive, a reader's export). */
export const jobFrom = (i: Record<string, unknown>): Job => Job.parse(i);

/** Access pattern: an issue's job, if it was ever sent or scheduled. */
/** Many jobs at once (the issue list). */
/** Access pattern: write a job, conditional on the version read (null: only if there is none yet). */
/** Access pattern: jobs with work due at or before `upTo` (the cron's broadcast run). */
/** Access pattern: when any job next has work (the dev clock's look-ahead, the overview). */
/** Access pattern: save a named segment. */
/** Access pattern: every saved segment. */
/** Access pattern: one saved segment. */