import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readerHistory } from '../../../functions/core/db/history.js';
import { token } from '../../../functions/core/links/urls.js';
import { answerCheckin } from '../../../functions/core/outcomes/answer.js';
import { Invalid } from '../../../functions/core/shared/errors.js';
import { enrolAndConfirm, testStack, type TestStack } from '../../helpers/stack.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await testStack();
});
afterAll(() => stack.close());

const link = (readerId: string, k: string, o: string) => token(stack.ctx, 'outcome', readerId, { k, o });

describe('answerCheckin (the /outcome use-case)', () => {
  it('records the answer a link names, and a later click changes it: the latest counts', async () => {
    const { id } = await enrolAndConfirm(stack);
    expect(await answerCheckin(stack.ctx, link(id, '3m', 'undecided'))).toEqual({ status: 'recorded', outcome: 'undecided' });
    expect(await answerCheckin(stack.ctx, link(id, '3m', 'undecided'))).toEqual({ status: 'same', outcome: 'undecided' });
    expect(await answerCheckin(stack.ctx, link(id, '3m', 'moved-on'))).toEqual({ status: 'changed', outcome: 'moved-on' });
    const { outcomes } = await readerHistory(stack.ctx, id);
    expect(outcomes.map((o) => [o.checkpoint, o.outcome, o.source])).toEqual([['3m', 'moved-on', 'link']]);
  });

  it('refuses a link naming an unknown outcome or checkpoint, or a reader who is gone, and records nothing', async () => {
    const { id } = await enrolAndConfirm(stack);
    for (const t of [link(id, '3m', 'eloped'), link(id, 'soon', 'moved-on'), link('abcdefghijklmnop', '1m', 'moved-on'), 'garbage']) {
      const e = await answerCheckin(stack.ctx, t).then(() => null, (x: unknown) => x);
      expect(e).toBeInstanceOf(Invalid);
      expect(e).toMatchObject({ reason: 'bad-link' });
    }
    expect((await readerHistory(stack.ctx, id)).outcomes).toEqual([]);
  });
});
