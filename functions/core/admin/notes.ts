import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { getReader } from '../db/access.js';
import { noteKey } from '../db/keys.js';
import { notFound } from '../shared/errors.js';
import { newId } from '../shared/ids.js';

/** A private note by the author on a reader (optionally about one reply). Never emailed, never logged. */
export const NoteItem = z.object({
  type: z.literal('note'),
  id: z.string(),
  readerId: z.string(),
  at: z.string(),
  text: z.string(),
  replyId: z.string().optional(),
});
export type Note = { id: string; at: string; text: string; replyId?: string };

export const NoteInput = z.object({
  text: z.string().trim().min(1, 'is empty').max(5000, 'is too long (5000 characters at most)'),
});

export async function addNote(ctx: Ctx, readerId: string, text: string, replyId?: string): Promise<Note> {
  if (!(await getReader(ctx, readerId))) throw notFound('No reader with this id');
  const at = ctx.clock.now().toISOString();
  const id = newId(10);
  const item = { ...noteKey(readerId, at, id), type: 'note' as const, id, readerId, at, text, ...(replyId ? { replyId } : {}) };
  // A fresh id in the key: two notes in the same millisecond never overwrite each other.
  await ctx.db.send(new PutCommand({ TableName: ctx.config.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
  ctx.log.info('author note added', { readerId, noteId: id });
  return { id, at, text, ...(replyId ? { replyId } : {}) };
}
