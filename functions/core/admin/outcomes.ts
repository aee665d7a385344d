import { z } from 'zod';
import type { Ctx } from '../context.js';
import { everyOutcome, OutcomeRecord, outcomesPage } from '../db/outcomes.js';
import type { Page } from '../db/paging.js';
import { Situation, Track } from '../db/readers.js';

/** Per-reader outcome records, newest answer first (the OUTCOMES list: one Query, no Scan). */
export const OutcomeEntry = OutcomeRecord.omit({ outbox: true, ver: true });
export type OutcomeEntry = z.infer<typeof OutcomeEntry>;

export const OutcomeFilter = z.object({
  checkpoint: z.string().regex(/^\d+m$/, 'must look like 1m, 3m, 12m').optional(),
  situation: Situation.optional(),
  track: Track.optional(),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type OutcomeFilter = z.infer<typeof OutcomeFilter>;

const entry = ({ outbox: _o, ver: _v, ...rest }: OutcomeRecord): OutcomeEntry => rest;

const keep = (f: Partial<OutcomeFilter>) => (e: OutcomeRecord) =>
  (!f.checkpoint || e.checkpoint === f.checkpoint) && (!f.situation || e.situation === f.situation) && (!f.track || e.track === f.track);

export async function listOutcomes(ctx: Ctx, f: OutcomeFilter): Promise<Page<OutcomeEntry>> {
  const page = await outcomesPage(ctx, { limit: f.limit, cursor: f.cursor, keep: keep(f) });
  return { items: page.items.map(entry), cursor: page.cursor };
}

export async function* allOutcomes(ctx: Ctx, f: Partial<OutcomeFilter> = {}): AsyncGenerator<OutcomeEntry> {
  const k = keep(f);
  for await (const o of everyOutcome(ctx)) if (k(o)) yield entry(o);
}
