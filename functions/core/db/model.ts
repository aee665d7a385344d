import type { Entities } from './service.js';

/**
 * The data model as a Markdown table, generated from the entity definitions themselves, so the
 * README's table cannot drift from the code (test/core/db/model.test.ts checks it; `npm run
 * data-model -- --write` rewrites it).
 */
const WHAT: Record<string, string> = {
  reader: 'reader (state, cursor, sends, claim, outbox)',
  'email-lookup': 'email lookup (uniqueness guard)',
  reply: 'reply',
  'reply-text': 'whole text of a long reply, in parts',
  choice: 'branch choice',
  outcome: 'outcome (per checkpoint; versioned, outbox)',
  note: 'author note',
  'sent-mark': 'SES sent marker',
  unmatched: 'unmatched inbound mail',
  'inbound-message': 'inbound message identity (logged once; expires)',
  throttle: 'failed attempts per client and window (expires)',
  suppression: 'suppressed address (keyed hash, masked address; active or lifted; an erased reader leaves the hash only)',
  'soft-bounce': 'transient bounces of an address (keyed hash; expires)',
  'ses-event': 'SES event already handled (idempotency; expires)',
  'send-budget': 'send tokens taken per time slot, all senders (expires)',
  'sending-state': 'sending halted (SES fault) / paused (author, reputation guard)',
  'rate-window': 'requests per keyed hash and window: sign-ups, exports (expires)',
  'admin-session': "the author's dashboard session (expires)",
  'counter-readers': 'counter: readers by status and track',
  'counter-outcomes': 'counter: outcomes per situation, track, cohort',
  'counter-funnel': 'counter: the lesson funnel',
  'counter-sent': 'counter: emails sent per UTC day',
  'counter-notAsked': 'counter: readers who will not be asked a check-in',
  'counter-feedback': 'counter: SES feedback per UTC day (reputation)',
  'counter-newsletter': 'counter: per newsletter issue (recipients, sent, feedback...), issue numbers',
  'newsletter-issue': 'newsletter issue (subject, preview text, Markdown; public or not)',
  'broadcast-job': 'broadcast job of an issue (state, segment, schedule, snapshot; listed while it has work)',
  segment: 'saved segment',
  'newsletter-delivery': 'newsletter ledger: one per (issue, reader): queued, claimed, sent, failed, skipped (why)',
  'newsletter-mark': "SES Send event of a newsletter send (proof SES accepted it)",
  'newsletter-note': 'what happened to a newsletter copy after SES took it (delivered, bounced, complained, unsubscribed or replied with it)',
  'newsletter-batch': 'newsletter batch: up to 50 copies claimed and sent together (listed while due)',
};

interface KeyDef {
  template?: string;
  field?: string;
}
interface IndexDef {
  index?: string;
  pk: KeyDef;
  sk?: KeyDef;
}
interface SchemaLike {
  schema: { model: { entity: string }; indexes: Record<string, IndexDef> };
}

const shape = (k?: KeyDef) => (k?.template ?? '').replace(/\$\{(\w+)\}/g, '<$1>') || '-';

export function dataModelTable(entities: Entities): string {
  const all = ([...Object.values(entities), ...Object.values(entities.counters)] as unknown[]).filter(
    (e): e is SchemaLike => !!(e as Partial<SchemaLike>).schema?.indexes,
  );
  const rows = all.map((e) => {
    const { model, indexes } = e.schema;
    const main = Object.values(indexes).find((i) => !i.index)!;
    const secondary = Object.values(indexes)
      .filter((i) => i.index)
      .map((i) => `\`${i.index}\`: \`${shape(i.pk)}\` / \`${shape(i.sk)}\``)
      .join('; ');
    return `| ${WHAT[model.entity] ?? model.entity} | \`${model.entity}\` | \`${shape(main.pk)}\` | \`${shape(main.sk)}\` | ${secondary || ''} |`;
  });
  return ['| item | entity | pk | sk | secondary indexes (pk / sk) |', '|---|---|---|---|---|', ...rows].join('\n');
}

export const MODEL_BEGIN = '<!-- data-model:begin (generated from functions/core/db by `npm run data-model -- --write`) -->';
export const MODEL_END = '<!-- data-model:end -->';
