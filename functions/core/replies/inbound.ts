import { createHash } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Ctx } from '../context.js';
import { counter } from '../aggregates/counters.js';
import { FUNNEL, funnelDims } from '../choices/record.js';
import { applySignals } from '../course/signals.js';
import { getEmailOwner, getReader, isConditionFailure } from '../db/access.js';
import { inboxPk, inboxSk, replyKey, unmatchedKey } from '../db/keys.js';
import { parseReplyToken } from '../links/tokens.js';
import { applyReaderAction } from '../readers/actions.js';
import type { OutboxOp, Reader } from '../readers/schema.js';
import { commitReader } from '../readers/store.js';
import { newId } from '../shared/ids.js';
import { recogniseSignals, type Recognised } from '../signals/recognise.js';
import { parseMessage, type ParsedMessage } from './parse.js';
import { proposeOutcome, type ReplyItem } from './schema.js';

/** Larger messages are kept raw and listed for the author, not parsed (SES accepts up to 40 MB). */
export const MAX_PARSE_BYTES = 10 * 1024 * 1024;

export type InboundResult =
  | { status: 'logged'; readerId: string; replyId: string; signals: string[]; lessonId?: string }
  | { status: 'duplicate'; replyId: string }
  | { status: 'unmatched'; id: string; reason: string }
  | { status: 'unsubscribed'; readerId: string };

/** Local runtime and tests: store the raw message first (like SES's S3 action), then process it. */
export async function receiveRaw(ctx: Ctx, raw: Uint8Array): Promise<InboundResult> {
  const now = ctx.clock.now();
  const key = `inbound/${now.toISOString().slice(0, 10)}/${now.getTime()}-${newId(8)}.eml`;
  await ctx.rawMail.put(key, raw);
  return processInbound(ctx, { key, receivedAt: now.toISOString() });
}

/**
 * One inbound message, already stored raw (S3 in AWS, a folder locally). Nothing is dropped:
 * a message we cannot parse or match is kept in the unmatched list with a pointer to the raw copy.
 */
export async function processInbound(ctx: Ctx, input: { key: string; receivedAt?: string }): Promise<InboundResult> {
  const receivedAt = input.receivedAt ?? ctx.clock.now().toISOString();
  const id = createHash('sha256').update(input.key).digest('hex').slice(0, 20);
  const raw = await ctx.rawMail.get(input.key);
  if (raw.byteLength > MAX_PARSE_BYTES) return unmatched(ctx, id, input.key, receivedAt, `too large to parse (${raw.byteLength} bytes)`);
  let msg: ParsedMessage;
  try {
    msg = await parseMessage(raw);
  } catch (e) {
    return unmatched(ctx, id, input.key, receivedAt, `could not parse: ${(e as Error).message.slice(0, 200)}`);
  }
  const unsub = msg.to.map((a) => /^unsubscribe\+([^@]+)@/.exec(a)?.[1]).find(Boolean);
  if (unsub) {
    const who = parseReplyToken(ctx.secrets.signingSecret, unsub, 'unsub');
    if (who) {
      await applyReaderAction(ctx, who.readerId, { type: 'unsubscribe', via: 'mailto' });
      return { status: 'unsubscribed', readerId: who.readerId };
    }
  }
  const match = await matchReader(ctx, msg);
  if (!match) return unmatched(ctx, id, input.key, receivedAt, msg.from ? 'no reader with this reply address or sender' : 'no sender', msg);
  return logReply(ctx, match.reader, { id, key: input.key, receivedAt, msg, seq: match.seq, via: match.via });
}

/** The reply token in the recipient address first; else the sender, with In-Reply-To for the lesson. */
async function matchReader(ctx: Ctx, msg: ParsedMessage): Promise<{ reader: Reader; seq?: number; via: 'token' | 'sender' } | null> {
  for (const addr of msg.to) {
    const token = /^reply\+([^@]+)@/.exec(addr)?.[1];
    const who = token && parseReplyToken(ctx.secrets.signingSecret, token);
    if (!who) continue;
    const reader = await getReader(ctx, who.readerId);
    if (reader) return { reader, seq: who.seq, via: 'token' };
  }
  if (!msg.from) return null;
  const owner = await getEmailOwner(ctx, msg.from);
  const reader = owner ? await getReader(ctx, owner) : null;
  if (!reader) return null;
  const ids = [msg.inReplyTo, ...msg.references].filter(Boolean).join(' ');
  const send = [...reader.sends].reverse().find((s) => s.messageId && ids.includes(s.messageId));
  return { reader, seq: send?.seq, via: 'sender' };
}

async function logReply(
  ctx: Ctx,
  reader: Reader,
  input: { id: string; key: string; receivedAt: string; msg: ParsedMessage; seq?: number; via: 'token' | 'sender' },
): Promise<InboundResult> {
  const key = replyKey(reader.id, input.receivedAt, input.id);
  const exists = await ctx.db.send(new GetCommand({ TableName: ctx.config.tableName, Key: key }));
  if (exists.Item) return { status: 'duplicate', replyId: input.id };
  const { msg } = input;
  const send = input.seq ? reader.sends.find((s) => s.seq === input.seq) : undefined;
  const signals: Recognised[] = msg.automatic ? [] : recogniseSignals(msg.text);
  const item: ReplyItem = {
    type: 'reply',
    replyId: input.id,
    readerId: reader.id,
    receivedAt: input.receivedAt,
    matchedBy: input.via,
    seq: send?.seq,
    kind: send?.kind,
    lessonId: send?.kind === 'lesson' ? send.ref : undefined,
    checkpoint: send?.kind === 'checkin' ? send.ref : undefined,
    track: send?.track ?? reader.track,
    situation: reader.situation,
    trackDay: send?.localDate && reader.cursor ? dayNumber(reader.cursor.anchor, send.localDate) : undefined,
    subject: msg.subject,
    text: msg.text,
    fullText: msg.fullText,
    raw: ctx.rawMail.describe(input.key),
    rawKey: input.key,
    attachments: msg.attachments,
    automatic: msg.automatic ?? undefined,
    signals: signals.map((s) => ({ signal: s.signal, evidence: s.evidence, ...(s.day ? { day: s.day } : {}) })),
    proposedOutcome: send?.kind === 'checkin' ? proposeOutcome(signals.map((s) => s.signal)) : undefined,
    reviewed: false,
    listPk: inboxPk('unreviewed'),
    listSk: inboxSk(input.receivedAt, input.id),
  };
  // The reply item, the funnel count and any move the signals make are one reader write.
  const firstReplyToSend = send && !reader.repliedSeqs.includes(send.seq);
  const op: OutboxOp = {
    id: `${reader.id}:reply:${input.id}`,
    counters: firstReplyToSend && send.kind === 'lesson' && !msg.automatic ? [counter(FUNNEL, funnelDims(send.track ?? reader.track, send.ref), { replied: 1 })] : [],
    puts: [{ ...key, ...item }],
  };
  let next = applySignals(reader, send?.kind === 'checkin' ? [] : signals, ctx.clock.now());
  if (firstReplyToSend) next = { ...next, repliedSeqs: [...next.repliedSeqs, send.seq] };
  await commitWithRetry(ctx, reader, next, op, (fresh) => {
    let n = applySignals(fresh, send?.kind === 'checkin' ? [] : signals, ctx.clock.now());
    if (firstReplyToSend && !fresh.repliedSeqs.includes(send.seq)) n = { ...n, repliedSeqs: [...n.repliedSeqs, send.seq] };
    return n;
  });
  ctx.log.info('reply logged', { readerId: reader.id, replyId: input.id, signals: item.signals.map((s) => s.signal), automatic: item.automatic });
  return { status: 'logged', readerId: reader.id, replyId: input.id, signals: item.signals.map((s) => s.signal), lessonId: item.lessonId };
}

async function commitWithRetry(ctx: Ctx, first: Reader, next: Reader, op: OutboxOp, redo: (fresh: Reader) => Reader) {
  let prev = first;
  let candidate = next;
  for (let i = 0; ; i++) {
    try {
      return await commitReader(ctx, prev, candidate, [op]);
    } catch (e) {
      if (i > 8) throw e;
      const fresh = await getReader(ctx, first.id);
      if (!fresh) throw e;
      prev = fresh;
      candidate = redo(fresh);
    }
  }
}

/** Only clear signals act on the course (course/signals.ts, shared with the footer links). */
export { applySignals };

const dayNumber = (anchor: string, date: string) => Math.round((Date.parse(date) - Date.parse(anchor)) / 86_400_000);

async function unmatched(ctx: Ctx, id: string, key: string, receivedAt: string, reason: string, msg?: ParsedMessage): Promise<InboundResult> {
  try {
    await ctx.db.send(
      new PutCommand({
        TableName: ctx.config.tableName,
        Item: {
          ...unmatchedKey(id),
          type: 'unmatched',
          id,
          receivedAt,
          reason,
          rawKey: key,
          raw: ctx.rawMail.describe(key),
          from: msg?.from,
          subject: msg?.subject,
          text: msg?.text,
          fullText: msg?.fullText,
          automatic: msg?.automatic ?? undefined,
          listPk: inboxPk('unmatched'),
          listSk: inboxSk(receivedAt, id),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
  }
  ctx.log.warn('inbound mail unmatched', { id, reason: reason.split(':')[0] });
  return { status: 'unmatched', id, reason };
}
