import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeDb } from '../../../functions/core/db/client.js';
import { MODEL_BEGIN, MODEL_END, dataModelTable } from '../../../functions/core/db/model.js';
import { OutcomeRecord } from '../../../functions/core/db/outcomes.js';
import { Reader } from '../../../functions/core/db/readers.js';
import { ReplyItem } from '../../../functions/core/db/replies.js';

// Entities need a client to exist; nothing here sends a request.
const { entities } = makeDb({ table: 'mend', endpoint: 'http://127.0.0.1:9' });
const attributes = (e: unknown) => Object.keys((e as { schema: { attributes: Record<string, unknown> } }).schema.attributes);

describe('the data model', () => {
  it('is documented in the README exactly as the entities define it', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const start = readme.indexOf(MODEL_BEGIN);
    const end = readme.indexOf(MODEL_END);
    expect(start).toBeGreaterThan(0);
    expect(readme.slice(start + MODEL_BEGIN.length, end).trim()).toBe(dataModelTable(entities));
  });

  it('stores every field of the zod schemas (an attribute ElectroDB does not know would be dropped)', () => {
    const stored = (e: unknown, renamed: Record<string, string> = {}) => new Set(attributes(e).map((a) => renamed[a] ?? a));
    for (const k of Object.keys(Reader.shape)) expect(stored(entities.reader, { readerId: 'id' })).toContain(k);
    for (const k of Object.keys(ReplyItem.shape)) expect(stored(entities.reply)).toContain(k);
    for (const k of Object.keys(OutcomeRecord.shape)) expect(stored(entities.outcome)).toContain(k);
  });
});
