import { Agent, createServer } from 'node:http';
import { Socket, type AddressInfo } from 'node:net';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import { sesClientOptions } from '../../../functions/core/sending/client-options.js';
import { classifySendError, sendErrorOf, SendingHalted } from '../../../functions/core/sending/errors.js';

const sdk = (name: string, status: number, message = 'x') => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
const net = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('what an SES failure means', () => {
  it('suppresses only for a refusal about the address itself', () => {
    expect(classifySendError(sdk('MessageRejected', 400, 'Address blacklisted.')).kind).toBe('recipient');
    expect(classifySendError(sdk('BadRequestException', 400, "Missing final '@domain'")).kind).toBe('recipient');
    expect(classifySendError(sdk('BadRequestException', 400, 'Illegal address')).kind).toBe('recipient');
  });

  it('halts for the account or the configuration, and for anything it does not recognise', () => {
    for (const e of [
      sdk('AccessDeniedException', 403, 'not authorized to perform ses:SendEmail'),
      sdk('UnrecognizedClientException', 403),
      sdk('ExpiredTokenException', 400, 'The security token included in the request is expired'),
      sdk('AccountSuspendedException', 400),
      sdk('SendingPausedException', 400),
      sdk('MailFromDomainNotVerifiedException', 400),
      sdk('NotFoundException', 404, 'Configuration set <mend-prod> does not exist.'),
      // The sandbox, or our own identity: every reader would be refused, none is at fault.
      sdk('MessageRejected', 400, 'Email address is not verified. The following identities failed the check in region US-EAST-1: x@y'),
      // Our content or a parameter of ours, not the address.
      sdk('MessageRejected', 400, 'Message length is more than 10485760 bytes long.'),
      sdk('LimitExceededException', 400, 'Daily message quota exceeded.'),
      new Error('something nobody has seen before'),
      new SyntaxError('Unexpected token < in JSON'),
      Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }),
    ])
      expect(classifySendError(e).kind, `${e.name}: ${e.message}`).toBe('account');
    expect(sendErrorOf(new Error('odd'))).toBeInstanceOf(SendingHalted);
  });

  it('retries throttling, 5xx and connections that never reached SES', () => {
    for (const e of [
      sdk('TooManyRequestsException', 429, 'Maximum sending rate exceeded.'),
      sdk('ThrottlingException', 400),
      sdk('LimitExceededException', 400, 'Maximum sending rate exceeded.'),
      sdk('InternalFailure', 500),
      sdk('SomethingNew', 503),
      net('ECONNREFUSED'),
      net('ENOTFOUND'),
      Object.assign(new Error('Socket timed out without establishing a connection within 3000 ms'), { name: 'TimeoutError' }),
    ])
      expect(classifySendError(e).kind, `${e.name}: ${e.message}`).toBe('retry');
  });

  it('never retries what may have been sent', () => {
    for (const e of [net('ECONNRESET'), net('EPIPE'), net('ETIMEDOUT'), new Error('socket hang up'), Object.assign(new Error('Connection timed out after 15000 ms'), { name: 'TimeoutError' })])
      expect(classifySendError(e).kind, e.message).toBe('ambiguous');
  });

  describe('the installed SDK\'s own timeouts', () => {
    /** What one SendEmail through the real SES client fails with, on Mend's client options with short timeouts. */
    const failureOf = async (opts: { endpoint: string; httpAgent?: Agent }) => {
      const client = new SESv2Client({
        ...sesClientOptions,
        region: 'us-east-1',
        endpoint: opts.endpoint,
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
        requestHandler: { ...sesClientOptions.requestHandler, connectionTimeout: 50, requestTimeout: 300, ...(opts.httpAgent ? { httpAgent: opts.httpAgent } : {}) },
      });
      try {
        await client.send(new SendEmailCommand({ FromEmailAddress: 'coach@example.com', Destination: { ToAddresses: ['reader@example.com'] }, Content: { Simple: { Subject: { Data: 's' }, Body: { Text: { Data: 't' } } } } }));
        throw new Error('the send did not fail');
      } finally {
        client.destroy();
      }
    };

    it('retries a send whose connection never opened: nothing reached SES (the SDK reworded this once, and such a send went a cron tick late)', async () => {
      // Sockets that never finish connecting, as under a hung network or an event loop held up for seconds.
      class NeverConnects extends Agent {
        override createConnection() {
          const socket = new Socket();
          Object.defineProperty(socket, 'connecting', { value: true });
          return socket as never;
        }
      }
      const e = await failureOf({ endpoint: 'http://127.0.0.1:9', httpAgent: new NeverConnects() }).catch((x: unknown) => x as Error);
      expect(e).toMatchObject({ name: 'TimeoutError' });
      expect(classifySendError(e), e.message).toEqual({ kind: 'retry', code: 'TimeoutError' });
    });

    it('never retries a send that went out and got no answer in time, and stops waiting for it (the SDK only warned unless told to throw)', async () => {
      const silent = createServer(() => undefined); // takes the request, never answers
      await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
      try {
        const e = await failureOf({ endpoint: `http://127.0.0.1:${(silent.address() as AddressInfo).port}` }).catch((x: unknown) => x as Error);
        expect(e).toMatchObject({ name: 'TimeoutError' });
        expect(classifySendError(e), e.message).toEqual({ kind: 'ambiguous', code: 'ETIMEDOUT' });
      } finally {
        silent.closeAllConnections();
        silent.close();
      }
    }, 10_000);
  });
});
