import { spawn } from 'node:child_process';
import { createCipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FUNCTION_LINKS, type FunctionName, type LinkName } from '../../functions/runtime/links.js';

/**
 * Runs a built Lambda bundle (scripts/build-lambdas.ts) the way AWS does, in a fresh Node process
 * per call: the environment SST gives a linked function, the SDK's own endpoint variables
 * pointing at the embedded services, and real event shapes (./aws-events.ts). No vitest here:
 * bench/lambdas.ts uses it too.
 *
 * SST 4 (platform/src/components/aws/function.ts) sets `SST_RESOURCE_App` plus `SST_KEY` and
 * `SST_KEY_FILE=resource.enc`: the links' properties, AES-256-GCM encrypted with a zero nonce, in a
 * file beside the handler; `Resource` (sst/dist/resource/node.js) decrypts it on first access and
 * also reads any `SST_RESOURCE_<Name>` JSON variable. `links: 'file'` does the former, `'env'` the latter.
 */
export interface LambdaWorld {
  dynamoUrl: string;
  sesUrl: string;
  s3Url: string;
  tableName: string;
  bucket: string;
  signingSecret: string;
  adminToken: string;
  /** MEND_PUBLIC_URL; undefined leaves it out (the api then uses its function URL's domain). */
  publicUrl?: string;
  replyDomain: string;
  fromAddress: string;
}

export interface InvokeOptions {
  links?: 'file' | 'env';
  /** Links to leave out (a misconfigured deploy), or override with these values. */
  omit?: LinkName[];
  linkValues?: Partial<Record<LinkName, Record<string, string>>>;
  /** Extra or overriding environment variables. */
  env?: Record<string, string | undefined>;
}

export interface Invocation {
  /** The init phase: importing the bundle, which builds the context and runs the cold-start checks. */
  initMs: number;
  /** CPU time of the init phase (user + system): steadier than wall time when the machine is busy. */
  initCpuMs: number;
  initError?: { name: string; message: string };
  invocations: (
    | { ok: true; result: unknown; ms: number; cpuMs: number }
    | { ok: false; error: { name: string; message: string }; ms: number; cpuMs: number }
  )[];
  /** Everything the function logged (stdout and stderr). */
  logs: string;
  /** Wall time of the whole process, spawn to exit. */
  processMs: number;
}

const runner = join(dirname(fileURLToPath(import.meta.url)), 'lambda-runner.mjs');

/** What infra/ names each function; Lambda puts it in AWS_LAMBDA_FUNCTION_NAME (SST's errors quote it). */
const FUNCTION_ID: Record<FunctionName, string> = { api: 'Api', dispatch: 'Dispatch', inbound: 'Inbound', sesEvents: 'SesEventsHandler' };

function linkProperties(world: LambdaWorld): Record<LinkName, Record<string, string>> {
  return {
    MendTable: { name: world.tableName, type: 'sst.aws.Dynamo' },
    SigningSecret: { value: world.signingSecret, type: 'sst.sst.Secret' },
    // Its placeholder: no rotation yet (infra/secrets.ts).
    SigningSecretPrevious: { value: 'none', type: 'sst.sst.Secret' },
    AdminToken: { value: world.adminToken, type: 'sst.sst.Secret' },
    MendEmail: { sender: world.fromAddress, configSet: 'mend-test', type: 'sst.aws.Email' },
    InboundBucket: { name: world.bucket, type: 'sst.aws.Bucket' },
  };
}

/** The environment of a deployed function, as infra/ and SST set it, pointed at the embedded services. */
export function lambdaEnvironment(fn: FunctionName, world: LambdaWorld, opts: InvokeOptions, cwd: string): Record<string, string> {
  const props = linkProperties(world);
  const linked: Record<string, Record<string, string>> = {};
  for (const name of FUNCTION_LINKS[fn]) {
    if (opts.omit?.includes(name)) continue;
    linked[name] = { ...props[name], ...opts.linkValues?.[name] };
  }
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    NODE_ENV: undefined,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    // The Lambda runtime's own variables.
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    AWS_LAMBDA_FUNCTION_NAME: `mend-test-${FUNCTION_ID[fn]}Function`,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    LAMBDA_TASK_ROOT: cwd,
    // Credentials the role would give; s3rver wants exactly these, the others take anything.
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    // The SDK's own endpoint overrides: no code path differs from AWS.
    AWS_ENDPOINT_URL_DYNAMODB: world.dynamoUrl,
    AWS_ENDPOINT_URL_SESV2: world.sesUrl,
    AWS_ENDPOINT_URL_S3: world.s3Url,
    // infra/config.ts functionEnvironment().
    MEND_PUBLIC_URL: world.publicUrl,
    MEND_FROM: world.fromAddress,
    MEND_REPLY_DOMAIN: world.replyDomain,
    MEND_POSTAL_ADDRESS: 'Mend, 1 Example Lane, Springfield, USA',
    MEND_AUTHOR_NAME: 'Mend',
    MEND_CONFIGURATION_SET: 'mend-test',
    // SST: the app, then the links.
    SST_RESOURCE_App: JSON.stringify({ name: 'mend', stage: 'test' }),
  };
  if ((opts.links ?? 'file') === 'file') {
    const key = randomBytes(32);
    const cipher = createCipheriv('aes-256-gcm', key, Buffer.alloc(12, 0));
    const sealed = Buffer.concat([cipher.update(JSON.stringify(linked)), cipher.final(), cipher.getAuthTag()]);
    writeFileSync(join(cwd, 'resource.enc'), sealed);
    env.SST_KEY = key.toString('base64');
    env.SST_KEY_FILE = 'resource.enc';
  } else {
    for (const [name, value] of Object.entries(linked)) env[`SST_RESOURCE_${name}`] = JSON.stringify(value);
  }
  for (const [k, v] of Object.entries(opts.env ?? {})) env[k] = v;
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

/** Loads `bundle` in a fresh Node process and invokes its handler with each event in turn. */
export async function invokeBundle(
  fn: FunctionName,
  bundle: string,
  events: unknown[],
  world: LambdaWorld,
  opts: InvokeOptions = {},
): Promise<Invocation> {
  // The function's working directory, as /var/task is: resource.enc sits here (SST_KEY_FILE is relative).
  const cwd = mkdtempSync(join(tmpdir(), `mend-${fn}-`));
  try {
    const env = lambdaEnvironment(fn, world, opts, cwd);
    const eventsFile = join(cwd, 'events.json');
    const resultFile = join(cwd, 'result.json');
    writeFileSync(eventsFile, JSON.stringify(events));
    const started = performance.now();
    const logs = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [runner, bundle, eventsFile, resultFile], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      child.once('error', reject);
      child.once('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`lambda runner exited ${code}:\n${out}`))));
    });
    const processMs = performance.now() - started;
    const result = JSON.parse(readFileSync(resultFile, 'utf8')) as Omit<Invocation, 'logs' | 'processMs'>;
    return { ...result, logs, processMs };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}
