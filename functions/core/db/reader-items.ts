import type { Ctx } from '../context.js';
import { isConditionFailure } from './errors.js';
import { readerHistory, type ReaderHistory } from './history.js';
import type { Reader } from './readers.js';
import { UnmatchedItem } from './unmatched.js';

/**
 * Every item stored about one reader, found and deleted for an erasure (core/readers/erase.ts).
 * The reader's partition (READER#<id>: profile, replies, choices, outcomes, notes, sent marks),
 * their address's lookup, and inbound mail that was theirs but is kept outside their partition
 * (unmatched mail assigned to them, or still unmatched from their address). Rows keyed by a keyed
 * hash (throttle, rate windows) name no reader and stay until they expire. test/core/readers/
 * erase.test.ts checks every entity in service.ts is empty for the reader afterwards, so an entity
 * added later that holds reader data fails it until it is handled here.
 */
export interface ReaderItems extends ReaderHistory {
  sentMarks: { readerId: string; seq: number }[];
  /** Unmatched mail assigned to the reader or sent from their address. */
  unmatched: UnmatchedItem[];
  /** Whether the address's lookup item still names this reader. */
  lookup: boolean;
  /** The parts of long replies' whole text (REPLYTEXT#, beside the replies). */
  replyTexts: { readerId: string; replyId: string; part: number }[];
  /** The identities of their inbound messages (INMSG#): each names every raw copy it arrived as. */
  inboundMessages: { messageKey: string; rawKeys: string[] }[];
}

export async function readerItems(ctx: Ctx, reader: Reader): Promise<ReaderItems> {
  const [history, marks, unmatched, lookup, texts] = await Promise.all([
    readerHistory(ctx, reader.id),
    ctx.db.entities.sentMark.query.bySend({ readerId: reader.id }).go({ pages: 'all', consistent: true }),
    theirMail(ctx, reader),
    ctx.db.entities.emailLookup.get({ address: reader.email }).go({ consistent: true }),
    ctx.db.entities.replyText.query.byReply({ readerId: reader.id }).go({ pages: 'all', consistent: true, attributes: ['readerId', 'replyId', 'part'] }),
  ]);
  const keys = [...new Set([...history.replies.map((r) => r.messageKey), ...unmatched.map((m) => m.messageKey)].filter((k): k is string => !!k))];
  const found: { messageKey: string; rawKeys?: string[] }[] = [];
  // Unprocessed keys (throttling) are asked again, so no identity item of theirs is left behind.
  for (let left = keys.map((messageKey) => ({ messageKey })), round = 0; left.length; round++) {
    if (round > 20) throw new Error(`could not read ${left.length} message identities`);
    const { data, unprocessed } = await ctx.db.entities.inboundMessage.get(left).go({ consistent: true });
    found.push(...data);
    left = unprocessed;
  }
  return {
    replyTexts: texts.data.map((t) => ({ readerId: t.readerId, replyId: t.replyId, part: t.part })),
    inboundMessages: found.map((m) => ({ messageKey: m.messageKey, rawKeys: m.rawKeys ?? [] })),
    ...history,
    sentMarks: marks.data.map((m) => ({ readerId: m.readerId, seq: m.seq })),
    unmatched,
    lookup: lookup.data?.readerId === reader.id,
  };
}

const sameAddress = (a: string | undefined, b: string) => !!a && a.trim().toLowerCase() === b.trim().toLowerCase();

/** Both unmatched boxes, read whole: they are short (the author works them down), and rarely read. */
async function theirMail(ctx: Ctx, reader: Reader): Promise<UnmatchedItem[]> {
  const out: UnmatchedItem[] = [];
  for (const box of ['unmatched', 'assigned'] as const) {
    const { data } = await ctx.db.entities.unmatched.query.inbox({ box }).go({ pages: 'all' });
    for (const i of data) {
      const m = UnmatchedItem.safeParse({ ...i, id: i.mailId });
      if (m.success && (m.data.assignedTo === reader.id || sameAddress(m.data.from, reader.email))) out.push(m.data);
    }
  }
  return out;
}

/** Deletes everything `readerItems` found except the reader item itself (that goes last: erase.ts). */
export async function deleteReaderItems(ctx: Ctx, reader: Reader, items: ReaderItems): Promise<void> {
  const e = ctx.db.entities;
  const batches: Promise<unknown>[] = [];
  const del = <K>(entity: { delete(keys: K[]): { go(o?: object): Promise<{ unprocessed: K[] }> } }, keys: K[]) => {
    if (keys.length) batches.push(deleteAll(entity, keys));
  };
  del(e.reply, items.replies.map((r) => ({ readerId: r.readerId, receivedAt: r.receivedAt, replyId: r.replyId })));
  del(e.choice, items.choices.map((c) => ({ readerId: c.readerId, at: c.at, branch: c.branch })));
  del(e.outcome, items.outcomes.map((o) => ({ readerId: o.readerId, checkpoint: o.checkpoint })));
  del(e.note, items.notes.map((n) => ({ readerId: n.readerId, at: n.at, noteId: n.id })));
  del(e.sentMark, items.sentMarks);
  del(e.unmatched, items.unmatched.map((m) => ({ mailId: m.id })));
  del(e.replyText, items.replyTexts);
  del(e.inboundMessage, items.inboundMessages.map((m) => ({ messageKey: m.messageKey })));
  await Promise.all(batches);
  if (items.lookup) {
    try {
      await e.emailLookup.delete({ address: reader.email }).where((a, { eq }) => eq(a.readerId, reader.id)).go({ response: 'none' });
    } catch (err) {
      if (!isConditionFailure(err)) throw err; // someone else's now: not ours to delete
    }
  }
}

/** Batch deletes (25 a request), unprocessed keys retried until none are left. */
async function deleteAll<K>(entity: { delete(keys: K[]): { go(o?: object): Promise<{ unprocessed: K[] }> } }, keys: K[]): Promise<void> {
  let left = keys;
  for (let round = 0; left.length; round++) {
    if (round > 20) throw new Error(`could not delete ${left.length} items`);
    ({ unprocessed: left } = await entity.delete(left).go({ concurrency: 4 }));
  }
}

/**
 * The reader item, only if still at the version given; false if someone wrote it meanwhile (read
 * again and retry). Gone when the condition fails: deleted, by this call when DynamoDB lost the
 * answer to it (the SDK's copy found nothing at that version); the erasure answered 404 for a reader
 * it had erased.
 */
export async function deleteReaderItem(ctx: Ctx, reader: Reader): Promise<boolean> {
  try {
    await ctx.db.entities.reader.delete({ readerId: reader.id }).where(({ ver }, { eq }) => eq(ver, reader.ver)).go({ response: 'none' });
    return true;
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    const { data } = await ctx.db.entities.reader.get({ readerId: reader.id }).go({ consistent: true, attributes: ['readerId'] });
    return !data;
  }
}
