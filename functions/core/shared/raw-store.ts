/**
 * Where raw inbound messages are kept before anything parses them: S3 in AWS
 * (runtime/aws.ts), a folder locally (local/raw-store.ts). Kept `config.rawRetentionDays`, then
 * deleted (an S3 lifecycle rule in AWS, a sweep locally); the parsed reply stays.
 */
export interface RawMailStore {
  put(key: string, body: Uint8Array): Promise<void>;
  get(key: string): Promise<Uint8Array>;
  /** Deletes a message for good (a reader's erasure); a key that is already gone is no error. */
  delete(key: string): Promise<void>;
  /** A pointer the author can follow (s3://bucket/key or file path). */
  describe(key: string): string;
}
