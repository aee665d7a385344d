import { keyAttributes, table as schema } from '../functions/core/db/table';
import { isProd } from './config';

/**
 * The single DynamoDB table, built from functions/core/db/table.ts: the same definition the
 * local runtime gives dynalite, so AWS and local can never disagree on keys or indexes.
 * Functions read its name as Resource.MendTable.name.
 */
export const table = new sst.aws.Dynamo('MendTable', {
  fields: Object.fromEntries(keyAttributes.map((a) => [a, 'string' as const])),
  primaryIndex: { hashKey: schema.partitionKey, rangeKey: schema.sortKey },
  globalIndexes: Object.fromEntries(
    Object.entries(schema.indexes).map(([name, ix]) => [
      name,
      {
        hashKey: ix.partitionKey,
        rangeKey: ix.sortKey,
        // 'all', or the list of non-key attributes to project (the 'readers' summary index).
        projection: ix.projection === 'all' ? ('all' as const) : [...ix.projection],
      },
    ]),
  ),
  ttl: schema.ttlAttribute,
  deletionProtection: isProd,
  transform: {
    table: (args) => {
      // Readers' answers and outcomes are years of history: keep 35 days of restore points in prod.
      if (isProd) args.pointInTimeRecovery = { enabled: true };
    },
  },
});
