import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  type GlobalSecondaryIndex,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keyAttributes, table } from './table.js';

export type Db = DynamoDBDocumentClient;

export function makeDb(opts: { endpoint?: string; region?: string } = {}): Db {
  const client = new DynamoDBClient({
    region: opts.region ?? process.env.AWS_REGION ?? 'us-east-1',
    ...(opts.endpoint
      ? { endpoint: opts.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

/** Creates the table from the shared definition if it is missing (local runtime and tests only). */
export async function ensureTable(db: Db, name: string): Promise<void> {
  try {
    await db.send(new DescribeTableCommand({ TableName: name }));
    return;
  } catch (e) {
    if (!(e instanceof ResourceNotFoundException) && (e as Error).name !== 'ResourceNotFoundException') throw e;
  }
  const indexes: GlobalSecondaryIndex[] = Object.entries(table.indexes).map(([indexName, ix]) => ({
    IndexName: indexName,
    KeySchema: [
      { AttributeName: ix.partitionKey, KeyType: 'HASH' },
      { AttributeName: ix.sortKey, KeyType: 'RANGE' },
    ],
    Projection:
      ix.projection === 'all'
        ? { ProjectionType: 'ALL' }
        : { ProjectionType: 'INCLUDE', NonKeyAttributes: [...ix.projection] },
  }));
  try {
    await db.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: keyAttributes.map((a) => ({ AttributeName: a, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: table.partitionKey, KeyType: 'HASH' },
          { AttributeName: table.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: indexes,
      }),
    );
  } catch (e) {
    if ((e as Error).name !== 'ResourceInUseException') throw e;
  }
  try {
    await db.send(
      new UpdateTimeToLiveCommand({
        TableName: name,
        TimeToLiveSpecification: { AttributeName: table.ttlAttribute, Enabled: true },
      }),
    );
  } catch {
    // dynalite has no TTL (UnknownOperationException); the app's own sweep covers it.
  }
}
