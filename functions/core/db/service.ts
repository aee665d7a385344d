import { Service, type EntityConfiguration } from 'electrodb';
import { adminSessionEntity } from './admin-sessions.js';
import { choiceEntity } from './choices.js';
import { counterEntities } from './counters.js';
import { emailLookupEntity } from './email-lookups.js';
import { noteEntity } from './notes.js';
import { outcomeEntity } from './outcomes.js';
import { rateWindowEntity } from './rate-windows.js';
import { readerEntity } from './readers.js';
import { replyEntity } from './replies.js';
import { sentMarkEntity } from './sent-marks.js';
import { suppressionEntity } from './suppressions.js';
import { throttleEntity } from './throttle.js';
import { unmatchedEntity } from './unmatched.js';

/**
 * Every item type in the single table, as ElectroDB entities joined in one Service. Each entity
 * lives in its own module with its zod schema and its named access patterns; this file only
 * assembles them. README "Data model" is checked against these definitions (test/core/db).
 */
export function buildEntities(config: EntityConfiguration) {
  const entities = {
    reader: readerEntity(config),
    emailLookup: emailLookupEntity(config),
    reply: replyEntity(config),
    choice: choiceEntity(config),
    outcome: outcomeEntity(config),
    note: noteEntity(config),
    sentMark: sentMarkEntity(config),
    unmatched: unmatchedEntity(config),
    throttle: throttleEntity(config),
    rateWindow: rateWindowEntity(config),
    adminSession: adminSessionEntity(config),
    suppression: suppressionEntity(config),
  };
  const counters = counterEntities(config);
  const service = new Service({ ...entities, ...Object.fromEntries(Object.entries(counters).map(([k, e]) => [`counter_${k}`, e])) }, config);
  return { ...entities, counters, service };
}

export type Entities = ReturnType<typeof buildEntities>;
