import { z } from 'zod';
import type { Ctx } from '../context.js';
import { putNote } from '../db/notes.js';
import { getReader } from '../db/readers.js';
import { notFound } from '../shared/errors.js';
import { newId } from '../shared/ids.js';

/** A private note of the author's, on a reader or on one of their replies. */
export const Note = z.object({ id: z.string(), at: z.string(), text: z.string(), replyId: z.string().optional() });
export type Note = z.infer<typeof Note>;

export const NoteInput = z.object({
  text: z.string().trim().min(1, 'is empty').max(5000, 'is too long (5000 characters at most)'),
});

/** A private note by the author on a reader (optionally about one reply). Never emailed, never logged. */
export async function addNote(ctx: Ctx, readerId: string, text: string, replyId?: string): Promise<Note> {
  if (!(await getReader(ctx, readerId))) throw notFound('No reader with this id');
  const at = ctx.clock.now().toISOString();
  const id = newId(10);
  await putNote(ctx, { readerId, id, at, text, ...(replyId ? { replyId } : {}) });
  ctx.log.info('author note added', { readerId, noteId: id });
  return { id, at, text, ...(replyId ? { replyId } : {}) };
}
