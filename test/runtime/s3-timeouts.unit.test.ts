import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { S3Client } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import { s3DeleteOnlyStore } from '../../functions/runtime/s3-delete.js';
import { s3ClientOptions, s3RawStore } from '../../functions/runtime/s3-raw-store.js';

/**
 * A stalled S3 (it takes the request and never answers) must cost the inbound function or an
 * erasure seconds and an error, not hang until the invocation is cut off. Shorter timeouts than
 * the real ones (30 s, 10 s) keep the test quick; what is under test is that they are enforced.
 */
let silent: Server | undefined;
afterEach(() => {
  silent?.closeAllConnections();
  silent?.close();
  silent = undefined;
});

async function silentServer(): Promise<string> {
  silent = createServer(() => undefined);
  await new Promise<void>((r) => silent!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
}

const failure = (p: Promise<unknown>) => p.then(() => 'answered', (e: Error) => e);

/** A raw-mail read through the real S3 client, with our options and one timeout shortened: it must fail, and soon. */
async function readTimesOut(endpoint: string, shorter: { requestTimeout?: number; socketTimeout?: number }) {
  const s3 = new S3Client({
    ...s3ClientOptions,
    requestHandler: { ...s3ClientOptions.requestHandler, ...shorter },
    maxAttempts: 1,
    endpoint,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  try {
    const started = performance.now();
    expect(await failure(s3RawStore(s3, 'mail').get('inbound/abc'))).toMatchObject({ name: 'TimeoutError' });
    expect(performance.now() - started).toBeLessThan(10_000);
  } finally {
    s3.destroy();
  }
}

describe('the raw-mail store in S3', () => {
  it('gives up on a read S3 never answers, with a timeout, instead of hanging the inbound function', async () => {
    await readTimesOut(await silentServer(), { requestTimeout: 300 });
  }, 20_000);

  it('gives up on a read whose body stalls after the headers, instead of hanging the inbound function', async () => {
    // S3 answers, sends the first bytes of the message, and then nothing: a connection gone quiet mid-body.
    silent = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'message/rfc822', 'content-length': '100000' });
      res.write('From: someone@example.test\r\n');
    });
    await new Promise<void>((r) => silent!.listen(0, '127.0.0.1', r));
    await readTimesOut(`http://127.0.0.1:${(silent.address() as AddressInfo).port}`, { socketTimeout: 300 });
  }, 20_000);

  it("gives up on the api's delete S3 never answers, with an error the api reads as temporary", async () => {
    const endpoint = await silentServer();
    const env = { AWS_ENDPOINT_URL_S3: endpoint, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' };
    const started = performance.now();
    expect(await failure(s3DeleteOnlyStore('mail', env, 300).delete('inbound/abc'))).toMatchObject({ name: 'TimeoutError' });
    expect(performance.now() - started).toBeLessThan(10_000);
  }, 20_000);
});
