import { config } from './config';

const account = aws.getCallerIdentityOutput().accountId;
const region = aws.getRegionOutput().region;

/**
 * Raw inbound mail, written by SES under `inbound/<messageId>` before any code parses it.
 * Functions read its name as Resource.InboundBucket.name.
 *
 * SES may only write under the inbound prefix, and only on behalf of this account's receipt rule
 * (confused-deputy protection). The rule's ARN is built from its fixed name so this policy can exist
 * before the rule: SES checks that it can write to the bucket when the rule is created.
 */
export const bucket = new sst.aws.Bucket('InboundBucket', {
  policy: [
    {
      principals: [{ type: 'service', identifiers: ['ses.amazonaws.com'] }],
      actions: ['s3:PutObject'],
      paths: [`${config.inboundPrefix}*`],
      conditions: [
        { test: 'StringEquals', variable: 'AWS:SourceAccount', values: [account] },
        {
          test: 'StringEquals',
          variable: 'AWS:SourceArn',
          values: [
            $interpolate`arn:aws:ses:${region}:${account}:receipt-rule-set/${config.ruleSetName}:receipt-rule/${config.ruleName}`,
          ],
        },
      ],
    },
  ],
  lifecycle: [
    // The parsed reply lives in the table; the raw message is kept MEND_RAW_RETENTION_DAYS (180 by
    // default) for the author to consult, then S3 deletes it (locally a sweep does: local/raw-store.ts).
    { id: 'expire-raw-inbound', prefix: config.inboundPrefix, expiresIn: `${config.rawRetentionDays} days` },
  ],
});
