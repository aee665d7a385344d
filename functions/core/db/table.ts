/**
 * The one definition of the table's key schema and indexes. infra/table.ts gives it to AWS,
 * the local runtime creates it in dynalite from the same object. No SDK imports here, so
 * sst.config.ts can import it.
 */
export const table = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; DynamoDB deletes expired items in AWS. dynalite ignores it, so the app also sweeps. */
  ttlAttribute: 'expiresAt',
  indexes: {
    /** Sharded scheduler index: DUE#<shard> / <dueAt ISO>#<readerId>. Sparse: only readers with something to send. */
    due: { partitionKey: 'duePk', sortKey: 'dueSk', projection: 'all' as const },
    /** Overloaded list index: reply inboxes (unreviewed / reviewed), unmatched mail, newest first. */
    list: { partitionKey: 'listPk', sortKey: 'listSk', projection: 'all' as const },
    /**
     * Readers for the admin list, newest first. Projects only the summary, so the scheduler's
     * frequent writes to a reader (cursor, dueAt) never touch this index. The summary includes
     * what a newsletter segment filters on and a broadcast needs to know when to send (consent,
     * enrolment day, time zone, send hour): all rarely changed, so it stays cheap to maintain.
     */
    readers: {
      partitionKey: 'rdPk',
      sortKey: 'rdSk',
      // __edb_e__ / __edb_v__: ElectroDB's entity markers, which it checks on every item it reads.
      projection: [
        'readerId',
        'email',
        'firstName',
        'situation',
        'track',
        'status',
        'createdAt',
        'newsletter',
        'newsletterOffAt',
        'course',
        'enrolledOn',
        'timezone',
        'sendHour',
        '__edb_e__',
        '__edb_v__',
      ] as const,
    },
  },
} as const;

export type IndexName = keyof typeof table.indexes;

/** Due-index shards in AWS (fixed for the life of a table): infra/cron.ts schedules one dispatch per shard. */
export const AWS_DUE_SHARDS = 16;

/** Every key attribute, for CreateTable and sst.aws.Dynamo `fields`. All are strings. */
export const keyAttributes = [
  table.partitionKey,
  table.sortKey,
  ...Object.values(table.indexes).flatMap((i) => [i.partitionKey, i.sortKey]),
];
