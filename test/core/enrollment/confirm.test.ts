import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEmailOwner } from '../../../functions/core/db/email-lookups.js';
import { getReader } from '../../../functions/core/db/readers.js';
import { confirmAndWelcome, ConfirmRefusal } from '../../../functions/core/enrollment/confirm.js';
import { enroll } from '../../../functions/core/enrollment/enroll.js';
import { EnrollInput } from '../../../functions/core/enrollment/input.js';
import { token } from '../../../functions/core/links/urls.js';
import { applyReaderAction } from '../../../functions/core/readers/actions.js';
import { Gone, Invalid } from '../../../functions/core/shared/errors.js';
import { header, inbox, testStack, validEnrolment, type TestStack } from '../../helpers/stack.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await testStack();
});
afterAll(() => stack.close());

/** A pending sign-up through the domain, and the confirmation token its email carries. */
async function signUp() {
  const input = EnrollInput.parse(validEnrolment());
  await enroll(stack.ctx, input);
  const id = (await getEmailOwner(stack.ctx, input.email))!;
  const issuedAt = Math.floor(stack.clock.now().getTime() / 1000);
  return { id, email: input.email, link: token(stack.ctx, 'confirm', id, { i: issuedAt }) };
}

const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e);

describe('confirmAndWelcome (the /confirm use-case)', () => {
  it('confirms the sign-up and sends the welcome in the same call, once', async () => {
    const { id, email, link } = await signUp();
    const res = await confirmAndWelcome(stack.ctx, link);
    expect(res).toMatchObject({ status: 'confirmed', reader: { id, status: 'active' } });
    const kinds = (await inbox(stack, email)).map((m) => header(m, 'X-Mend-Kind'));
    expect(kinds).toEqual(['confirmation', 'lesson']);
    expect(await confirmAndWelcome(stack.ctx, link)).toMatchObject({ status: 'already' });
    expect(await inbox(stack, email)).toHaveLength(2);
  });

  it('refuses a broken link as Invalid and changes nothing', async () => {
    const { id, link } = await signUp();
    const e = await refusal(confirmAndWelcome(stack.ctx, `${link}x`));
    expect(e).toBeInstanceOf(Invalid);
    expect(e).toMatchObject({ reason: ConfirmRefusal.broken, issues: [{ path: 'token' }] });
    expect((await getReader(stack.ctx, id))!.status).toBe('pending');
  });

  it('refuses an expired link, an abandoned sign-up and a stopped address as Gone, each with its reason', async () => {
    const expired = await signUp();
    const oldLink = expired.link;
    stack.clock.advance(8 * 86_400_000);
    expect(await refusal(confirmAndWelcome(stack.ctx, oldLink))).toMatchObject({ kind: 'gone', reason: ConfirmRefusal.expired });

    const nobody = token(stack.ctx, 'confirm', 'abcdefghijklmnop', { i: 1 });
    const gone = await refusal(confirmAndWelcome(stack.ctx, nobody));
    expect(gone).toBeInstanceOf(Gone);
    expect(gone).toMatchObject({ reason: ConfirmRefusal.signupExpired });

    const stopped = await signUp();
    stack.clock.advance(1000);
    await applyReaderAction(stack.ctx, stopped.id, { action: 'unsubscribe', via: 'page' });
    expect(await refusal(confirmAndWelcome(stack.ctx, stopped.link))).toMatchObject({ kind: 'gone', reason: ConfirmRefusal.stopped });
    expect((await getReader(stack.ctx, stopped.id))!.status).toBe('unsubscribed');
    expect(await inbox(stack, stopped.email)).toHaveLength(1);
  });
});
