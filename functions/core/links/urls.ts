import type { Ctx } from '../context.js';
import { DAY } from '../clock.js';
import { sign, type Purpose } from './tokens.js';

/** How long each kind of emailed link stays valid. Unsubscribe must work from any old email. */
export const LINK_TTL: Record<Purpose, number> = {
  confirm: 7 * DAY,
  prefs: 3650 * DAY,
  unsub: 3650 * DAY,
  choice: 120 * DAY,
  outcome: 730 * DAY,
  // A lesson's footer links: readers come back to old emails to tell us something happened.
  event: 730 * DAY,
  // A reader's data export: emailed only to them when they ask, short-lived (it opens everything we keep).
  export: 3 * DAY,
};

export function token(ctx: Ctx, purpose: Purpose, readerId: string, extra: Record<string, string | number> = {}): string {
  return sign(ctx.secrets.signingSecret, purpose, readerId, new Date(ctx.clock.now().getTime() + LINK_TTL[purpose]), extra);
}

export const links = {
  prefs: (ctx: Ctx, readerId: string) => `${ctx.config.publicUrl}/me/${token(ctx, 'prefs', readerId)}`,
  unsubscribe: (ctx: Ctx, readerId: string) => `${ctx.config.publicUrl}/unsubscribe/${token(ctx, 'unsub', readerId)}`,
  choice: (ctx: Ctx, readerId: string, branch: string, choice: string, seq: number) =>
    `${ctx.config.publicUrl}/choose/${token(ctx, 'choice', readerId, { b: branch, c: choice, s: seq })}`,
  outcome: (ctx: Ctx, readerId: string, checkpoint: string, outcome: string) =>
    `${ctx.config.publicUrl}/outcome/${token(ctx, 'outcome', readerId, { k: checkpoint, o: outcome })}`,
  happened: (ctx: Ctx, readerId: string, event: string) => `${ctx.config.publicUrl}/happened/${token(ctx, 'event', readerId, { e: event })}`,
  dataExport: (ctx: Ctx, readerId: string) => `${ctx.config.publicUrl}/export/${token(ctx, 'export', readerId, { i: ctx.clock.now().getTime() })}`,
};
