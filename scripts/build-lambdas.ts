/**
 * npm run build:lambdas: bundles every Lambda handler the way SST 4 does for a Node function, into
 * .lambda/<function>/handler.mjs (git-ignored), and prints each bundle's size and what weighs most.
 *
 * SST's options (its Go runtime build, pkg/runtime/node/build.go, checked against the 4.17 binary):
 * esbuild, bundle, platform node, ESM (.mjs), minified, keepNames, mainFields module,main, `sharp`
 * and `pg-native` external, no source map on deploy, and a banner that gives ESM code `require`,
 * `__filename` and `__dirname` (CommonJS dependencies need them). Target: node22, as infra sets it
 * for the nodejs22.x runtime. The AWS SDK is bundled, as SST does by default (see README, "The
 * production path"). Plugins: scripts/lambda-plugins.mjs, which SST uses too.
 *
 *   tsx scripts/build-lambdas.ts [--external-sdk] [--no-splitting] [--out DIR]
 */
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import type { FunctionName } from '../functions/runtime/links.js';
// @ts-expect-error plain ESM shared with SST (no types)
import { lambdaPlugins } from './lambda-plugins.mjs';
import { precompileEmails, type Precompiled } from './precompile-emails.js';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
export const defaultOutDir = join(root, '.lambda');

/** Each function's handler module, as infra/*.ts names it (`handler: '<path>.handler'`). */
export const LAMBDAS: Record<FunctionName, string> = {
  api: 'functions/api/lambda.ts',
  dispatch: 'functions/cron/dispatch.ts',
  inbound: 'functions/inbound/lambda.ts',
  sesEvents: 'functions/ses-events/lambda.ts',
};

/** SST's banner, verbatim. */
export const SST_BANNER = [
  `import { createRequire as topLevelCreateRequire } from 'module';`,
  `const require = topLevelCreateRequire(import.meta.url);`,
  `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
  `const __filename = topLevelFileUrlToPath(import.meta.url)`,
  `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
].join('\n');

export interface Bundle {
  fn: FunctionName;
  /** Absolute path of the bundle: import it and call `handler`. */
  file: string;
  /** The handler module and the chunks it imports statically: what a cold start loads and compiles. */
  bytes: number;
  /** With the chunks beside it that only a dynamic import() loads: all the package's code. */
  totalBytes: number;
  /** Bytes in the bundle per package (node_modules) or per top folder of our own code, largest first. */
  weights: [string, number][];
}

export interface BuildOptions {
  outDir?: string;
  /** Leave `@aws-sdk/*` and `@smithy/*` to the Lambda runtime's own copy (not what we deploy; for comparison). */
  externalSdk?: boolean;
  /**
   * Code splitting, as infra sets SST's `nodejs.splitting`: what is only reached through a dynamic
   * `import()` (the SDK's credential providers other than the environment's, for one) goes into
   * chunks beside the handler that a cold start never loads. Default true.
   */
  splitting?: boolean;
  /** Write `handler.mjs.map` beside each output (for profiling a cold start; never deployed, never loaded at run time). */
  sourcemap?: boolean;
}

/** The entry's output and every chunk it imports statically, transitively: loaded at cold start. */
function eagerOutputs(meta: Metafile, entry: string): Metafile['outputs'][string][] {
  const [start] = Object.entries(meta.outputs).find(([, o]) => o.entryPoint === entry)!;
  const seen = new Set<string>();
  const walk = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    for (const i of meta.outputs[path]!.imports) if (i.kind === 'import-statement' && !i.external) walk(i.path);
  };
  walk(start);
  return [...seen].map((p) => meta.outputs[p]!);
}

function weighs(outputs: Metafile['outputs'][string][]): [string, number][] {
  const by = new Map<string, number>();
  for (const [path, input] of outputs.flatMap((o) => Object.entries(o.inputs))) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1];
    const key = path.endsWith('gen/template-source.mjs') ? 'email templates (precompiled)' : pkg ?? path.split('/').slice(0, path.startsWith('functions/') ? 3 : 2).join('/');
    by.set(key, (by.get(key) ?? 0) + input.bytesInOutput);
  }
  return [...by.entries()].sort((a, b) => b[1] - a[1]);
}

export async function buildLambdas(opts: BuildOptions = {}): Promise<{ bundles: Bundle[]; templates: Precompiled }> {
  const outDir = resolve(opts.outDir ?? defaultOutDir);
  rmSync(outDir, { recursive: true, force: true });
  const templates = await precompileEmails(join(outDir, 'gen', 'template-source.mjs'));
  const bundles: Bundle[] = [];
  // One at a time: the machine has two cores and other work on them.
  for (const [fn, entry] of Object.entries(LAMBDAS) as [FunctionName, string][]) {
    const file = join(outDir, fn, 'handler.mjs');
    const splitting = opts.splitting ?? true;
    const result = await build({
      absWorkingDir: root,
      entryPoints: { handler: entry },
      ...(splitting ? { splitting: true, outdir: join(outDir, fn), outExtension: { '.js': '.mjs' } } : { outfile: file }),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      mainFields: ['module', 'main'],
      minify: true,
      keepNames: true,
      sourcemap: opts.sourcemap ? 'external' : false,
      metafile: true,
      external: ['sharp', 'pg-native', ...(opts.externalSdk ? ['@aws-sdk/*', '@smithy/*'] : [])],
      banner: { js: SST_BANNER },
      plugins: lambdaPlugins({ artifactReady: true, artifact: templates.file }),
      logLevel: 'warning',
    });
    writeFileSync(join(outDir, fn, 'meta.json'), JSON.stringify(result.metafile));
    const eager = eagerOutputs(result.metafile, entry);
    bundles.push({
      fn,
      file,
      bytes: eager.reduce((n, o) => n + o.bytes, 0),
      totalBytes: Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0),
      weights: weighs(eager),
    });
  }
  return { bundles, templates };
}

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

export function printBundles(bundles: Bundle[], templates: Precompiled): void {
  console.log(
    `email templates: ${templates.templates} precompiled, ${kb(templates.packedChars)} packed (${kb(templates.jsonChars)} as JSON)`,
  );
  for (const b of bundles) {
    const top = b.weights.slice(0, 6).map(([k, v]) => `${k} ${kb(v)}`).join(', ');
    const chunks = b.totalBytes > b.bytes ? ` (+${kb(b.totalBytes - b.bytes)} only import() loads)` : '';
    console.log(`${b.fn.padEnd(10)} ${kb(b.bytes).padStart(8)}${chunks}  ${relative(root, b.file)}   weighs most: ${top}`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  const { bundles, templates } = await buildLambdas({
    externalSdk: args.includes('--external-sdk'),
    splitting: !args.includes('--no-splitting'),
    outDir: outAt >= 0 ? args[outAt + 1] : undefined,
  });
  printBundles(bundles, templates);
}
