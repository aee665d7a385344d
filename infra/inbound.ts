import { linksFor, nodejs } from './links';
import { bucket } from './bucket';
import { config, functionEnvironment } from './config';
import { publicUrl } from './api';

const account = aws.getCallerIdentityOutput().accountId;
const region = aws.getRegionOutput().region;

/**
 * Where an SES event goes when the inbound function failed it on every try (the first and Lambda's two
 * retries): kept 14 days (SQS's longest) for a replay (README, "Replies that failed every retry"). The
 * raw message itself is already in the bucket; the event names it. Encrypted at rest: the event
 * carries the message's headers (From, To, Subject).
 */
export const inboundFailed = new aws.sqs.Queue('InboundFailed', {
  name: `mend-${config.stage}-inbound-failed`,
  messageRetentionSeconds: 14 * 24 * 3600,
  sqsManagedSseEnabled: true,
});

/** Parses a stored reply: functions/inbound/lambda.ts reads `inbound/<messageId>` from the bucket. */
export const inboundFn = new sst.aws.Function('Inbound', {
  handler: 'functions/inbound/lambda.handler',
  runtime: 'nodejs22.x',
  architecture: 'arm64',
  timeout: '60 seconds',
  memory: '1024 MB',
  link: linksFor('inbound'),
  // Lambda delivers a failed event to its on-failure destination with the function's own role.
  permissions: [{ actions: ['sqs:SendMessage'], resources: [inboundFailed.arn] }],
  nodejs,
  environment: functionEnvironment(publicUrl),
  description: `Mend ${config.stage}: inbound replies`,
});

/**
 * SES invokes the function asynchronously: Lambda retries a failed event twice (about 1 and 3 minutes
 * later), then sends it to the dead-letter queue instead of dropping it. Six hours is Lambda's longest
 * event age: an event still throttled after that goes to the queue as well.
 */
new aws.lambda.FunctionEventInvokeConfig('InboundRetries', {
  functionName: inboundFn.name,
  maximumRetryAttempts: 2,
  maximumEventAgeInSeconds: 6 * 3600,
  destinationConfig: { onFailure: { destination: inboundFailed.arn } },
});

const ruleArn = $interpolate`arn:aws:ses:${region}:${account}:receipt-rule-set/${config.ruleSetName}:receipt-rule/${config.ruleName}`;

const invokePermission = new aws.lambda.Permission('InboundSesInvoke', {
  action: 'lambda:InvokeFunction',
  function: inboundFn.name,
  principal: 'ses.amazonaws.com',
  sourceAccount: account,
  sourceArn: ruleArn,
});

export const ruleSet = new aws.ses.ReceiptRuleSet('InboundRuleSet', { ruleSetName: config.ruleSetName });

/**
 * Mail to any address at MEND_REPLY_DOMAIN: 1) store the raw message in the bucket under
 * `inbound/<messageId>`, 2) invoke the inbound function asynchronously (Lambda retries twice
 * on error). The bucket policy (infra/bucket.ts) must exist first: SES test-writes on creation.
 */
export const rule = new aws.ses.ReceiptRule(
  'InboundRule',
  {
    name: config.ruleName,
    ruleSetName: ruleSet.ruleSetName,
    recipients: [config.replyDomain],
    enabled: true,
    scanEnabled: true,
    tlsPolicy: 'Optional',
    s3Actions: [{ position: 1, bucketName: bucket.name, objectKeyPrefix: config.inboundPrefix }],
    lambdaActions: [{ position: 2, functionArn: inboundFn.arn, invocationType: 'Event' }],
  },
  { dependsOn: [invokePermission, bucket] },
);

/**
 * Only one receipt rule set is active per account and region, so activating is opt-in outside
 * prod (MEND_ACTIVATE_RULE_SET): a dev stage must not silently take over prod's inbound mail.
 */
if (config.activateRuleSet) {
  new aws.ses.ActiveReceiptRuleSet('InboundActiveRuleSet', { ruleSetName: ruleSet.ruleSetName }, { dependsOn: [rule] });
}

/** With Route 53, point the reply domain's MX at SES inbound; otherwise add it by hand. */
if (config.route53) {
  sst.aws.dns().createRecord(
    'InboundMx',
    { type: 'MX', name: config.replyDomain, value: $interpolate`inbound-smtp.${region}.amazonaws.com`, priority: 10 },
    {},
  );
}

export const inboundMx = $interpolate`10 inbound-smtp.${region}.amazonaws.com`;
