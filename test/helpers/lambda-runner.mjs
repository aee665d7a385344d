// What the Lambda Node runtime does with a function package, and no more: import the handler
// module (the init phase), then call `handler(event, context)` once per event and await it.
// Run in a fresh process by test/helpers/lambda.ts and bench/lambdas.ts:
//   node lambda-runner.mjs <bundle.mjs> <events.json> <result.json>
// Timings are written next to the results; the handler's own logs go to stdout/stderr.
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const [bundle, eventsFile, resultFile] = process.argv.slice(2);
const events = JSON.parse(readFileSync(eventsFile, 'utf8'));
const out = { initMs: 0, invocations: [] };
const errorOf = (e) => ({ name: e?.name ?? 'Error', message: String(e?.message ?? e) });

// CPU time beside wall time: on a machine shared with other work, wall time mostly measures waiting.
const cpuMs = (since) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};
const started = performance.now();
const startedCpu = process.cpuUsage();
let mod;
try {
  mod = await import(pathToFileURL(bundle).href);
} catch (e) {
  out.initError = errorOf(e);
}
out.initMs = performance.now() - started;
out.initCpuMs = cpuMs(startedCpu);

if (mod) {
  for (const [i, event] of events.entries()) {
    const t = performance.now();
    const tCpu = process.cpuUsage();
    // The function's time limit as the runtime would count it down (a test can give it less).
    const deadline = Date.now() + Number(process.env.LAMBDA_TEST_TIMEOUT_MS || 60_000);
    const context = {
      functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
      functionVersion: '$LATEST',
      memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
      awsRequestId: `req-${process.pid}-${i}`,
      invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${process.env.AWS_LAMBDA_FUNCTION_NAME}`,
      logGroupName: `/aws/lambda/${process.env.AWS_LAMBDA_FUNCTION_NAME}`,
      logStreamName: 'local',
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => deadline - Date.now(),
    };
    try {
      const result = await mod.handler(event, context);
      out.invocations.push({ ok: true, result: result ?? null, ms: performance.now() - t, cpuMs: cpuMs(tCpu) });
    } catch (e) {
      out.invocations.push({ ok: false, error: errorOf(e), ms: performance.now() - t, cpuMs: cpuMs(tCpu) });
    }
  }
}
writeFileSync(resultFile, JSON.stringify(out));
// Lambda freezes the process after the response; here it simply ends, open sockets or not.
process.exit(0);
