import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import HeavyFirst from './sequencer.js';

/**
 * Two projects. `unit`: pure modules (engine, time, tokens, compile, reports' arithmetic, the
 * data model), no services, seconds: `npm run test:unit` while working. `stack`: everything that
 * needs the embedded services (dynalite, the SES emulator, real HTTP), started once by the global
 * setup. `npm test` runs both.
 */
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    // One module graph per worker, not per file: every stack file imports the whole app (the AWS
    // SDK, React, the course), ~3 s a file here, and the JIT stays warm from one file to the next.
    // Safe because test files share no module state that matters (no vi.mock; stubbed env is unstubbed).
    isolate: false,
    // A larger young generation: a test worker allocates fast (the AWS SDK's per-request objects)
    // and with Node's default 16 MB semi-spaces spends ~5% of its CPU in scavenges.
    execArgv: ['--max-semi-space-size=64'],
    // One worker more than there are cores (vitest's default is cores - 1): each has its own pair of
    // embedded services (helpers/global-setup.ts), and the long simulations start first
    // (sequencer.ts). With two workers on two cores, a worker waiting (a spawned process starting,
    // a retry's real-time backoff, a browser) left a core idle: a third kept both busy (vmstat:
    // 97-100%) and the suite took 245.6 s instead of 266.6 s, back to back on 2026-12-02.
    // MEND_TEST_WORKERS overrides it (the projects inherit this value, which wins over --maxWorkers).
    maxWorkers: Number(process.env.MEND_TEST_WORKERS) || availableParallelism() + 1,
    sequence: { sequencer: HeavyFirst },
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.unit.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'stack',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.unit.test.ts'],
          globalSetup: ['test/helpers/global-setup.ts'],
          setupFiles: ['test/helpers/fresh-inbox.ts'],
          // Files run in parallel, each worker against its own embedded services.
          fileParallelism: true,
        },
      },
    ],
  },
});
