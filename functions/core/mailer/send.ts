import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Ctx } from '../context.js';
import type { SendKind } from '../db/readers.js';
import { classifySendError, PermanentSendError, SendingHalted, sendErrorOf, TransientSendError } from '../sending/errors.js';
import { paceSend } from '../sending/pacing.js';
import { noteHalt, noteSendWorked } from '../sending/state.js';
import { isSuppressed } from '../sending/suppression.js';

export { AmbiguousSendError, PermanentSendError, SendError, SendingHalted, TransientSendError } from '../sending/errors.js';

/** An email ready to go: every sender in the app builds one of these and calls sendEmail. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  html: string;
  text: string;
  kind: SendKind;
  /** Lesson id, checkpoint or issue id. */
  ref: string;
  /** reply+<token>@<replyDomain>; omitted for the confirmation. */
  replyToken?: string;
  unsubscribe: { url: string; mailtoToken: string };
  /** Ties SES events (send, bounce, complaint) back to the reader and the claim. */
  tags: Record<string, string>;
}

export interface SendOptions {
  attempts?: number;
  /** Confirmations and the welcome: ahead of any dispatch or broadcast in the send budget. */
  priority?: boolean;
  /** The run this send belongs to: once SES says the account is at fault, nobody in it calls SES again. */
  gate?: SendGate;
}

/**
 * One run's view of SES. Its first call goes alone (a fault of the account then costs one call per
 * run, not one per sender in flight); once SES answered anything but an account fault, the rest
 * go at full width. After an account fault every later send in the run stops before calling SES.
 */
export class SendGate {
  halted?: SendingHalted;
  private proven = false;
  private probe?: Promise<unknown>;

  check(): void {
    if (this.halted) throw this.halted;
  }

  async run<T>(call: () => Promise<T>): Promise<T> {
    while (!this.proven && this.probe) {
      await this.probe.catch(() => undefined);
      this.check();
    }
    this.check();
    if (this.proven) return call();
    const p = call();
    this.probe = p;
    try {
      const v = await p;
      this.proven = true;
      return v;
    } catch (e) {
      if (classifySendError(e).kind === 'account') this.halted = sendErrorOf(e) as SendingHalted;
      else this.proven = true;
      throw e;
    } finally {
      if (this.probe === p) this.probe = undefined;
    }
  }
}

const tagValue = (v: string) => v.replace(/[^A-Za-z0-9_\-.@]/g, '_').slice(0, 256);

/**
 * The one function that sends email. Immediately before every send it checks the address against
 * the suppression list, then waits for a token of the shared send budget (mailer pacing). Headers
 * every email carries: X-Mend-Kind, X-Mend-Ref, List-Unsubscribe (https + mailto) with RFC 8058
 * one-click. What a failure means (sending/errors.ts):
 *  - throttling and 5xx: backed off and retried, each try within the budget; TransientSendError after the last;
 *  - this address refused for good: PermanentSendError (the caller suppresses it);
 *  - the account or configuration at fault, or anything unknown: SendingHalted, recorded for the
 *    overview and logged once; nobody is suppressed;
 *  - maybe sent (a reset or timeout after the request went out): AmbiguousSendError, never retried here.
 * The SES clients make one attempt per call (runtime/ses.ts, local/stack.ts): every retry is decided here.
 */
export async function sendEmail(ctx: Ctx, msg: OutgoingEmail, opts: SendOptions = {}): Promise<{ messageId: string }> {
  const { config } = ctx;
  if (await isSuppressed(ctx, msg.to)) throw new PermanentSendError('OnSuppressionList', 'the address is on the suppression list');
  const mailto = `mailto:unsubscribe+${msg.unsubscribe.mailtoToken}@${config.replyDomain}?subject=unsubscribe`;
  const command = new SendEmailCommand({
    FromEmailAddress: config.fromAddress,
    Destination: { ToAddresses: [msg.to] },
    ReplyToAddresses: msg.replyToken ? [`reply+${msg.replyToken}@${config.replyDomain}`] : undefined,
    ConfigurationSetName: config.configurationSet,
    EmailTags: Object.entries(msg.tags).map(([Name, Value]) => ({ Name, Value: tagValue(Value) })),
    Content: {
      Simple: {
        Subject: { Data: msg.subject, Charset: 'UTF-8' },
        Body: { Html: { Data: msg.html, Charset: 'UTF-8' }, Text: { Data: msg.text, Charset: 'UTF-8' } },
        Headers: [
          { Name: 'X-Mend-Kind', Value: msg.kind },
          { Name: 'X-Mend-Ref', Value: msg.ref },
          { Name: 'X-Mend-Sent-At', Value: ctx.clock.now().toISOString() },
          { Name: 'List-Unsubscribe', Value: `<${msg.unsubscribe.url}>, <${mailto}>` },
          { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
        ],
      },
    },
  });
  const attempts = opts.attempts ?? 6;
  const priority = opts.priority ?? msg.kind === 'confirmation';
  const gate = opts.gate ?? new SendGate();
  for (let i = 1; ; i++) {
    gate.check();
    await paceSend(ctx, priority);
    try {
      const res = await gate.run(() => ctx.ses.send(command));
      await noteSendWorked(ctx).catch(() => undefined);
      return { messageId: res.MessageId ?? '' };
    } catch (e) {
      const err = sendErrorOf(e);
      if (err instanceof SendingHalted) {
        // Only the call that met the fault records it (the gate's refusals are already SendErrors).
        if (!(e instanceof SendingHalted)) await noteHalt(ctx, err);
        throw err;
      }
      if (err.kind !== 'retry') throw err;
      if (i >= attempts) throw new TransientSendError(err.code, `still failing after ${attempts} attempts: ${err.message}`);
      // Backoff in real time, not app time: SES's rate limit lives in the real world (the local stand-ins' does not).
      const base = config.mode === 'local' ? 5 : 50;
      await new Promise((r) => setTimeout(r, Math.min(2000, base * 2 ** i) * (0.5 + Math.random())));
    }
  }
}
