import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

const require = createRequire(import.meta.url);

interface S3rverServer {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}

export interface S3StandIn {
  url: string;
  bucket: string;
  /** Stores an object the way SES's receipt rule S3 action does. */
  put(key: string, body: string | Uint8Array): Promise<void>;
  /** Whether an object is in the bucket. */
  has(key: string): Promise<boolean>;
  close(): Promise<void>;
}

/** s3rver (S3 API on a folder) as the inbound bucket: the stand-in for what cannot run here. */
export async function startS3(bucket: string): Promise<S3StandIn> {
  const directory = mkdtempSync(join(tmpdir(), 'mend-s3-'));
  const S3rver = require('s3rver') as new (o: object) => S3rverServer;
  const server = new S3rver({ port: 0, address: '127.0.0.1', directory, silent: true, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const url = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    endpoint: url,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  return {
    url,
    bucket,
    async put(key, body) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    },
    async has(key) {
      try {
        await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return true;
      } catch (e) {
        if ((e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
        throw e;
      }
    },
    async close() {
      client.destroy();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
