import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  type GlobalSecondaryIndex,
} from '@aws-sdk/client-dynamodb';
import { keyAttributes, table } from '../core/db/table.js';

/**
 * Creates the table from the shared definition if it is missing (local runtime and tests only;
 * in AWS, infra/table.ts creates it from the same definition).
 */
export async function ensureTable(endpoint: string, name: string): Promise<void> {
  const db = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    await createIfMissing(db, name);
  } finally {
    db.destroy();
  }
}

/** How long a new table may take to become ACTIVE (dynalite: milliseconds; DynamoDB Local: about as long). */
const ACTIVE_WITHIN_MS = 30_000;

/**
 * Waits until the table and its indexes are ACTIVE. CreateTable answers while the table is still
 * CREATING, and until then every read and write of it is refused as ResourceNotFoundException:
 * dynalite marks it ACTIVE in a timer and a second database write after answering, so under load the
 * app's first request (a sign-up) could arrive before it and answer 500. Real DynamoDB behaves the same.
 */
async function untilActive(db: DynamoDBClient, name: string): Promise<void> {
  const deadline = Date.now() + ACTIVE_WITHIN_MS;
  for (let wait = 2; ; wait = Math.min(wait * 2, 100)) {
    const { Table } = await db.send(new DescribeTableCommand({ TableName: name }));
    if (Table?.TableStatus === 'ACTIVE' && (Table.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === 'ACTIVE')) return;
    if (Date.now() > deadline) throw new Error(`DynamoDB table ${name} is still ${Table?.TableStatus ?? 'missing'} after ${ACTIVE_WITHIN_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, wait));
  }
}

async function createIfMissing(db: DynamoDBClient, name: string): Promise<void> {
  const created = await create(db, name);
  await untilActive(db, name);
  if (!created) return;
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

/** Creates the table unless it exists (true: this call created it, or another one just did). */
async function create(db: DynamoDBClient, name: string): Promise<boolean> {
  try {
    await db.send(new DescribeTableCommand({ TableName: name }));
    return false;
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
  return true;
}
