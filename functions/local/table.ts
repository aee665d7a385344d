import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  type GlobalSecondaryIndex,
  type TableDescription,
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
    const t = await describe(db, name);
    if (isActive(t)) return;
    if (Date.now() > deadline) throw new Error(`DynamoDB table ${name} is still ${t?.TableStatus ?? 'missing'} after ${ACTIVE_WITHIN_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, wait));
  }
}

const isActive = (t: TableDescription | null) => t?.TableStatus === 'ACTIVE' && (t.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === 'ACTIVE');

async function createIfMissing(db: DynamoDBClient, name: string): Promise<void> {
  const existing = await describe(db, name);
  // The usual restart: the table is there and ready, one call.
  if (existing && isActive(existing)) return;
  if (!existing) await create(db, name);
  await untilActive(db, name);
  if (existing) return;
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

/** The table as DynamoDB describes it, or null if there is none. */
async function describe(db: DynamoDBClient, name: string): Promise<TableDescription | null> {
  try {
    return (await db.send(new DescribeTableCommand({ TableName: name }))).Table ?? null;
  } catch (e) {
    if (!(e instanceof ResourceNotFoundException) && (e as Error).name !== 'ResourceNotFoundException') throw e;
    return null;
  }
}

/** Creates the table from the shared definition (another process creating it at the same moment is fine). */
async function create(db: DynamoDBClient, name: string): Promise<void> {
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
}
