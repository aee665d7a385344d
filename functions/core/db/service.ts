import { Service, type EntityConfiguration } from 'electrodb';
import { adminSessionEntity } from './admin-sessions.js';
import { choiceEntity } from './choices.js';
import { counterEntities } from './counters.js';
import { emailLookupEntity } from './email-lookups.js';
import { batchEntity, deliveryEntity, deliveryMarkEntity } from './newsletter-deliveries.js';
import { issueEntity, jobEntity, savedSegmentEntity } from './newsletters.js';
import { inboundMessageEntity } from './inbound-messages.js';
import { noteEntity } from './notes.js';
import { outcomeEntity } from './outcomes.js';
import { rateWindowEntity } from './rate-windows.js';
import { readerEntity } from './readers.js';
import { replyEntity } from './replies.js';
import { sendBudgetEntity } from './send-budget.js';
import { sendingStateEntity } from './sending-state.js';
import { replyTextEntity } from './reply-texts.js';
import { sentMarkEntity } from './sent-marks.js';
import { sesEventEntity } from './ses-events.js';
import { softBounceEntity } from './soft-bounces.js';
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
    replyText: replyTextEntity(config),
    choice: choiceEntity(config),
    outcome: outcomeEntity(config),
    note: noteEntity(config),
    sentMark: sentMarkEntity(config),
    unmatched: unmatchedEntity(config),
    inboundMessage: inboundMessageEntity(config),
    throttle: throttleEntity(config),
    suppression: suppressionEntity(config),
    softBounce: softBounceEntity(config),
    sesEvent: sesEventEntity(config),
    sendBudget: sendBudgetEntity(config),
    sendingState: sendingStateEntity(config),
    newsletterIssue: issueEntity(config),
    broadcastJob: jobEntity(config),
    savedSegment: savedSegmentEntity(config),
    newsletterDelivery: deliveryEntity(config),
    newsletterMark: deliveryMarkEntity(config),
    newsletterBatch: batchEntity(config),
    rateWindow: rateWindowEntity(config),
    adminSession: adminSessionEntity(config),
  };
  const counters = counterEntities(config);
  const service = new Service({ ...entities, ...Object.fromEntries(Object.entries(counters).map(([k, e]) => [`counter_${k}`, e])) }, config);
  return { ...entities, counters, service };
}

export type Entities = ReturnType<typeof buildEntities>;
