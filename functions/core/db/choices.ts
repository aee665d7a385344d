import { Entity, type EntityConfiguration } from 'electrodb';
import { z } from 'zod';

/**
 * A branch choice the reader made (or a timeout made for them): history, written through the
 * reader's outbox with the move it caused.
 *   pk READER#<id>   sk CHOICE#<at>#<branch>   (in the reader's history collection)
 */
export const ChoiceItem = z.object({
  readerId: z.string(),
  branch: z.string(),
  choice: z.string(),
  by: z.enum(['click', 'timeout', 'reply', 'author']),
  seq: z.number().int(),
  lesson: z.string().optional(),
  fromTrack: z.string(),
  toTrack: z.string(),
  at: z.string(),
});
export type ChoiceItem = z.infer<typeof ChoiceItem>;

export const choiceEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'choice', version: '1', service: 'mend' },
      attributes: {
        readerId: { type: 'string', required: true },
        branch: { type: 'string', required: true },
        choice: { type: 'string', required: true },
        by: { type: ChoiceItem.shape.by.options, required: true },
        seq: { type: 'number', required: true },
        lesson: { type: 'string' },
        fromTrack: { type: 'string', required: true },
        toTrack: { type: 'string', required: true },
        at: { type: 'string', required: true },
      },
      indexes: {
        byReader: {
          collection: 'history',
          pk: { field: 'pk', composite: ['readerId'], template: 'READER#${readerId}', casing: 'none' },
          sk: { field: 'sk', composite: ['at', 'branch'], template: 'CHOICE#${at}#${branch}', casing: 'none' },
        },
      },
    },
    config,
  );
