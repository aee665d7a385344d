import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { RawMailStore } from '../core/shared/raw-store.js';

/**
 * The api's view of the raw-mail bucket: it only ever deletes (a reader's erasure). One signed
 * S3 DeleteObject request, signed by the SDK's own SigV4 signer (already in the bundle for
 * DynamoDB), sent with fetch. Why not @aws-sdk/client-s3: even loaded lazily, its XML protocol
 * code lands in a chunk the api loads at cold start (esbuild shares the SDK's protocol modules
 * between chunks), which took the api past its 1 MB budget for a call made once per erasure.
 * The inbound function, which reads raw mail, uses the S3 client (s3-raw-store.ts).
 *
 * Credentials are the function's (Lambda sets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
 * AWS_SESSION_TOKEN); the endpoint is S3's for the region, or AWS_ENDPOINT_URL_S3 (path style) as
 * the SDK itself reads it, which the tests point at s3rver.
 */

/** SHA-256 and HMAC-SHA256 as the signer asks for them (node:crypto). */
class NodeSha256 {
  readonly #hash: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.#hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#hash.digest());
  }
}

const bytes = (d: string | ArrayBuffer | ArrayBufferView): Buffer | string =>
  typeof d === 'string' ? d : ArrayBuffer.isView(d) ? Buffer.from(d.buffer, d.byteOffset, d.byteLength) : Buffer.from(d);

/** Each path segment escaped as S3 expects (RFC 3986: also ! ' ( ) *). */
const escapeKey = (key: string) =>
  key
    .split('/')
    .map((part) => encodeURIComponent(part).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');

/** How long one DeleteObject may take (S3 answers in milliseconds). */
export const DELETE_TIMEOUT_MS = 10_000;

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export function s3DeleteOnlyStore(bucket: string, env: NodeJS.ProcessEnv = process.env, timeoutMs = DELETE_TIMEOUT_MS): RawMailStore {
  const refuse = async (): Promise<never> => {
    throw new Error('the api only deletes raw mail; the inbound function reads and stores it');
  };
  const check = (key: string) => {
    if (!key || key.startsWith('/') || key.includes('..')) throw new Error('bad raw mail key');
    return key;
  };
  return {
    put: refuse,
    get: refuse,
    async delete(key) {
      const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1';
      const custom = env.AWS_ENDPOINT_URL_S3?.replace(/\/+$/, '');
      const url = new URL(custom ? `${custom}/${bucket}/${escapeKey(check(key))}` : `https://${bucket}.s3.${region}.amazonaws.com/${escapeKey(check(key))}`);
      const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = env;
      if (!accessKeyId || !secretAccessKey) throw new Error('no AWS credentials in the environment to delete raw mail with');
      const signer = new SignatureV4({ service: 's3', region, credentials: { accessKeyId, secretAccessKey, sessionToken }, sha256: NodeSha256, uriEscapePath: false });
      const signed = await signer.sign({
        method: 'DELETE',
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port ? Number(url.port) : undefined,
        path: url.pathname,
        query: {},
        headers: { host: url.host, 'x-amz-content-sha256': EMPTY_SHA256 },
      });
      const { host: _host, ...headers } = signed.headers;
      // A stalled S3 costs seconds, not the request: the timeout (a TimeoutError) reads as a temporary fault.
      const res = await fetch(url, { method: 'DELETE', headers, signal: AbortSignal.timeout(timeoutMs) });
      // 204 whether or not the key existed: a second erasure run finds nothing and that is fine.
      // Shaped as the SDK's errors are (its status in `$metadata`), so S3 throttling or failing (503
      // SlowDown, 500) reads as a temporary fault (a 503 for the author, try again) and a refusal as ours.
      if (res.status !== 204 && res.status !== 200 && res.status !== 404)
        throw Object.assign(new Error(`S3 DeleteObject answered ${res.status}: ${(await res.text()).slice(0, 200)}`), { name: 'S3DeleteFailed', $metadata: { httpStatusCode: res.status } });
    },
    describe: (key) => `s3://${bucket}/${key}`,
  };
}
