import { Service, type EntityConfiguration } from 'electrodb';
import { adminSessionEntity } from './admin-sessions.js';
import { choiceEntity } from './choices.js';
import { CounterName, counterEntity } from './counters.js';
import { emailLookupEntity } from './email-lookups.js';
import { batchEntity, deliveryEntity, deliveryMarkEntity, deliveryNoteEntity } from './newsletter-deliveries.js';
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
 * The SDK's own error from every call, as with ElectroDB's `originalErr` option. By default each
 * go() builds an Error (a stack trace) up front, on success too, to re-throw a failure with
 * ElectroDB's stack: a few percent of the CPU of a busy run here. Callers read the SDK's error
 * name (db/errors.ts), and with it the `cause` chain they walk is one link shorter.
 */
function withOriginalErrors<E>(entity: E): E {
  const e = entity as { go: (method: unknown, params: unknown, config?: Record<string, unknown>) => Promise<unknown> };
  const go = e.go.bind(e);
  e.go = (method, params, config = {}) => go(method, params, { ...config, originalErr: true });
  return entity;
}

/** An object whose properties are built on first read (then kept), enumerable like plain ones. */
function builtOnFirstUse<T extends Record<string, () => unknown>>(make: T): { [K in keyof T]: ReturnType<T[K]> } {
  const out = {} as { [K in keyof T]: ReturnType<T[K]> };
  for (const [name, build] of Object.entries(make)) {
    Object.defineProperty(out, name, {
      enumerable: true,
      configurable: true,
      get() {
        const value = withOriginalErrors(build());
        Object.defineProperty(out, name, { value, enumerable: true, configurable: false, writable: false });
        return value;
      },
    });
  }
  return out;
}

/**
 * Every item type in the single table, as ElectroDB entities joined in one Service. Each entity
 * lives in its own module with its zod schema and its named access patterns; this file only
 * assembles them. README "Data model" is checked against these definitions (test/core/db).
 *
 * Each entity is built on its first use, and the Service (only the history collection needs it) on
 * its own: ElectroDB parses a model and its indexes when an entity is constructed, which for the
 * ~30 of them was a quarter of a Lambda's init, while one request touches a handful. Service.join
 * keeps the very entity instances it is given (it sets the same table and client they already
 * have), so an entity read through `service` and the one read directly are the same object.
 */
export function buildEntities(config: EntityConfiguration) {
  const entities = builtOnFirstUse({
    reader: () => readerEntity(config),
    emailLookup: () => emailLookupEntity(config),
    reply: () => replyEntity(config),
    replyText: () => replyTextEntity(config),
    choice: () => choiceEntity(config),
    outcome: () => outcomeEntity(config),
    note: () => noteEntity(config),
    sentMark: () => sentMarkEntity(config),
    unmatched: () => unmatchedEntity(config),
    inboundMessage: () => inboundMessageEntity(config),
    throttle: () => throttleEntity(config),
    suppression: () => suppressionEntity(config),
    softBounce: () => softBounceEntity(config),
    sesEvent: () => sesEventEntity(config),
    sendBudget: () => sendBudgetEntity(config),
    sendingState: () => sendingStateEntity(config),
    newsletterIssue: () => issueEntity(config),
    broadcastJob: () => jobEntity(config),
    savedSegment: () => savedSegmentEntity(config),
    newsletterDelivery: () => deliveryEntity(config),
    newsletterMark: () => deliveryMarkEntity(config),
    newsletterNote: () => deliveryNoteEntity(config),
    newsletterBatch: () => batchEntity(config),
    rateWindow: () => rateWindowEntity(config),
    adminSession: () => adminSessionEntity(config),
  });
  const counters = builtOnFirstUse(
    Object.fromEntries(CounterName.options.map((n) => [n, () => counterEntity(n, config)])) as {
      [K in CounterName]: () => ReturnType<typeof counterEntity>;
    },
  );
  // The same Service as when everything was built at once, over the same instances, on first read.
  const join = (all: typeof entities) =>
    new Service({ ...all, ...Object.fromEntries(Object.entries(counters).map(([k, e]) => [`counter_${k}`, e])) }, config);
  const names = Object.keys(entities) as (keyof typeof entities)[];
  let service: ReturnType<typeof join> | undefined;
  const plain = () => Object.fromEntries(names.map((n) => [n, entities[n]])) as typeof entities;
  return Object.defineProperties(entities, {
    counters: { value: counters, enumerable: true },
    service: { enumerable: true, get: () => (service ??= join(plain())) },
  }) as typeof entities & { counters: typeof counters; service: ReturnType<typeof join> };
}

export type Entities = ReturnType<typeof buildEntities>;
