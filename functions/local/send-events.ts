import type { SESv2Client, SendBulkEmailCommandInput, SendBulkEmailCommandOutput, SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import type { Ctx } from '../core/context.js';
import { handleSesEvents } from '../core/feedback/ses-events.js';

/**
 * SES publishes a Send event for every message it accepts; the emulator publishes none. Locally
 * the stack does it instead, into the same handler as AWS, so a crash after SES accepted a message
 * is caught the same way (the marker the retry finds). Events made in the same tick are written in
 * one batch; each send waits for its marker, so when a send is reported done its marker is stored.
 */
export interface SendEventPublisher {
  /** The Send event of one accepted SendEmail. Never throws: the email went out whatever happens here. */
  publish(input: SendEmailCommandInput, messageId: string): Promise<void>;
}

export function sendEventOf(input: SendEmailCommandInput, messageId: string) {
  const tags: Record<string, string[]> = {};
  for (const t of input.EmailTags ?? []) if (t.Name && t.Value !== undefined) tags[t.Name] = [t.Value];
  return { eventType: 'Send', mail: { messageId, destination: input.Destination?.ToAddresses ?? [], tags }, send: {} };
}

export function sendEventPublisher(ctx: () => Ctx): SendEventPublisher {
  let queue: { event: unknown; done: () => void }[] = [];
  const flush = async () => {
    const batch = queue;
    queue = [];
    try {
      const failed = await handleSesEvents(ctx(), batch.map((b) => b.event));
      if (failed) ctx().log.warn('local Send events: some were not recorded', { failed });
    } catch (e) {
      ctx().log.error('local Send events: could not record a batch', { error: (e as Error).message, events: batch.length });
    }
    for (const b of batch) b.done();
  };
  return {
    publish(input, messageId) {
      return new Promise<void>((done) => {
        // Gathered for a moment (BatchWriteItem takes 25): one write for many sends, not one each.
        if (!queue.length) setTimeout(() => void flush(), ctx().config.gatherMs);
        queue.push({ event: sendEventOf(input, messageId), done });
      });
    },
  };
}

/** Publishes a Send event after each SendEmail the emulator accepted (the client's middleware: local only). */
export function publishSendEvents(ses: SESv2Client, publisher: SendEventPublisher): void {
  ses.middlewareStack.add(
    (next, context) => async (args) => {
      const out = await next(args);
      const messageId = (out.output as { MessageId?: string }).MessageId;
      if (context.commandName === 'SendEmailCommand' && messageId) await publisher.publish(args.input as SendEmailCommandInput, messageId);
      // A bulk call: one Send event per entry SES took, with that entry's tags over the defaults.
      if (context.commandName === 'SendBulkEmailCommand') {
        const input = args.input as SendBulkEmailCommandInput;
        const results = (out.output as SendBulkEmailCommandOutput).BulkEmailEntryResults ?? [];
        await Promise.all(
          results.map((r, i) => {
            const entry = input.BulkEmailEntries?.[i];
            if (r.Status !== 'SUCCESS' || !r.MessageId || !entry) return undefined;
            const tags = [...(input.DefaultEmailTags ?? []).filter((t) => !entry.ReplacementTags?.some((x) => x.Name === t.Name)), ...(entry.ReplacementTags ?? [])];
            return publisher.publish({ Destination: entry.Destination, EmailTags: tags } as SendEmailCommandInput, r.MessageId);
          }),
        );
      }
      return out;
    },
    { step: 'initialize', name: 'mendLocalSendEvents' },
  );
}
