import { Entity, type EntityConfiguration } from 'electrodb';
import type { Ctx } from '../context.js';

/**
 * The whole text of a reply too long for its reply item (which keeps the first 64 KB), in pieces
 * far below DynamoDB's 400 KB item limit, so the author can read all of it on demand without the
 * dashboard needing the raw-mail bucket or a MIME parser. Bounded: past MAX_STORED_BYTES only the
 * raw message has the rest.
 *   pk READER#<id>   sk REPLYTEXT#<replyId>#<part>   (the reader's partition, not the history
 *   collection: a story read never loads them; erasing a reader's partition removes them)
 */
export const PART_BYTES = 96 * 1024;
export const MAX_STORED_BYTES = 1024 * 1024;

export const replyTextEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'reply-text', version: '1', service: 'mend' },
      attributes: {
        readerId: { type: 'string', required: true },
        replyId: { type: 'string', required: true },
        part: { type: 'number', required: true },
        text: { type: 'string', required: true },
      },
      indexes: {
        byReply: {
          pk: { field: 'pk', composite: ['readerId'], template: 'READER#${readerId}', casing: 'none' },
          // Parts are put back in order by their number when read (10 sorts before 2 in the key).
          sk: { field: 'sk', composite: ['replyId', 'part'], template: 'REPLYTEXT#${replyId}#${part}', casing: 'none' },
        },
      },
    },
    config,
  );

/** Splits text into parts of at most `bytes` UTF-8 bytes, never inside a character. */
export function splitUtf8(text: string, bytes: number): string[] {
  const parts: string[] = [];
  let part = '';
  let size = 0;
  for (const ch of text) {
    const n = Buffer.byteLength(ch);
    if (size + n > bytes) {
      parts.push(part);
      part = '';
      size = 0;
    }
    part += ch;
    size += n;
  }
  if (part) parts.push(part);
  return parts;
}

/** Stores a reply's whole text (up to MAX_STORED_BYTES) in parts; idempotent (same keys, same parts). */
export async function putReplyText(ctx: Ctx, readerId: string, replyId: string, parts: string[]): Promise<void> {
  if (!parts.length) return;
  const items = parts.map((text, part) => ({ readerId, replyId, part, text }));
  let left = items;
  while (left.length) {
    const { unprocessed } = await ctx.db.entities.replyText.put(left).go({ concurrency: 2 });
    left = unprocessed.map((k) => items.find((i) => i.part === Number(k.part))!).filter(Boolean);
  }
}

/** A reply's stored whole text, or null when it has none (it fitted in the reply item). */
export async function getReplyText(ctx: Ctx, readerId: string, replyId: string): Promise<string | null> {
  const { data } = await ctx.db.entities.replyText.query.byReply({ readerId, replyId }).go({ pages: 'all', consistent: true });
  if (!data.length) return null;
  return data
    .sort((a, b) => a.part - b.part)
    .map((p) => p.text)
    .join('');
}
