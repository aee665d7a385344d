import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

export interface ServicePair {
  dynamoUrl: string;
  sesUrl: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** One pair of embedded services per test worker: test files pick theirs with `services()` (helpers/services.ts). */
    services: ServicePair[];
    /** The first worker's pair, for code that does not pick (kept for tests written before there were several). */
    dynamoUrl: string;
    sesUrl: string;
    /** A folder for this run only: test files that share a seeded world coordinate through it. */
    runDir: string;
  }
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let children: ChildProcess[] = [];
let runDir: string | undefined;

/** Starts one service pair in a process of its own and waits for its URLs. */
function startPair(): Promise<{ child: ChildProcess; pair: ServicePair }> {
  const child = spawn(process.execPath, ['--max-semi-space-size=64', '--import', 'tsx', join(ROOT, 'test/helpers/service-pair.ts')], {
    cwd: ROOT,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolve({ child, pair: JSON.parse(line!) as ServicePair });
    });
    child.once('exit', (code) => reject(new Error(`the embedded services exited (${code}) before they started`)));
  });
}

/**
 * The real embedded services, one dynalite and one SES emulator per test worker, each pair in a
 * process of its own: two workers then use both cores without queueing on one services process,
 * and each emulator's store holds only its own worker's mail (a shared one grew with the whole
 * run). Each test file still gets its own table.
 */
export async function setup(project: TestProject) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const workers = Math.max(1, Number(project.config.maxWorkers) || availableParallelism());
  const pairs = (await Promise.all(Array.from({ length: workers }, () => startPair()))).map((p) => p.pair);
  project.provide('services', pairs);
  project.provide('dynamoUrl', pairs[0]!.dynamoUrl);
  project.provide('sesUrl', pairs[0]!.sesUrl);
  runDir = mkdtempSync(join(tmpdir(), 'mend-test-run-'));
  project.provide('runDir', runDir);
}

export async function teardown() {
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          c.once('exit', () => resolve());
          c.kill('SIGTERM');
        }),
    ),
  );
  children = [];
  if (runDir) rmSync(runDir, { recursive: true, force: true });
}
