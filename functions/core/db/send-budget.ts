import { Entity, type EntityConfiguration } from 'electrodb';
import type { Ctx } from '../context.js';

/**
 * The shared send budget: one item per time slot (a fraction of a second) counting the send
 * tokens taken in it by every sender (every Lambda, every process). Expires an hour later.
 *   pk BUDGET#<slots per second>#<slot index>   sk BUDGET
 */
export const sendBudgetEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'send-budget', version: '1', service: 'mend' },
      attributes: {
        perSecond: { type: 'number', required: true },
        slot: { type: 'number', required: true },
        taken: { type: 'number' },
        expiresAt: { type: 'number' },
      },
      indexes: {
        bySlot: {
          pk: { field: 'pk', composite: ['perSecond', 'slot'], template: 'BUDGET#${perSecond}#${slot}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'BUDGET', casing: 'none' },
        },
      },
    },
    config,
  );

/**
 * Takes up to `want` of a slot's `capacity` tokens in one atomic ADD; returns how many were
 * granted. The ADD always counts what was asked, so a sender that asked past the capacity gets
 * only what was left before it, and the grants in a slot never add up to more than its capacity.
 */
export async function takeTokens(ctx: Ctx, k: { perSecond: number; slot: number }, want: number, capacity: number, expiresAt: number): Promise<number> {
  const { data } = await ctx.db.entities.sendBudget.update(k).add({ taken: want }).set({ expiresAt }).go({ response: 'all_new' });
  const before = (data.taken ?? want) - want;
  return Math.max(0, Math.min(want, capacity - before));
}
