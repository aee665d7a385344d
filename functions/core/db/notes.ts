import { Entity, type EntityConfiguration } from 'electrodb';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { createFresh } from './own-writes.js';
import { itemParser } from './parse.js';

/**
 * A private note by the author on a reader (optionally about one reply). Never emailed, never logged.
 *   pk READER#<id>   sk NOTE#<at>#<noteId>   (in the reader's history collection)
 */
export const NoteItem = z.object({
  readerId: z.string(),
  id: z.string(),
  at: z.string(),
  text: z.string(),
  replyId: z.string().optional(),
});
export type NoteItem = z.infer<typeof NoteItem>;

export const noteEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'note', version: '1', service: 'mend' },
      attributes: {
        readerId: { type: 'string', required: true },
        noteId: { type: 'string', required: true, field: 'id' },
        at: { type: 'string', required: true },
        text: { type: 'string', required: true },
        replyId: { type: 'string' },
      },
      indexes: {
        byReader: {
          collection: 'history',
          pk: { field: 'pk', composite: ['readerId'], template: 'READER#${readerId}', casing: 'none' },
          sk: { field: 'sk', composite: ['at', 'noteId'], template: 'NOTE#${at}#${noteId}', casing: 'none' },
        },
      },
    },
    config,
  );

export const noteFromItem = itemParser(NoteItem, (i) => ({ ...i, id: i.noteId }));

/** Adds a note; a fresh id in the key, so two notes in one millisecond never overwrite each other. */
export async function putNote(ctx: Ctx, note: NoteItem): Promise<void> {
  const { id, ...rest } = note;
  await createFresh(() => ctx.db.entities.note.create({ ...rest, noteId: id }).go({ response: 'none' }));
}
