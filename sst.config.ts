/// <reference path="./.sst/platform/config.d.ts" />

/**
 * Mend on AWS. Every resource lives in infra/ (one file per concern); deploy-time settings are
 * read in infra/config.ts. Deploy guide: README.md, "Deploy".
 * Type-check offline with `node scripts/typecheck-infra.mjs`.
 */
export default $config({
  app(input) {
    return {
      name: 'mend',
      home: 'aws',
      // prod keeps its table, bucket and mail identity on `sst remove`; other stages clean up.
      removal: input?.stage === 'prod' ? 'retain' : 'remove',
      protect: input?.stage === 'prod',
    };
  },
  async run() {
    const { config } = await import('./infra/config');
    await import('./infra/secrets');
    const { table } = await import('./infra/table');
    const { bucket } = await import('./infra/bucket');
    const { email } = await import('./infra/email');
    const { api, publicUrl } = await import('./infra/api');
    await import('./infra/cron');
    const { ruleSet, inboundMx, inboundFailed, inboundFn } = await import('./infra/inbound');
    await import('./infra/events');

    return {
      api: api.url,
      publicUrl,
      table: table.name,
      inboundBucket: bucket.name,
      sender: email.sender,
      configurationSet: email.configSet,
      replyDomain: config.replyDomain,
      receiptRuleSet: ruleSet.ruleSetName,
      receiptRuleSetActive: String(config.activateRuleSet),
      inboundMx: $interpolate`${config.replyDomain} MX ${inboundMx}`,
      inboundFunction: inboundFn.name,
      inboundFailedQueue: inboundFailed.url,
    };
  },
});
