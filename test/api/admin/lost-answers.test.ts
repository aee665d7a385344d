import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FaultProxy } from '../../../functions/local/faults.js';
import { dynamoFaultyStack, enrolAndConfirm, type TestStack } from '../../helpers/stack.js';
import { apiJson, api, dash, login } from './admin-helpers.js';

/**
 * The author's own writes when DynamoDB applies one and loses its answer (the SDK's copy then fails
 * on what the first one did): a new note and a new session, keyed by a fresh random id, so the
 * failed copy can only have met our own write (it answered 500 for what was saved); an erasure's last
 * delete, whose copy found the reader gone (it answered 404 for a reader it had erased).
 */
let stack: TestStack;
let dynamo: FaultProxy;
beforeEach(async () => {
  ({ stack, dynamo } = await dynamoFaultyStack({ now: '2026-03-02T09:00:00Z' }));
});
afterEach(() => stack.close());

function loseFirst(pick: (op: string, body: string) => boolean) {
  let lost = false;
  dynamo.faults.dropAfterApplyIf = (op, body) => !lost && pick(op, body) && (lost = true);
}

describe('admin writes whose answer DynamoDB lost', () => {
  it('adds the note once and answers 201', async () => {
    const r = await enrolAndConfirm(stack, { timezone: 'UTC', sendHour: 8 });
    loseFirst((op, body) => op === 'PutItem' && body.includes('"NOTE#'));
    const res = await api(stack, `/readers/${r.id}/notes`, { body: { text: 'Called about her sister; follow up in May.' } });
    dynamo.faults.dropAfterApplyIf = undefined;
    expect(dynamo.stats.dropped).toBe(1);
    expect(res.status).toBe(201);
    const story = await apiJson<{ notes: { text: string }[] }>(stack, `/readers/${r.id}`);
    expect(story.notes.map((n) => n.text)).toEqual(['Called about her sister; follow up in May.']);
  });

  it('logs the author in, with a session that works', async () => {
    loseFirst((op, body) => op === 'PutItem' && body.includes('ADMIN#SESSIONS'));
    const cookie = await login(stack);
    dynamo.faults.dropAfterApplyIf = undefined;
    expect(dynamo.stats.dropped).toBe(1);
    expect((await dash(stack, cookie, '/admin')).status).toBe(200);
  });

  it('erases a reader and answers 204 when DynamoDB lost the answer to deleting the reader item, not a 404', async () => {
    const r = await enrolAndConfirm(stack, { timezone: 'UTC', sendHour: 8 });
    loseFirst((op, body) => op === 'DeleteItem' && body.includes(`READER#${r.id}`) && body.includes('"PROFILE"'));
    const res = await api(stack, `/readers/${r.id}`, { method: 'DELETE' });
    dynamo.faults.dropAfterApplyIf = undefined;
    expect(dynamo.stats.dropped).toBe(1);
    expect(res.status).toBe(204);
    expect((await api(stack, `/readers/${r.id}`)).status).toBe(404);
  });
});
