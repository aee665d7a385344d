import { z } from 'zod';
import type { Ctx } from '../context.js';
import { getEmailOwner, getReader } from '../db/access.js';
import { READERS_LIST } from '../db/keys.js';
import { normaliseEmail } from '../enrollment/input.js';
import { ReaderStatus, Track } from '../readers/schema.js';
import { filteredPage, queryAll, type Page, type Query } from './paging.js';

/** What the `readers` index projects: enough for a list row, nothing the scheduler writes. */
export interface ReaderSummary {
  id: string;
  email: string;
  firstName: string;
  situation: string;
  track: string;
  status: string;
  createdAt: string;
}

export const ReaderFilter = z.object({
  email: z.string().trim().min(3).max(254).optional(),
  q: z.string().trim().min(1).max(100).optional(),
  track: Track.optional(),
  status: ReaderStatus.optional(),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ReaderFilter = z.infer<typeof ReaderFilter>;

const summary = (i: Record<string, unknown>): ReaderSummary => ({
  id: String(i.id),
  email: String(i.email),
  firstName: String(i.firstName),
  situation: String(i.situation),
  track: String(i.track),
  status: String(i.status),
  createdAt: String(i.createdAt),
});

/** The readers index, newest first, with status / track as DynamoDB filters. */
function listQuery(f: Pick<ReaderFilter, 'track' | 'status'>): Query {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':p': READERS_LIST };
  const conds: string[] = [];
  if (f.status) {
    names['#st'] = 'status';
    values[':st'] = f.status;
    conds.push('#st = :st');
  }
  if (f.track) {
    names['#tr'] = 'track';
    values[':tr'] = f.track;
    conds.push('#tr = :tr');
  }
  return {
    IndexName: 'readers',
    KeyConditionExpression: 'rdPk = :p',
    ExpressionAttributeValues: values,
    ...(conds.length ? { FilterExpression: conds.join(' AND '), ExpressionAttributeNames: names } : {}),
    ScanIndexForward: false,
  };
}

/** An exact address: one Get on the uniqueness guard, not a search. */
async function byEmail(ctx: Ctx, email: string): Promise<ReaderSummary[]> {
  const norm = normaliseEmail(email);
  const id = (await getEmailOwner(ctx, norm)) ?? (norm !== norm.toLowerCase() ? await getEmailOwner(ctx, norm.toLowerCase()) : null);
  const r = id ? await getReader(ctx, id) : null;
  return r && !r.deletedAt ? [summary(r)] : [];
}

const matchesText = (q: string) => {
  const needle = q.toLowerCase();
  return (i: Record<string, unknown>) =>
    String(i.email).toLowerCase().includes(needle) || String(i.firstName).toLowerCase().includes(needle);
};

/**
 * The author's reader search: `email` is an exact lookup; `q` matches part of an address or a
 * first name, case-insensitively, over the readers index (a Query, never a table Scan).
 */
export async function searchReaders(ctx: Ctx, f: ReaderFilter): Promise<Page<ReaderSummary>> {
  const keepFilter = (r: ReaderSummary) => (!f.track || r.track === f.track) && (!f.status || r.status === f.status);
  if (f.email) return { items: (await byEmail(ctx, f.email)).filter(keepFilter) };
  if (f.q?.includes('@') && !f.cursor) {
    const exact = (await byEmail(ctx, f.q)).filter(keepFilter);
    if (exact.length) return { items: exact };
  }
  const page = await filteredPage(ctx, listQuery(f), { limit: f.limit, cursor: f.cursor, keep: f.q ? matchesText(f.q) : undefined });
  return { items: page.items.map(summary), cursor: page.cursor };
}

/** Every reader matching the filter, for the CSV export. */
export async function* allReaders(ctx: Ctx, f: Partial<Pick<ReaderFilter, 'track' | 'status' | 'q'>> = {}): AsyncGenerator<ReaderSummary> {
  const keep = f.q ? matchesText(f.q) : () => true;
  for await (const items of queryAll(ctx, listQuery(f))) for (const i of items) if (keep(i)) yield summary(i);
}
