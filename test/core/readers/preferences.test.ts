import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getReader } from '../../../functions/core/db/readers.js';
import { token } from '../../../functions/core/links/urls.js';
import { PreferencesChange } from '../../../functions/core/readers/actions.js';
import { changePreferencesByLink, preferencesByLink, unsubscribeByLink } from '../../../functions/core/readers/preferences.js';
import { enrolAndConfirm, testStack, type TestStack } from '../../helpers/stack.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await testStack();
});
afterAll(() => stack.close());

describe('the preferences and unsubscribe use-cases', () => {
  it('applies a change from the page, parsed by the same schema the route uses', async () => {
    const { id } = await enrolAndConfirm(stack, { timezone: 'UTC', sendHour: 9 });
    const prefs = token(stack.ctx, 'prefs', id);
    expect((await preferencesByLink(stack.ctx, prefs)).id).toBe(id);
    // Forms send strings: the schema turns "18" into the hour.
    const change = PreferencesChange.parse({ action: 'schedule', sendHour: '18', timezone: 'Asia/Tokyo' });
    expect(await changePreferencesByLink(stack.ctx, prefs, change)).toMatchObject({ sendHour: 18, timezone: 'Asia/Tokyo' });
    expect((await changePreferencesByLink(stack.ctx, prefs, { action: 'pause' })).status).toBe('paused');
    const gone = await changePreferencesByLink(stack.ctx, prefs, { action: 'unsubscribe' });
    expect(gone).toMatchObject({ status: 'unsubscribed', unsubscribedVia: 'page' });
  });

  it('unsubscribes in one click, and changes nothing for a link that does not work', async () => {
    const { id } = await enrolAndConfirm(stack);
    const unsub = token(stack.ctx, 'unsub', id);
    await expect(unsubscribeByLink(stack.ctx, `${unsub}x`, 'one-click')).rejects.toMatchObject({ kind: 'invalid', reason: 'bad-link' });
    await expect(unsubscribeByLink(stack.ctx, token(stack.ctx, 'prefs', id), 'one-click')).rejects.toMatchObject({ kind: 'invalid' });
    expect((await getReader(stack.ctx, id))!.status).toBe('active');
    await unsubscribeByLink(stack.ctx, unsub, 'one-click');
    expect(await getReader(stack.ctx, id)).toMatchObject({ status: 'unsubscribed', unsubscribedVia: 'one-click' });
  });
});
