/**
 * Where raw inbound messages are kept before anything parses them: S3 in AWS
 * (runtime/aws.ts), a folder locally (local/raw-store.ts).
 */
export interface RawMailStore {
  put(key: string, body: Uint8Array): Promise<void>;
  get(key: string): Promise<Uint8Array>;
  /** A pointer the author can follow (s3://bucket/key or file path). */
  describe(key: string): string;
}
