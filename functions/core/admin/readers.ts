import { z } from 'zod';
import type { Ctx } from '../context.js';
import { getEmailOwner } from '../db/email-lookups.js';
import type { Page } from '../db/paging.js';
import { allReaders as everyReader, getReader, readersPage, ReaderStatus, Track, type ReaderSummary } from '../db/readers.js';
import { normaliseEmail } from '../enrollment/input.js';

export { ReaderSummary } from '../db/readers.js';

export const ReaderFilter = z.object({
  email: z.string().trim().min(3).max(254).optional(),
  q: z.string().trim().min(1).max(100).optional(),
  track: Track.optional(),
  status: ReaderStatus.optional(),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ReaderFilter = z.infer<typeof ReaderFilter>;

const summary = (r: ReaderSummary): ReaderSummary => ({
  id: r.id,
  email: r.email,
  firstName: r.firstName,
  situation: r.situation,
  track: r.track,
  status: r.status,
  createdAt: r.createdAt,
});

const byStatusAndTrack = (f: Pick<ReaderFilter, 'track' | 'status'>) => (r: ReaderSummary) =>
  (!f.track || r.track === f.track) && (!f.status || r.status === f.status);

/** An exact address: one Get on the uniqueness guard, not a search. */
async function byEmail(ctx: Ctx, email: string): Promise<ReaderSummary[]> {
  // The lookup is case-insensitive (core/db/email-lookups.ts): any spelling of the address finds the reader.
  const id = await getEmailOwner(ctx, normaliseEmail(email));
  const r = id ? await getReader(ctx, id) : null;
  return r && !r.deletedAt ? [summary(r)] : [];
}

const matchesText = (q: string) => {
  const needle = q.toLowerCase();
  return (r: ReaderSummary) => r.email.toLowerCase().includes(needle) || r.firstName.toLowerCase().includes(needle);
};

/**
 * The author's reader search: `email` is an exact lookup; `q` matches part of an address or a
 * first name, case-insensitively, over the readers index (a Query, never a table Scan).
 */
export async function searchReaders(ctx: Ctx, f: ReaderFilter): Promise<Page<ReaderSummary>> {
  const keepFilter = byStatusAndTrack(f);
  if (f.email) return { items: (await byEmail(ctx, f.email)).filter(keepFilter) };
  if (f.q?.includes('@') && !f.cursor) {
    const exact = (await byEmail(ctx, f.q)).filter(keepFilter);
    if (exact.length) return { items: exact };
  }
  const text = f.q ? matchesText(f.q) : () => true;
  const page = await readersPage(ctx, { limit: f.limit, cursor: f.cursor, keep: (r) => keepFilter(r) && text(r) });
  return { items: page.items.map(summary), cursor: page.cursor };
}

/** Every reader matching the filter, for the CSV export. */
export async function* allReaders(ctx: Ctx, f: Partial<Pick<ReaderFilter, 'track' | 'status' | 'q'>> = {}): AsyncGenerator<ReaderSummary> {
  const text = f.q ? matchesText(f.q) : () => true;
  const keep = byStatusAndTrack(f);
  for await (const r of everyReader(ctx)) if (keep(r) && text(r)) yield summary(r);
}
