import { randomUUID } from 'node:crypto';

/**
 * Real AWS event shapes, as the services deliver them to a Lambda (field for field after the AWS
 * docs' samples; values made up). Times are passed in: tests never read the wall clock here.
 */

export const FUNCTION_URL_DOMAIN = 'abcdefghijklmnopqrstuvwxyz012345.lambda-url.us-east-1.on.aws';

export interface UrlRequest {
  method?: 'GET' | 'POST' | 'HEAD' | 'DELETE';
  /** Path with an optional query string, as in a link: `/confirm?token=...`. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** The caller's address as the Function URL reports it. */
  sourceIp?: string;
  at: Date;
  domain?: string;
}

/** A Lambda Function URL request: payload format 2.0 (docs: "Lambda function URLs", request payload). */
export function functionUrlEvent(req: UrlRequest) {
  const domain = req.domain ?? FUNCTION_URL_DOMAIN;
  const [rawPath, rawQueryString = ''] = req.path.split('?') as [string, string?];
  const query = new URLSearchParams(rawQueryString);
  const queryStringParameters = rawQueryString
    ? Object.fromEntries([...new Set(query.keys())].map((k) => [k, query.getAll(k).join(',')]))
    : undefined;
  const headers: Record<string, string> = {
    host: domain,
    'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) mend-lambda-test',
    accept: '*/*',
    'x-forwarded-proto': 'https',
    'x-forwarded-port': '443',
    'x-forwarded-for': req.sourceIp ?? '198.51.100.7',
    'x-amzn-trace-id': `Root=1-${randomUUID().replace(/-/g, '').slice(0, 24)}`,
    ...Object.fromEntries(Object.entries(req.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
  };
  const cookies = headers.cookie?.split(/;\s*/);
  delete headers.cookie; // Function URLs move cookies into their own field.
  const method = req.method ?? 'GET';
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    ...(cookies ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    requestContext: {
      accountId: 'anonymous',
      apiId: domain.split('.')[0],
      domainName: domain,
      domainPrefix: domain.split('.')[0],
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: req.sourceIp ?? '198.51.100.7', userAgent: headers['user-agent'] },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: req.at.toUTCString(),
      timeEpoch: req.at.getTime(),
    },
    ...(req.body !== undefined ? { body: req.body } : {}),
    isBase64Encoded: false,
  };
}

/** What a Function URL invocation returns through Hono's adapter. */
export interface UrlResponse {
  statusCode: number;
  headers: Record<string, string>;
  cookies?: string[];
  body: string;
  isBase64Encoded: boolean;
}

export const jsonOf = (r: unknown) => JSON.parse((r as UrlResponse).body) as Record<string, unknown>;

/**
 * EventBridge Scheduler invoking the dispatcher: the payload is the schedule target's `Input`
 * verbatim, which SST's CronV2 sets to JSON.stringify(args.event ?? {}) (cron-v2.ts).
 */
export const schedulerEvent = (input: Record<string, unknown> = {}) => ({ ...input });

export interface InboundMail {
  messageId: string;
  from: string;
  to: string;
  subject: string;
  at: Date;
  /** SES's verdicts on the sender (default: all PASS, as for a genuine reply). */
  verdicts?: { spf?: string; dkim?: string; dmarc?: string };
}

/** The SES receipt rule's Lambda action (invocation type Event), after its S3 action stored the message. */
export function sesReceiptEvent(m: InboundMail) {
  const ts = m.at.toISOString();
  return {
    Records: [
      {
        eventSource: 'aws:ses',
        eventVersion: '1.0',
        ses: {
          mail: {
            timestamp: ts,
            source: m.from,
            messageId: m.messageId,
            destination: [m.to],
            headersTruncated: false,
            headers: [
              { name: 'From', value: m.from },
              { name: 'To', value: m.to },
              { name: 'Subject', value: m.subject },
            ],
            commonHeaders: { returnPath: m.from, from: [m.from], date: m.at.toUTCString(), to: [m.to], subject: m.subject },
          },
          receipt: {
            timestamp: ts,
            processingTimeMillis: 412,
            recipients: [m.to],
            spamVerdict: { status: 'PASS' },
            virusVerdict: { status: 'PASS' },
            spfVerdict: { status: m.verdicts?.spf ?? 'PASS' },
            dkimVerdict: { status: m.verdicts?.dkim ?? 'PASS' },
            dmarcVerdict: { status: m.verdicts?.dmarc ?? 'PASS' },
            ...(m.verdicts?.dmarc === 'FAIL' ? { dmarcPolicy: 'reject' } : {}),
            action: {
              type: 'Lambda',
              functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:mend-test-InboundFunction',
              invocationType: 'Event',
            },
          },
        },
      },
    ],
  };
}

export interface SentMail {
  /** SES's message id of the email that bounced. */
  messageId: string;
  to: string;
  from: string;
  /** The message tags Mend sent it with (reader, seq, kind). */
  tags: Record<string, string>;
  at: Date;
}

/** An SES event-publishing Bounce (configuration set -> SNS topic), as the SNS subscription delivers it. */
export function snsBounceEvent(m: SentMail, bounceType: 'Permanent' | 'Transient' = 'Permanent') {
  const ts = m.at.toISOString();
  const sesEvent = {
    eventType: 'Bounce',
    bounce: {
      feedbackId: `${randomUUID()}-000000`,
      bounceType,
      bounceSubType: bounceType === 'Permanent' ? 'General' : 'MailboxFull',
      bouncedRecipients: [{ emailAddress: m.to, action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' }],
      timestamp: ts,
      reportingMTA: 'dsn; e226-55.smtp-out.us-east-1.amazonses.com',
    },
    mail: {
      timestamp: ts,
      source: m.from,
      sourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/example.com',
      sendingAccountId: '123456789012',
      messageId: m.messageId,
      destination: [m.to],
      headersTruncated: false,
      tags: {
        'ses:configuration-set': ['mend-test'],
        'ses:source-ip': ['192.0.2.1'],
        'ses:from-domain': ['example.com'],
        'ses:caller-identity': ['mend-test-DispatchFunction-role'],
        ...Object.fromEntries(Object.entries(m.tags).map(([k, v]) => [k, [v]])),
      },
    },
  };
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: 'arn:aws:sns:us-east-1:123456789012:mend-test-SesEventsTopic:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55',
        Sns: {
          Type: 'Notification',
          MessageId: randomUUID(),
          TopicArn: 'arn:aws:sns:us-east-1:123456789012:mend-test-SesEventsTopic',
          Subject: null,
          Message: JSON.stringify(sesEvent),
          Timestamp: ts,
          SignatureVersion: '1',
          Signature: 'EXAMPLE',
          SigningCertUrl: 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem',
          UnsubscribeUrl: 'https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe',
          MessageAttributes: {},
        },
      },
    ],
  };
}
