import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startDynalite, startSes, type Service } from '../../functions/local/services.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoUrl: string;
    sesUrl: string;
    /** A folder for this run only: test files that share a seeded world coordinate through it. */
    runDir: string;
  }
}

let services: Service[] = [];
let runDir: string | undefined;

/** The real embedded services, started once for the whole suite; each test file gets its own table. */
export async function setup(project: TestProject) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const dynamo = await startDynalite();
  const ses = await startSes();
  services = [dynamo, ses];
  project.provide('dynamoUrl', dynamo.url);
  project.provide('sesUrl', ses.url);
  runDir = mkdtempSync(join(tmpdir(), 'mend-test-run-'));
  project.provide('runDir', runDir);
}

export async function teardown() {
  for (const s of services) await s.close();
  if (runDir) rmSync(runDir, { recursive: true, force: true });
}
