import { linksFor, nodejs } from './links';
import { bucket } from './bucket';
import { config, functionEnvironment } from './config';
import { publicUrl } from './api';

const account = aws.getCallerIdentityOutput().accountId;
const region = aws.getRegionOutput().region;

/** Parses a stored reply: functions/inbound/lambda.ts reads `inbound/<messageId>` from the bucket. */
export const inboundFn = new sst.aws.Function('Inbound', {
  handler: 'functions/inbound/lambda.handler',
  runtime: 'nodejs22.x',
  architecture: 'arm64',
  timeout: '60 seconds',
  memory: '1024 MB',
  link: linksFor('inbound'),
  nodejs,
  environment: functionEnvironment(publicUrl),
  description: `Mend ${config.stage}: inbound replies`,
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
