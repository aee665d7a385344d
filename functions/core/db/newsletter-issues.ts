import type { Ctx } from '../context.js';
import { ConflictError, isConditionFailure } from './errors.js';
import { createFresh, ownWrite } from './own-writes.js';
import { Issue, issueFrom, jobFrom, SavedSegment, toIssueItem, type Job } from './newsletters.js';
import { everyItem, getAll } from './paging.js';
import { itemParser } from './parse.js';

/**
 * The access patterns of the newsletter issue, broadcast job and saved segment entities
 * (newsletters.ts). Apart from the entities because only the newsletter code uses them, and it
 * loads on first use: the api's cold start carries the entities (the table's one Service) only.
 */
export async function nextIssueNumber(ctx: Ctx): Promise<number> {
  const { data } = await ctx.db.entities.counters.newsletter.update({ dims: 'issues' }).add({ issued: 1 } as never).go({ response: 'all_new' });
  return Number((data as Record<string, unknown>).issued ?? 1);
}

export async function createIssue(ctx: Ctx, issue: Issue): Promise<void> {
  await createFresh(() => ctx.db.entities.newsletterIssue.create(toIssueItem(issue)).go({ response: 'none' }));
}

export async function issueByNumber(ctx: Ctx, no: number): Promise<Issue | null> {
  for await (const i of allIssues(ctx)) if (i.no === no) return i;
  return null;
}

export async function getIssue(ctx: Ctx, id: string): Promise<Issue | null> {
  const { data } = await ctx.db.entities.newsletterIssue.get({ issueId: id }).go({ consistent: true });
  return data ? issueFrom(data) : null;
}

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

export async function* allIssues(ctx: Ctx): AsyncGenerator<Issue> {
  yield* everyItem(ctx.db.entities.newsletterIssue.query.list({}), itemParser(Issue, (i) => ({ ...i, id: i.issueId })));
}

export async function getJob(ctx: Ctx, issueId: string): Promise<Job | null> {
  const { data } = await ctx.db.entities.broadcastJob.get({ issueId }).go({ consistent: true });
  return data ? jobFrom(data) : null;
}

export async function getJobs(ctx: Ctx, issueIds: string[]): Promise<Map<string, Job>> {
  const keys = [...new Set(issueIds)].map((issueId) => ({ issueId }));
  const jobs = await getAll(keys, (k) => ctx.db.entities.broadcastJob.get(k).go(), jobFrom);
  return new Map(jobs.map((j) => [j.issueId, j]));
}

/**
 * Creates the job (`expectedVer` null) or saves it over the version read. Each save carries its own
 * write id: when DynamoDB applied it and lost the answer, the SDK's copy fails on the condition, and
 * the id found says it landed. Taken for a conflict, a schedule answered the author "already
 * scheduled or sent; duplicate it to send again" for a job that was going out, and the duplicate
 * would have gone to everyone twice.
 */
export async function saveJob(ctx: Ctx, next: Job, expectedVer: number | null): Promise<Job> {
  const saved = { ...next, ver: (expectedVer ?? 0) + 1 };
  const landed = await ownWrite(
    (wid) =>
      expectedVer === null
        ? ctx.db.entities.broadcastJob.create({ ...saved, wid }).go({ response: 'none' })
        : ctx.db.entities.broadcastJob.put({ ...saved, wid }).where(({ ver }, { eq }) => eq(ver, expectedVer)).go({ response: 'none' }),
    async () => (await getJob(ctx, next.issueId))?.wid,
  );
  if (!landed) throw new ConflictError(`broadcast job ${next.issueId}`);
  return saved;
}

export async function dueJobs(ctx: Ctx, upTo: string): Promise<Job[]> {
  const { data } = await ctx.db.entities.broadcastJob.query.active({}).lte({ nextAt: upTo }).go({ pages: 'all' });
  return data.map(jobFrom);
}

export async function earliestJob(ctx: Ctx): Promise<string | null> {
  const { data } = await ctx.db.entities.broadcastJob.query.active({}).go({ limit: 1 });
  return data[0]?.nextAt ?? null;
}

export async function putSavedSegment(ctx: Ctx, s: SavedSegment): Promise<void> {
  await ctx.db.entities.savedSegment.put({ segmentId: s.id, name: s.name, segment: s.segment, createdAt: s.createdAt }).go({ response: 'none' });
}

export async function savedSegments(ctx: Ctx): Promise<SavedSegment[]> {
  const { data } = await ctx.db.entities.savedSegment.query.byId({}).go({ pages: 'all' });
  return data.map((d) => SavedSegment.parse({ ...d, id: d.segmentId }));
}

export async function getSavedSegment(ctx: Ctx, id: string): Promise<SavedSegment | null> {
  const { data } = await ctx.db.entities.savedSegment.get({ segmentId: id }).go();
  return data ? SavedSegment.parse({ ...data, id: data.segmentId }) : null;
}

