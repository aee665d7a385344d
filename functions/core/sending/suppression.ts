import type { Ctx } from '../context.js';
import { getEmailOwner } from '../db/email-lookups.js';
import { deleteSuppression, getSuppressions, liftSuppression, putSuppression, replaceSuppression, suppressionsPage, type Suppression, type SuppressionReason } from '../db/suppressions.js';
import { addSoftBounce } from '../db/soft-bounces.js';
import { mutateReader } from '../readers/store.js';
import { NotFound } from '../shared/errors.js';
import { addressHash, addressHashes, maskAddress, normaliseAddress } from './address.js';
import type { Reader } from '../db/readers.js';

export type { Suppression, SuppressionReason } from '../db/suppressions.js';

/**
 * The address-level suppression list: fed by permanent bounces, complaints, per-recipient SES
 * rejections, repeated transient bounces and the author; checked by the one send function
 * immediately before every send (mailer/send.ts), and by enrolment before anything is created.
 */

/** Transient bounces that suppress an address: this many within the window. */
export const SOFT_BOUNCE_LIMIT = 3;
export const SOFT_BOUNCE_WINDOW_MS = 30 * 86_400_000;

/**
 * Look-ups made within `config.gatherMs` (20 ms by default) share one BatchGetItem. Senders reach
 * this check spread out, not in one tick: for 2,000 sends at concurrency 24, gathering within a tick
 * made 1,750 BatchGetItems, gathering for 20 ms 119, and dispatch went from 84 to 123 sends/s (the
 * local Send events are gathered the same way, local/send-events.ts). Two dozen concurrent senders cost one
 * round trip, not two dozen, and each send still checks at the moment it is about to go.
 */
class Batcher {
  /** Waiting look-ups by the address's current hash, with every hash it may be under. */
  private queue = new Map<string, { hashes: string[]; waiting: ((v: boolean) => void)[] }>();
  private failures: ((e: unknown) => void)[] = [];
  private scheduled = false;
  constructor(private readonly ctx: Ctx) {}

  check(hashes: string[]): Promise<boolean> {
    return new Promise((resolve, reject) => {
      const q = this.queue.get(hashes[0]!);
      if (q) q.waiting.push(resolve);
      else this.queue.set(hashes[0]!, { hashes, waiting: [resolve] });
      this.failures.push(reject);
      if (!this.scheduled) {
        this.scheduled = true;
        setTimeout(() => void this.flush(), this.ctx.config.gatherMs);
      }
    });
  }

  private async flush() {
    const queue = this.queue;
    const failures = this.failures;
    this.queue = new Map();
    this.failures = [];
    this.scheduled = false;
    try {
      const found = await getSuppressions(this.ctx, [...queue.values()].flatMap((q) => q.hashes));
      for (const { hashes, waiting } of queue.values()) {
        const active = activeUnder(this.ctx, found, hashes);
        for (const w of waiting) w(active);
      }
    } catch (e) {
      for (const f of failures) f(e);
    }
  }
}

const batchers = new WeakMap<Ctx, Batcher>();

/**
 * Whether any of an address's hashes is active. One found only under the previous key is copied
 * under the current one (in the background: the answer does not wait), so the list outlives the
 * next rotation for every address that is still looked up.
 */
function activeUnder(ctx: Ctx, found: Map<string, Suppression>, hashes: string[]): boolean {
  const hit = hashes.map((h) => found.get(h)).find((s) => s?.state === 'active');
  if (hit && hit.hash !== hashes[0] && !found.get(hashes[0]!)) {
    const { state: _s, liftedAt: _l, liftReason: _r, wid: _w, ...entry } = hit;
    void putSuppression(ctx, { ...entry, hash: hashes[0]! }).catch((e: unknown) => ctx.log.warn('suppression not re-keyed', { error: String(e) }));
  }
  return hit !== undefined;
}

/** Whether the address is on the list (active). */
export function isSuppressed(ctx: Ctx, address: string): Promise<boolean> {
  let b = batchers.get(ctx);
  if (!b) batchers.set(ctx, (b = new Batcher(ctx)));
  return b.check(addressHashes(ctx, address));
}

/** The addresses of a batch that are on the list (a bulk send checks its recipients at once). */
export async function suppressedAmong(ctx: Ctx, addresses: string[]): Promise<Set<string>> {
  const hashes = addresses.map((a) => ({ a, hashes: addressHashes(ctx, a) }));
  const found = await getSuppressions(ctx, hashes.flatMap((h) => h.hashes));
  return new Set(hashes.filter((h) => activeUnder(ctx, found, h.hashes)).map((h) => h.a));
}

/**
 * Puts an address on the list and stops its reader (the one named, or the address's owner):
 * nothing more is ever sent to it, on any path, until the author lifts it.
 */
export async function suppressAddress(
  ctx: Ctx,
  address: string,
  why: { reason: SuppressionReason; detail?: string; readerId?: string },
): Promise<boolean> {
  const at = ctx.clock.now().toISOString();
  const readerId = why.readerId ?? (await getEmailOwner(ctx, address)) ?? undefined;
  const added = await putSuppression(ctx, { hash: addressHash(ctx, address), masked: maskAddress(address), reason: why.reason, detail: why.detail, at, readerId });
  if (readerId) {
    const reason = why.detail ? `${why.reason}: ${why.detail}` : why.reason;
    await mutateReader(ctx, readerId, (r) => (r.status === 'suppressed' || normaliseAddress(r.email) !== normaliseAddress(address) ? null : { ...r, claim: undefined, status: 'suppressed', suppressedReason: reason }));
  }
  if (added) ctx.log.info('address suppressed', { reason: why.reason, readerId });
  return added;
}

/** A transient bounce: counted per address; the third within 30 days suppresses it. */
export async function noteSoftBounce(ctx: Ctx, address: string, feedbackId: string, readerId?: string): Promise<boolean> {
  const recent = await addSoftBounce(ctx, addressHash(ctx, address), ctx.clock.now().toISOString(), feedbackId, SOFT_BOUNCE_WINDOW_MS);
  if (recent.length < SOFT_BOUNCE_LIMIT) return false;
  return suppressAddress(ctx, address, { reason: 'soft-bounces', detail: `${recent.length} transient bounces in 30 days`, readerId });
}

/**
 * The author lifts an entry, saying why. The reader it stopped can come back only by signing up
 * (and confirming) again: lifting never starts mail by itself.
 */
export async function liftAddress(ctx: Ctx, hash: string, reason: string): Promise<Suppression> {
  const lifted = await liftSuppression(ctx, hash, reason, ctx.clock.now().toISOString());
  if (!lifted) throw new NotFound('No active suppression with that id');
  if (lifted.readerId) {
    const now = ctx.clock.now().toISOString();
    await mutateReader(ctx, lifted.readerId, (r) =>
      r.status === 'suppressed' ? { ...r, status: 'unsubscribed', unsubscribedAt: now, unsubscribedVia: 'suppression-lifted' } : null,
    );
  }
  ctx.log.info('suppression lifted', { readerId: lifted.readerId });
  return lifted;
}

export async function listSuppressions(ctx: Ctx, q: { state: Suppression['state']; email?: string; cursor?: string; limit: number }) {
  if (q.email) {
    const found = await getSuppressions(ctx, addressHashes(ctx, q.email));
    return { items: [...found.values()].filter((s) => s.state === q.state), cursor: undefined };
  }
  return suppressionsPage(ctx, q.state, { limit: q.limit, cursor: q.cursor });
}

/**
 * A reader is erased (readers/erase.ts): what stays of their address on the list is the keyed hash
 * and why, never the masked address or whose it was. A suppressed reader's entry stays active
 * (stripped); an unsubscribed reader's address goes on as `unsubscribed`, so a sign-up in their name
 * mails them nothing (issue 14: they are never mailed again unless the author lifts it); a lifted
 * entry of theirs is deleted. Returns whether a hash stays.
 */
export async function keepErasedAddress(ctx: Ctx, reader: Pick<Reader, 'email' | 'status'>): Promise<boolean> {
  const hashes = addressHashes(ctx, reader.email);
  const found = await getSuppressions(ctx, hashes);
  const at = ctx.clock.now().toISOString();
  let kept = false;
  for (const s of found.values()) {
    if (s.state === 'active') {
      await replaceSuppression(ctx, { hash: s.hash, masked: ERASED, reason: s.reason, at: s.at, state: 'active' });
      kept = true;
    } else await deleteSuppression(ctx, s.hash);
  }
  if (!kept && (reader.status === 'unsubscribed' || reader.status === 'suppressed')) {
    // Suppressed before the list existed, or unsubscribed: the reader's status is all there is.
    await putSuppression(ctx, { hash: hashes[0]!, masked: ERASED, reason: reader.status === 'unsubscribed' ? 'unsubscribed' : 'rejected', at });
    kept = true;
  }
  return kept;
}

/** What the author sees in place of an erased reader's masked address. */
export const ERASED = '(erased)';
