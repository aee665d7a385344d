import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsFromEnv } from '../../functions/core/config.js';
import { plain } from '../helpers/mail.js';
import { enrolAndConfirm, json, testStack, type TestStack } from '../helpers/stack.js';
import { apiJson } from '../api/admin/admin-helpers.js';

/**
 * Issue 14: raw inbound mail is kept for a configurable time (default 180 days), then deleted; the
 * parsed reply stays. In AWS an S3 lifecycle rule does it (infra/bucket.ts); locally a sweep of
 * the raw folder, on every scheduler tick and every move of the dev clock.
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await testStack({ now: '2026-03-02T09:00:00Z' });
});
afterAll(() => stack.close());

const reply = async (from: string, to: string, text: string) =>
  (await (await stack.app.request('/dev/inbound', { method: 'POST', body: plain({ from, to }, text), headers: { 'content-type': 'message/rfc822' } })).json()) as { replyId: string; readerId: string };

const rawKeyOf = async (readerId: string, replyId: string) => {
  const { data } = await stack.ctx.db.entities.reply.query.byReader({ readerId }).go({ pages: 'all' });
  return data.find((d) => d.replyId === replyId)!.rawKey;
};

describe('raw inbound mail', () => {
  it('is kept 180 days by default, then the sweep deletes it and the parsed reply stays', async () => {
    expect(stack.ctx.config.rawRetentionDays).toBe(180);
    const r = await enrolAndConfirm(stack);
    const old = await reply(r.email, 'hello@reply.mend.localhost', 'Written on the first day.');
    const oldKey = await rawKeyOf(r.id, old.replyId);
    expect(existsSync(stack.ctx.rawMail.describe(oldKey))).toBe(true);
    await stack.app.request('/dev/clock/advance', json({ days: 100 }));
    const recent = await reply(r.email, 'hello@reply.mend.localhost', 'Written a hundred days in.');
    const recentKey = await rawKeyOf(r.id, recent.replyId);
    // 179 days after the first message: both kept.
    await stack.app.request('/dev/clock/advance', json({ days: 79 }));
    expect(existsSync(stack.ctx.rawMail.describe(oldKey))).toBe(true);
    // Past 180 days: the first goes, the newer stays.
    await stack.app.request('/dev/clock/advance', json({ days: 2 }));
    expect(existsSync(stack.ctx.rawMail.describe(oldKey))).toBe(false);
    expect(existsSync(stack.ctx.rawMail.describe(recentKey))).toBe(true);
    // The author still reads the reply itself.
    const story = await apiJson<{ replies: { replyId: string; text: string }[] }>(stack, `/readers/${r.id}`);
    expect(story.replies.find((x) => x.replyId === old.replyId)?.text).toBe('Written on the first day.');
  });

  it('is swept on the local scheduler tick too (what npm start runs every minute)', async () => {
    const r = await enrolAndConfirm(stack);
    const m = await reply(r.email, 'hello@reply.mend.localhost', 'Another message.');
    const key = await rawKeyOf(r.id, m.replyId);
    stack.clock.advance(181 * 86_400_000);
    expect(existsSync(stack.ctx.rawMail.describe(key))).toBe(true);
    expect(await stack.sweepRawMail()).toBeGreaterThanOrEqual(1);
    expect(existsSync(stack.ctx.rawMail.describe(key))).toBe(false);
  });

  it('is kept as long as MEND_RAW_RETENTION_DAYS says', async () => {
    expect(settingsFromEnv({ MEND_RAW_RETENTION_DAYS: '30' })).toEqual({ rawRetentionDays: 30 });
    const short = await testStack({ config: settingsFromEnv({ MEND_RAW_RETENTION_DAYS: '30' }) });
    try {
      const r = await enrolAndConfirm(short);
      const res = (await (await short.app.request('/dev/inbound', { method: 'POST', body: plain({ from: r.email, to: 'hello@reply.mend.localhost' }, 'Short lived.'), headers: { 'content-type': 'message/rfc822' } })).json()) as { replyId: string };
      const { data } = await short.ctx.db.entities.reply.query.byReader({ readerId: r.id }).go({ pages: 'all' });
      const key = data.find((d) => d.replyId === res.replyId)!.rawKey;
      await short.app.request('/dev/clock/advance', json({ days: 29 }));
      expect(existsSync(short.ctx.rawMail.describe(key))).toBe(true);
      await short.app.request('/dev/clock/advance', json({ days: 2 }));
      expect(existsSync(short.ctx.rawMail.describe(key))).toBe(false);
    } finally {
      await short.close();
    }
    await expect(testStack({ config: settingsFromEnv({ MEND_RAW_RETENTION_DAYS: '0' }) })).rejects.toThrow(/MEND_RAW_RETENTION_DAYS/);
  });
});
