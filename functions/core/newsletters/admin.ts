import { z } from 'zod';
import type { Ctx } from '../context.js';
import { DeliveryState, SkipReason } from '../db/newsletter-deliveries.js';
import { getSavedSegment, putSavedSegment, savedSegments, SavedSegment } from '../db/newsletters.js';
import type { Table } from '../reports/exports.js';
import { NotFound } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { deliveryRows, MissedRow } from './figures.js';
import { Segment } from './segment-schema.js';
import { countSegment } from './segment.js';

/** The author's side of newsletters beyond composing and sending: segments and the ledger's view. */
export const SegmentCountInput = z.object({ segment: Segment.optional(), segmentId: z.string().optional() }).strict();
export const SegmentCount = z.object({ count: z.number().int(), excluded: z.number().int() });

/** A count by a segment given inline or saved (`segmentId`); `{}` is every subscriber. */
export async function segmentCount(ctx: Ctx, input: z.infer<typeof SegmentCountInput>) {
  return countSegment(ctx, await resolveSegment(ctx, input));
}

export async function resolveSegment(ctx: Ctx, input: { segment?: Segment; segmentId?: string }): Promise<Segment> {
  if (input.segmentId) {
    const s = await getSavedSegment(ctx, input.segmentId);
    if (!s) throw new NotFound('No saved segment with this id');
    return s.segment;
  }
  return input.segment ?? ({} as Segment);
}

export const SaveSegmentInput = z.object({ name: z.string().trim().min(1, 'is required').max(100, 'is too long'), segment: Segment }).strict();

export async function saveSegment(ctx: Ctx, input: z.infer<typeof SaveSegmentInput>): Promise<SavedSegment> {
  const s = { id: newId(), name: input.name, segment: input.segment, createdAt: ctx.clock.now().toISOString() };
  await putSavedSegment(ctx, s);
  return s;
}

export const SavedSegmentView = SavedSegment.extend({ segment: z.record(z.string(), z.unknown()) });
export const listSegments = (ctx: Ctx) => savedSegments(ctx);

/** Which ledger items to list: `missed` (did not get it: skipped, failed, cancelled), one state, or all. */
export const DeliveryFilter = z.object({
  show: z.enum(['missed', 'all', ...DeliveryState.options]).default('missed'),
  reason: SkipReason.optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
export type DeliveryFilter = z.infer<typeof DeliveryFilter>;

export const DeliveriesPage = z.object({ rows: z.array(MissedRow) });

const keep = (f: DeliveryFilter) => (d: { state: string; reason?: string }) =>
  (f.show === 'all' || (f.show === 'missed' ? ['skipped', 'failed', 'cancelled'].includes(d.state) : d.state === f.show)) && (!f.reason || d.reason === f.reason);

export async function deliveriesOf(ctx: Ctx, issueId: string, f: DeliveryFilter): Promise<{ rows: MissedRow[] }> {
  const rows: MissedRow[] = [];
  for await (const r of deliveryRows(ctx, issueId, keep(f))) rows.push(r);
  return { rows };
}

/** The same rows as a CSV table, streamed. */
export function deliveriesTable(ctx: Ctx, issueId: string, f: DeliveryFilter): Table {
  return {
    header: ['reader_id', 'email', 'first_name', 'state', 'reason', 'at'],
    rows: (async function* () {
      for await (const r of deliveryRows(ctx, issueId, keep(f))) yield [r.readerId, r.email, r.firstName, r.state, r.reason, r.at];
    })(),
  };
}
