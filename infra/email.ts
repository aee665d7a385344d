import { config } from './config';

const account = aws.getCallerIdentityOutput().accountId;
const region = aws.getRegionOutput().region;

/**
 * SES publishes sending events (Send, Delivery, Bounce, Complaint) for the configuration set to
 * this topic; infra/events.ts subscribes the ses-events function to it.
 */
export const sesEventsTopic = new sst.aws.SnsTopic('SesEvents');

// SES needs explicit permission to publish to the topic, scoped to our configuration set.
const sesEventsPolicy = new aws.sns.TopicPolicy('SesEventsPolicy', {
  arn: sesEventsTopic.arn,
  policy: aws.iam.getPolicyDocumentOutput({
    statements: [
      {
        sid: 'AllowSesEventPublishing',
        principals: [{ type: 'Service', identifiers: ['ses.amazonaws.com'] }],
        actions: ['sns:Publish'],
        resources: [sesEventsTopic.arn],
        conditions: [
          { test: 'StringEquals', variable: 'AWS:SourceAccount', values: [account] },
          {
            test: 'StringEquals',
            variable: 'AWS:SourceArn',
            values: [$interpolate`arn:aws:ses:${region}:${account}:configuration-set/${config.configurationSet}`],
          },
        ],
      },
    ],
  }).json,
});

/**
 * The SES domain identity for MEND_DOMAIN with DKIM, DMARC and a custom MAIL FROM subdomain
 * (SPF alignment). With MEND_DNS=route53 SST writes those records into the domain's Route 53
 * zone and waits for verification; with MEND_DNS=manual the deploy waits until you add them
 * (see README.md, "Deploy").
 *
 * The identity's default configuration set is ours, so events are published even for a send
 * that forgets ConfigurationSetName; functions also get its name as MEND_CONFIGURATION_SET.
 */
export const email = new sst.aws.Email('MendEmail', {
  sender: config.domain,
  dns: config.route53 ? sst.aws.dns() : false,
  dmarc: 'v=DMARC1; p=none; adkim=r; aspf=r;',
  mailFrom: { domain: config.mailFromDomain },
  events: [
    {
      name: 'mend-events',
      types: ['send', 'delivery', 'bounce', 'complaint'],
      // The policy's `arn` (the topic's) resolves only once the policy exists: SES test-publishes
      // to the topic when the event destination is created.
      topic: sesEventsPolicy.arn,
    },
  ],
  transform: {
    configurationSet: { configurationSetName: config.configurationSet },
  },
});
