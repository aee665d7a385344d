import { createHash } from 'node:crypto';
import type { Ctx } from '../context.js';
import { DAY } from '../clock.js';
import { applySignals } from '../course/signals.js';
import { contactPlanned } from '../course/contact.js';
import { getEmailOwner } from '../db/email-lookups.js';
import { claimInboundMessage, MESSAGE_KEPT_DAYS, type InboundMessage } from '../db/inbound-messages.js';
import { getReader, type Reader } from '../db/readers.js';
import { findReply, putReplyOnce, updateReply } from '../db/replies.js';
import { MAX_STORED_BYTES, PART_BYTES, putReplyText, splitUtf8 } from '../db/reply-texts.js';
import { putUnmatchedOnce, type UnmatchedItem } from '../db/unmatched.js';
import type { Verdicts } from '../db/vocabulary.js';
import { acceptedSecrets } from '../links/rotation.js';
import { parseReplyToken } from '../links/tokens.js';
import { issueByNumber } from '../db/newsletter-issues.js';
import { NEWSLETTER_REPLY_BASE } from '../newsletters/reply-token.js';
import { noteNewsletterReply } from '../newsletters/figures.js';
import { applyReaderAction } from '../readers/actions.js';
import { recogniseSignals, type Recognised } from '../signals/recognise.js';
import { applyReply } from './apply.js';
import { itemIdOf, messageKey, senderVerified } from './identity.js';
import { parseMessage, type ParsedMessage } from './parse.js';
import { proposeOutcome, type ReplyItem } from './schema.js';
import { capChars, capUtf8 } from './text.js';

/** Larger messages are kept raw and listed for the author, not parsed (SES accepts up to 40 MB). */
export const MAX_PARSE_BYTES = 10 * 1024 * 1024;

/** What the author reads on a reply from an address SES did not vouch for. */
export const UNVERIFIED_NOTE =
  'Sent from the reader’s address without their reply link, and SES could not verify the sender (SPF or DKIM, and DMARC). Nothing was changed: apply it if you know it is theirs.';

type Step = Pick<ReplyItem, 'matchedBy' | 'senderVerified' | 'applied' | 'courseStep'>;

export type InboundResult =
  | ({ status: 'logged'; readerId: string; replyId: string; signals: string[]; lessonId?: string } & Step)
  | ({ status: 'duplicate'; replyId: string; readerId: string } & Step)
  | { status: 'duplicate'; id: string }
  | { status: 'unmatched'; id: string; reason: string }
  | { status: 'unsubscribed'; readerId: string };

export interface InboundInput {
  /** Where the raw message is stored (S3 key in AWS, a file under the data folder locally). */
  key: string;
  receivedAt?: string;
  /** SES's receipt verdicts for this delivery; none: the sender is unverified. */
  verdicts?: Verdicts;
  /** The delivery's own id (SES message id; locally a hash of the raw bytes): the identity of a message without a Message-ID. */
  deliveryId?: string;
}

/**
 * One inbound message, already stored raw (S3 in AWS, a folder locally). Nothing is dropped: a
 * message we cannot parse or match is kept in the unmatched list with a pointer to the raw copy.
 * The message's identity is claimed first, then its reply (or unmatched item) is written on its
 * own, and only then does anything touch the reader (apply.ts): a reply that is stored stays
 * stored and findable whatever happens to the course step.
 */
export async function processInbound(ctx: Ctx, input: InboundInput): Promise<InboundResult> {
  const receivedAt = input.receivedAt ?? ctx.clock.now().toISOString();
  const deliveryId = input.deliveryId ?? input.key;
  const at = { key: input.key, receivedAt, verdicts: input.verdicts };
  const raw = await ctx.rawMail.get(input.key);
  if (raw.byteLength > MAX_PARSE_BYTES) return unmatched(ctx, messageKey(null, deliveryId), at, `too large to parse (${raw.byteLength} bytes)`);
  let msg: ParsedMessage;
  try {
    msg = await parseMessage(raw);
  } catch (e) {
    return unmatched(ctx, messageKey(null, deliveryId), at, `could not parse: ${(e as Error).message.slice(0, 200)}`);
  }
  const unsub = msg.to.map((a) => /^unsubscribe\+([^@]+)@/.exec(a)?.[1]).find(Boolean);
  if (unsub) {
    const who = parseReplyToken(acceptedSecrets(ctx), unsub, 'unsub');
    if (who) {
      // seq 1 is a newsletter's mailto unsubscribe: the newsletter stops, the course goes on.
      if (who.seq === 1) await applyReaderAction(ctx, who.readerId, { action: 'newsletter-off' });
      else await applyReaderAction(ctx, who.readerId, { action: 'unsubscribe', via: 'mailto' });
      return { status: 'unsubscribed', readerId: who.readerId };
    }
  }
  const key = messageKey(msg, deliveryId);
  const match = await matchReader(ctx, msg);
  if (!match) return unmatched(ctx, key, at, msg.from ? 'no reader with this reply address or sender' : 'no sender', msg);
  return logReply(ctx, match, { ...at, messageKey: key, msg });
}

type Match = { reader: Reader; seq?: number; via: 'token' | 'sender' };

/** The reply token in the recipient address first; else the sender (any case), with In-Reply-To for the lesson. */
async function matchReader(ctx: Ctx, msg: ParsedMessage): Promise<Match | null> {
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

const expiresAt = (ctx: Ctx) => Math.floor((ctx.clock.now().getTime() + MESSAGE_KEPT_DAYS * DAY) / 1000);

interface Arrival {
  key: string;
  receivedAt: string;
  verdicts?: Verdicts;
}

async function logReply(ctx: Ctx, match: Match, input: Arrival & { messageKey: string; msg: ParsedMessage }): Promise<InboundResult> {
  const { reader, via } = match;
  const { msg } = input;
  const verified = senderVerified(input.verdicts);
  const send = match.seq ? reader.sends.find((s) => s.seq === match.seq) : undefined;
  // A newsletter's reply address names the issue (its number above every lesson send's seq).
  const issue = match.seq && match.seq >= NEWSLETTER_REPLY_BASE ? await issueByNumber(ctx, match.seq - NEWSLETTER_REPLY_BASE) : undefined;
  // Read against where the course has the reader: contact it asked for is progress, not a slip.
  const contact = contactPlanned(reader, send, ctx.clock.now());
  const signals: Recognised[] = msg.automatic ? [] : recogniseSignals(msg.text, { contactPlanned: contact });
  // A reply matched only by its From address acts on the course only when SES vouches for the sender.
  const trusted = via === 'token' || verified;
  const text = capUtf8(msg.text);
  const full = capUtf8(msg.fullText);
  const item: ReplyItem = {
    replyId: itemIdOf(input.messageKey),
    readerId: reader.id,
    receivedAt: input.receivedAt,
    matchedBy: via,
    senderVerified: verified,
    ...(input.verdicts ? { verdicts: input.verdicts } : {}),
    applied: false,
    courseStep: trusted ? 'pending' : 'withheld',
    ...(trusted ? {} : { stepNote: UNVERIFIED_NOTE }),
    context: contact ? 'contact' : 'no-contact',
    messageKey: input.messageKey,
    seq: send?.seq,
    kind: issue ? 'newsletter' : send?.kind,
    ...(issue ? { issueId: issue.id } : {}),
    lessonId: send?.kind === 'lesson' ? send.ref : undefined,
    checkpoint: send?.kind === 'checkin' ? send.ref : undefined,
    track: send?.track ?? reader.track,
    situation: reader.situation,
    trackDay: send?.localDate && reader.cursor ? dayNumber(reader.cursor.anchor, send.localDate) : undefined,
    subject: capChars(msg.subject, 998) ?? '',
    text: text.text,
    ...(text.truncated ? { textTruncated: true, textBytes: text.bytes, textParts: Math.ceil(Math.min(text.bytes, MAX_STORED_BYTES) / PART_BYTES) } : {}),
    fullText: full.text,
    ...(full.truncated ? { fullTextTruncated: true } : {}),
    raw: ctx.rawMail.describe(input.key),
    rawKey: input.key,
    attachments: msg.attachments.slice(0, 100),
    automatic: msg.automatic ?? undefined,
    signals: signals.map((s) => ({ signal: s.signal, evidence: s.evidence, ...(s.day ? { day: s.day } : {}) })),
    proposedOutcome: send?.kind === 'checkin' ? proposeOutcome(signals.map((s) => s.signal)) : undefined,
    reviewed: false,
  };
  const claim = await claimInboundMessage(ctx, {
    messageKey: input.messageKey,
    firstAt: input.receivedAt,
    target: 'reply',
    readerId: reader.id,
    replyId: item.replyId,
    expiresAt: expiresAt(ctx),
    rawKey: input.key,
  });
  if (!claim.claimed) return redelivered(ctx, claim.message, item, msg.text, input);
  const stored = await storeReply(ctx, item, msg.text, input);
  if ('status' in stored) return stored;
  if (issue && !msg.automatic) await noteNewsletterReply(ctx, issue.id, reader.id);
  const done = stored.courseStep === 'pending' ? await applyReply(ctx, stored, 'inbound') : stored;
  ctx.log.info('reply logged', { readerId: reader.id, replyId: item.replyId, matchedBy: via, senderVerified: verified, courseStep: done.courseStep, applied: done.applied, signals: item.signals.map((s) => s.signal), automatic: item.automatic });
  return { status: 'logged', readerId: reader.id, replyId: item.replyId, signals: item.signals.map((s) => s.signal), lessonId: item.lessonId, ...stepOf(done) };
}

const stepOf = (r: ReplyItem): Step => ({ matchedBy: r.matchedBy, senderVerified: r.senderVerified, applied: r.applied, courseStep: r.courseStep });

/**
 * Writes a reply on its own (its whole text first, when it is too long for the item). Should the
 * write still fail for the item itself (not for the table being unreachable), the message is kept in
 * the unmatched list instead: never stored raw and findable nowhere.
 */
async function storeReply(ctx: Ctx, item: ReplyItem, wholeText: string, at: Arrival): Promise<ReplyItem | InboundResult> {
  try {
    if (item.textTruncated) await putReplyText(ctx, item.readerId, item.replyId, splitUtf8(capUtf8(wholeText, MAX_STORED_BYTES).text, PART_BYTES));
    await putReplyOnce(ctx, item);
    return item;
  } catch (e) {
    if (!/Validation/.test((e as Error).name) && !/Validation/.test(String((e as { cause?: Error }).cause?.name))) throw e;
    ctx.log.error('reply could not be stored as a reply; kept as unmatched', { readerId: item.readerId, replyId: item.replyId, error: (e as Error).name });
    const reason = `could not be stored as a reply of reader ${item.readerId} (${(e as Error).name})`;
    await putUnmatchedOnce(ctx, { id: item.replyId, receivedAt: item.receivedAt, reason, rawKey: at.key, raw: ctx.rawMail.describe(at.key), subject: capChars(item.subject, 200), messageKey: item.messageKey });
    return { status: 'unmatched', id: item.replyId, reason };
  }
}

/**
 * The same message again. Nothing new is logged; what the first delivery left unfinished is finished
 * (its reply written, its course step run), and a delivery SES vouches for lets a reply that was
 * withheld as unverified act after all.
 */
async function redelivered(ctx: Ctx, first: InboundMessage, item: ReplyItem, wholeText: string, at: Arrival): Promise<InboundResult> {
  if (first.target === 'unmatched' || !first.readerId || !first.replyId) return unmatchedAgain(ctx, first);
  let reply = await findReply(ctx, first.readerId, first.replyId);
  if (!reply) {
    // The first delivery stopped between its claim and its write: write the reply now, as it would have.
    const stored = await storeReply(ctx, { ...item, readerId: first.readerId, replyId: first.replyId, receivedAt: first.firstAt }, wholeText, at);
    if ('status' in stored) return stored;
    reply = stored;
  }
  if (reply.courseStep === 'withheld' && reply.matchedBy === 'sender' && !reply.senderVerified && item.senderVerified)
    reply = await updateReply(ctx, reply, { senderVerified: true, verdicts: item.verdicts, courseStep: 'pending', stepNote: undefined });
  if (reply.courseStep === 'pending' || reply.courseStep === 'failed') reply = await applyReply(ctx, reply, 'inbound');
  // Counted once per reader and issue, whichever delivery gets here (the first may have stopped
  // before counting, or DynamoDB lost the answer to its claim and the SDK's copy found it taken).
  if (reply.kind === 'newsletter' && reply.issueId && !reply.automatic) await noteNewsletterReply(ctx, reply.issueId, reply.readerId);
  ctx.log.info('inbound mail delivered again', { readerId: reply.readerId, replyId: reply.replyId, deliveries: first.deliveries, courseStep: reply.courseStep });
  return { status: 'duplicate', replyId: reply.replyId, readerId: reply.readerId, ...stepOf(reply) };
}

async function unmatchedAgain(ctx: Ctx, first: InboundMessage): Promise<InboundResult> {
  const id = first.mailId ?? first.replyId ?? first.messageKey;
  ctx.log.info('inbound mail delivered again', { id, deliveries: first.deliveries });
  return { status: 'duplicate', id };
}

/** Only clear signals act on the course (course/signals.ts, shared with the footer links). */
export { applySignals };

const dayNumber = (anchor: string, date: string) => Math.round((Date.parse(date) - Date.parse(anchor)) / 86_400_000);

async function unmatched(ctx: Ctx, key: string, at: Arrival, reason: string, msg?: ParsedMessage): Promise<InboundResult> {
  const id = itemIdOf(key);
  const claim = await claimInboundMessage(ctx, { messageKey: key, firstAt: at.receivedAt, target: 'unmatched', mailId: id, expiresAt: expiresAt(ctx), rawKey: at.key });
  const first = claim.message;
  const text = msg && capUtf8(msg.text);
  const full = msg && capUtf8(msg.fullText);
  const item: UnmatchedItem = {
    id: first.mailId ?? id,
    receivedAt: first.firstAt,
    reason,
    rawKey: first.rawKeys[0] ?? at.key,
    raw: ctx.rawMail.describe(first.rawKeys[0] ?? at.key),
    from: capChars(msg?.from, 320),
    subject: capChars(msg?.subject, 998),
    text: text?.text,
    ...(text?.truncated ? { textTruncated: true } : {}),
    fullText: full?.text,
    ...(full?.truncated ? { fullTextTruncated: true } : {}),
    automatic: msg?.automatic ?? undefined,
    ...(at.verdicts ? { verdicts: at.verdicts, senderVerified: senderVerified(at.verdicts) } : {}),
    messageKey: key,
  };
  if (!claim.claimed) {
    if (first.target === 'reply') return redeliveredAsUnmatched(ctx, first);
    // Written by the first delivery, or now if it stopped before: the same id either way.
    await putUnmatchedOnce(ctx, item);
    return unmatchedAgain(ctx, first);
  }
  await putUnmatchedOnce(ctx, item);
  ctx.log.warn('inbound mail unmatched', { id, reason: reason.split(':')[0] });
  return { status: 'unmatched', id, reason };
}

/** A message that became a reader's reply, arriving again when it no longer matches (the reader left): it stays their reply. */
async function redeliveredAsUnmatched(ctx: Ctx, first: InboundMessage): Promise<InboundResult> {
  const reply = first.readerId && first.replyId ? await findReply(ctx, first.readerId, first.replyId) : null;
  if (!reply) return unmatchedAgain(ctx, first);
  return { status: 'duplicate', replyId: reply.replyId, readerId: reply.readerId, ...stepOf(reply) };
}

/** A hash of the raw bytes: the local twin's delivery id, so the same bytes posted twice are one delivery. */
export const rawDeliveryId = (raw: Uint8Array) => createHash('sha256').update(raw).digest('hex');
