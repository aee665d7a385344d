import { createHash } from 'node:crypto';
import type { Ctx } from '../context.js';
import { funnelDims } from '../choices/record.js';
import { applySignals } from '../course/signals.js';
import { getEmailOwner } from '../db/email-lookups.js';
import { counterUpdate, type NewOp } from '../db/outbox.js';
import { getReader, type Reader } from '../db/readers.js';
import { putReplyOnce } from '../db/replies.js';
import { putUnmatchedOnce } from '../db/unmatched.js';
import { acceptedSecrets } from '../links/rotation.js';
import { parseReplyToken } from '../links/tokens.js';
import { applyReaderAction } from '../readers/actions.js';
import { mutateReader } from '../readers/store.js';
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
    const who = parseReplyToken(acceptedSecrets(ctx), unsub, 'unsub');
    if (who) {
      await applyReaderAction(ctx, who.readerId, { action: 'unsubscribe', via: 'mailto' });
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
    const who = token && parseReplyToken(acceptedSecrets(ctx), token);
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
  const { msg } = input;
  const send = input.seq ? reader.sends.find((s) => s.seq === input.seq) : undefined;
  const signals: Recognised[] = msg.automatic ? [] : recogniseSignals(msg.text);
  const item: ReplyItem = {
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
  };
  if ((await putReplyOnce(ctx, item)) === 'exists') return { status: 'duplicate', replyId: input.id };
  // The funnel counts a reader once per lesson; the count and any move the signals make are one reader write.
  const acted = send?.kind === 'checkin' ? [] : signals;
  await mutateReader(
    ctx,
    reader.id,
    (fresh) => {
      let n = applySignals(fresh, acted, ctx.clock.now());
      if (send && !fresh.repliedSeqs.includes(send.seq)) n = { ...n, repliedSeqs: [...n.repliedSeqs, send.seq] };
      return n === fresh ? null : n;
    },
    {
      ops: (fresh): NewOp[] =>
        send && send.kind === 'lesson' && !msg.automatic && !fresh.repliedSeqs.includes(send.seq)
          ? [{ id: `${reader.id}:replied:${send.seq}`, counters: [counterUpdate('funnel', funnelDims(send.track ?? reader.track, send.ref), { replied: 1 })] }]
          : [],
    },
  );
  ctx.log.info('reply logged', { readerId: reader.id, replyId: input.id, signals: item.signals.map((s) => s.signal), automatic: item.automatic });
  return { status: 'logged', readerId: reader.id, replyId: input.id, signals: item.signals.map((s) => s.signal), lessonId: item.lessonId };
}

/** Only clear signals act on the course (course/signals.ts, shared with the footer links). */
export { applySignals };

const dayNumber = (anchor: string, date: string) => Math.round((Date.parse(date) - Date.parse(anchor)) / 86_400_000);

async function unmatched(ctx: Ctx, id: string, key: string, receivedAt: string, reason: string, msg?: ParsedMessage): Promise<InboundResult> {
  await putUnmatchedOnce(ctx, {
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
  });
  ctx.log.warn('inbound mail unmatched', { id, reason: reason.split(':')[0] });
  return { status: 'unmatched', id, reason };
}
