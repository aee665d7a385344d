import { z } from 'zod';
import { DeliveriesPage, DeliveryFilter, SavedSegmentView, SaveSegmentInput, SegmentCount, SegmentCountInput } from './schemas.js';
import type { Ctx } from '../context.js';
import { DeliveryState, SkipReason } from '../db/newsletter-deliveries.js';
import { SavedSegment } from '../db/newsletters.js';
import { getSavedSegment, putSavedSegment, savedSegments } from '../db/newsletter-issues.js';
import type { Table } from '../reports/exports.js';
import { NotFound } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { deliveryRows, MissedRow } from './figures.js';
import { Segment } from './segment-schema.js';
import { countSegment } from './segment.js';

/** The author's side of newsletters beyond composing and sending: segments and the ledger's view. */

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


export async function saveSegment(ctx: Ctx, input: z.infer<typeof SaveSegmentInput>): Promise<SavedSegment> {
  const s = { id: newId(), name: input.name, segment: input.segment, createdAt: ctx.clock.now().toISOString() };
  await putSavedSegment(ctx, s);
  return s;
}

export const listSegments = (ctx: Ctx) => savedSegments(ctx);


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

export { DeliveriesPage, DeliveryFilter, SavedSegmentView, SaveSegmentInput, SegmentCount, SegmentCountInput } from './schemas.js';
