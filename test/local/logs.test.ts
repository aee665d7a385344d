import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeLogger } from '../../functions/core/shared/log.js';
import { NAMES, REPLIES, simulate, type SimResult } from '../../functions/local/simulate.js';
import { testStack } from '../helpers/stack.js';
import { bearer } from '../api/admin/admin-helpers.js';

/**
 * Issue 14: what the logs hold. A simulation (sign-ups, confirmations, lessons, branch clicks,
 * replies, check-ins, unsubscribes) writes every log line a real deployment would, through the
 * same Powertools logger; none may carry an email address, a first name or a reader's words.
 */
const lines: string[] = [];
let result: SimResult;
beforeAll(async () => {
  result = await simulate({ readers: 24, days: 50, seed: 14, enrolOverDays: 8, sesUrl: inject('sesUrl'), dynamoUrl: inject('dynamoUrl'), log: makeLogger({ sink: (l) => lines.push(l) }) });
}, 300_000);

/** The fixed words of each reply (around the day number some carry). */
const replyWords = REPLIES.flatMap((r) => r.split('{day}')).map((p) => p.trim()).filter((p) => p.length >= 12);

describe('the logs of a simulated system', () => {
  it('were written, by every kind of event the simulation causes', () => {
    expect(result.readers.length).toBeGreaterThan(18);
    expect(result.readers.some((r) => r.replies.length)).toBe(true);
    const messages = new Set(lines.map((l) => (JSON.parse(l) as { message: string }).message));
    for (const m of ['confirmation sent', 'reply logged']) expect(messages).toContain(m);
    expect(lines.length).toBeGreaterThan(100);
  });

  it('carry no email address, no first name, no reply text', () => {
    const addresses = lines.filter((l) => /[^\s"'<>()]+@[^\s"'<>()]+\.[a-z]{2,}/i.test(l));
    expect(addresses).toEqual([]);
    for (const r of result.readers) expect(lines.filter((l) => l.includes(r.email.split('@')[0]!)), r.email).toEqual([]);
    for (const name of NAMES) expect(lines.filter((l) => new RegExp(`\\b${name}\\b`).test(l)), name).toEqual([]);
    for (const words of replyWords) expect(lines.filter((l) => l.includes(words)), words).toEqual([]);
  });

  it('are JSON lines a log service can index', () => {
    for (const l of lines) expect(() => JSON.parse(l)).not.toThrow();
  });
});

describe('an error log', () => {
  let stack: Awaited<ReturnType<typeof testStack>>;
  const errors: string[] = [];
  beforeAll(async () => {
    stack = await testStack({ log: makeLogger({ sink: (l) => errors.push(l) }) });
  });
  afterAll(() => stack.close());

  it("keeps the error's message (the logger's reserved `message` key used to drop it, leaving only \"Error\")", async () => {
    // A real fault: the table is gone.
    await stack.ctx.db.client.send(new DeleteTableCommand({ TableName: stack.ctx.db.table }));
    const res = await stack.app.request('/api/admin/overview', { headers: bearer });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: expect.stringContaining('Something went wrong on our side') });
    const line = errors.map((l) => JSON.parse(l) as Record<string, string>).find((l) => l.message === 'unhandled error')!;
    expect(line).toMatchObject({ level: 'ERROR', route: '/api/admin/overview', method: 'GET' });
    expect(line.errorMessage).toMatch(/non-existent table|not found/i);
  });
});
