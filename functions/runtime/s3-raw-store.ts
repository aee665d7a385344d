import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { RawMailStore } from '../core/shared/raw-store.js';

/**
 * Raw inbound mail in S3: SES's receipt rule writes `inbound/<messageId>`, the inbound function
 * reads it back. Only functions/inbound/lambda.ts imports this, so the S3 client stays out of the
 * other bundles (the api, which only deletes raw mail when a reader is erased, signs that one
 * request itself: s3-delete.ts).
 */
export function s3RawStore(s3: S3Client, bucket: string): RawMailStore {
  const check = (key: string) => {
    if (!key || key.startsWith('/') || key.includes('..')) throw new Error('bad raw mail key');
    return key;
  };
  return {
    async put(key, body) {
      await s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: check(key), Body: body, ContentType: 'message/rfc822' }),
      );
    },
    async get(key) {
      const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: check(key) }));
      if (!res.Body) throw new Error(`raw mail ${key} has no body`);
      return res.Body.transformToByteArray();
    },
    async delete(key) {
      // S3 answers a delete of a missing key with success too.
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: check(key) }));
    },
    describe: (key) => `s3://${bucket}/${key}`,
  };
}

/**
 * Timeouts, so a stalled connection costs seconds and the SDK's retries (every call here is safe to
 * repeat), not the whole invocation: SES then invokes the function again and the raw copy is still in
 * the bucket. `requestTimeout` bounds the wait for S3's answer (`throwOnRequestTimeout`: the SDK's
 * HTTP handler, 4.x, otherwise only warns and the call hangs); it ends when the headers arrive, so
 * `socketTimeout` bounds a stall while the body (raw mail, up to SES's 40 MB) is read: 30 s of silence.
 */
export const s3ClientOptions = {
  requestHandler: { connectionTimeout: 3_000, requestTimeout: 30_000, socketTimeout: 30_000, throwOnRequestTimeout: true },
} as const;

/** The inbound function's store: region and endpoint come from the Lambda environment (AWS_ENDPOINT_URL_S3 in tests). */
export const s3RawStoreFor = (bucket: string): RawMailStore => s3RawStore(new S3Client(s3ClientOptions), bucket);
