import { z } from 'zod';
import type { Ctx } from '../context.js';
import { OUTCOMES_LIST } from '../db/keys.js';
import { OutcomeRecord } from '../outcomes/record.js';
import { Situation, Track } from '../readers/schema.js';
import { filteredPage, queryAll, type Page, type Query } from './paging.js';

/** Per-reader outcome records, newest answer first (the OUTCOMES list: one Query, no Scan). */
export type OutcomeEntry = Omit<OutcomeRecord, 'outbox' | 'ver'>;

const listQuery: Query = {
  IndexName: 'list',
  KeyConditionExpression: 'listPk = :p',
  ExpressionAttributeValues: { ':p': OUTCOMES_LIST },
  ScanIndexForward: false,
};

export const OutcomeFilter = z.object({
  checkpoint: z.string().regex(/^\d+m$/, 'must look like 1m, 3m, 12m').optional(),
  situation: Situation.optional(),
  track: Track.optional(),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type OutcomeFilter = z.infer<typeof OutcomeFilter>;

const entry = (i: unknown): OutcomeEntry | null => {
  const r = OutcomeRecord.safeParse(i);
  if (!r.success) return null;
  const { outbox: _o, ver: _v, ...rest } = r.data;
  return rest;
};

const keep = (f: Partial<OutcomeFilter>) => (e: OutcomeEntry | null): e is OutcomeEntry =>
  !!e && (!f.checkpoint || e.checkpoint === f.checkpoint) && (!f.situation || e.situation === f.situation) && (!f.track || e.track === f.track);

export async function listOutcomes(ctx: Ctx, f: OutcomeFilter): Promise<Page<OutcomeEntry>> {
  const k = keep(f);
  const page = await filteredPage(ctx, listQuery, { limit: f.limit, cursor: f.cursor, keep: (i) => k(entry(i)) });
  return { items: page.items.map(entry).filter(k), cursor: page.cursor };
}

export async function* allOutcomes(ctx: Ctx, f: Partial<OutcomeFilter> = {}): AsyncGenerator<OutcomeEntry> {
  const k = keep(f);
  for await (const items of queryAll(ctx, listQuery)) for (const i of items) {
    const e = entry(i);
    if (k(e)) yield e;
  }
}
