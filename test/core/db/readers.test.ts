import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getReader, SEND_FIELDS, SendRecord, storedReader, type Reader } from '../../../functions/core/db/readers.js';
import { mutateReader } from '../../../functions/core/readers/store.js';
import { enrolAndConfirm, testStack, type TestStack } from '../../helpers/stack.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await testStack();
});
afterAll(() => stack.close());

const sends: SendRecord[] = [
  { seq: 1, kind: 'lesson', ref: 'healthy/day-00', track: 'healthy', at: '2026-03-01T08:00:00.000Z', localDate: '2026-03-01', messageId: 'm-1' },
  { seq: 2, kind: 'checkin', ref: '1m', at: '2026-04-01T08:00:00.000Z', localDate: '2026-04-01' },
  { seq: 3, kind: 'lesson', ref: 'healthy/day-07', track: 'healthy', at: '2026-03-08T08:00:00.000Z', localDate: '2026-03-08', messageId: 'm-3' },
];

const rawItem = async (id: string) => (await stack.ctx.db.entities.reader.get({ readerId: id }).go()).data as Record<string, unknown>;

describe("the reader item's sends (db/readers.ts)", () => {
  it('stores every field of a send, and reads each back as it was written, absent fields absent', async () => {
    const { id } = await enrolAndConfirm(stack);
    const saved = await mutateReader(stack.ctx, id, (r) => ({ ...r, sends }));
    expect(saved!.sends).toEqual(sends);
    expect((await getReader(stack.ctx, id))!.sends).toEqual(sends);
    // One string, not a list of maps: the item's size is what every write of it pays for.
    expect(typeof (await rawItem(id)).sends).toBe('string');
  });

  it('reads a reader written before, with its sends as a list of maps, and stores it compactly on its next write', async () => {
    const { id } = await enrolAndConfirm(stack);
    const r = (await getReader(stack.ctx, id))!;
    const old: Reader = { ...r, sends };
    await stack.ctx.db.client.send(new PutCommand({ TableName: stack.ctx.db.table, Item: { ...storedReader(stack.ctx, old), sends } }));
    expect(Array.isArray((await rawItem(id)).sends)).toBe(true);
    expect((await getReader(stack.ctx, id))!.sends).toEqual(sends);

    await mutateReader(stack.ctx, id, (cur) => ({ ...cur, sendHour: 9 }));
    expect(typeof (await rawItem(id)).sends).toBe('string');
    expect((await getReader(stack.ctx, id))!).toMatchObject({ sendHour: 9, sends });
  });

  it('has a stored column for every field a send record has', () => {
    expect([...SEND_FIELDS].sort()).toEqual(Object.keys(SendRecord.shape).sort());
  });
});
