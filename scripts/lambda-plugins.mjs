/**
 * The esbuild plugins every Mend Lambda bundle is built with: by `npm run build:lambdas`
 * (scripts/build-lambdas.ts, what the tests and the bench run) and by SST at deploy time
 * (infra/links.ts sets `nodejs.plugins` to this file), so what is deployed is what was tested.
 *
 * 1. precompiled-emails: functions/core/mailer/template-source.ts (live React rendering) is replaced by
 *    the generated artifact of every email template precompiled (scripts/precompile-emails.ts). The
 *    bundles then carry no React, react-dom/server, prettier or lesson components.
 * 2. zod-namespace: `import { z } from 'zod'` in our sources becomes `import * as z from 'zod'`.
 *    zod's root re-exports its namespace as a value (`export { z }`), which esbuild cannot tree-shake:
 *    every locale and the JSON-schema code come along (about 455 KB instead of 85 KB).
 * 3. local-only: functions/api/routes/dev.ts (dev clock, POST /dev/inbound and with it mailparser) is
 *    replaced by a stub. The Lambda never mounts it (`createApp(ctx, { dev: false })`); the stub
 *    throws if anything ever tried. Likewise functions/api/routes/admin/mounted.ts (the author's side
 *    mounted directly, as the local runtime does): the api Lambda loads it on its first author
 *    request instead (createApp's `authorSideOnFirstUse`), so its cold start carries none of it.
 *
 * 4. electrodb-models-checked: ElectroDB checks each entity's model against a JSON schema (the
 *    `jsonschema` package, 30 KB) every time an entity is constructed, which in a Lambda is every cold
 *    start, for models that are constants in our code. The check runs unbundled in every test and
 *    every `npm start` (each builds every entity unbundled), so in the bundles
 *    `jsonschema` is replaced by a validator that accepts (scripts/lambda-stubs/jsonschema.cjs).
 *
 * Filters are `.*` with the match inside the callback on purpose: SST's plugin bridge
 * (.sst/platform/functions/nodejs-runtime/plugin.mjs) tests each filter against `msg.path`, which
 * is undefined there, so a narrower filter would never fire under `sst deploy`.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const root = dirname(dirname(fileURLToPath(import.meta.url)));
/** Where the precompiled templates are written (git-ignored with the bundles). */
export const templatesArtifact = join(root, '.lambda', 'gen', 'template-source.mjs');

const ours = (path) => typeof path === 'string' && (path.startsWith(join(root, 'functions') + sep) || path.startsWith(join(root, 'emails') + sep));

/** Runs the precompile in its own process: it needs tsx for the TSX lessons, and SST's plugin host is plain node. */
async function precompile(artifact) {
  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  await promisify(execFile)(tsx, [join(root, 'scripts', 'precompile-emails.ts'), artifact], { cwd: root });
}

/**
 * @typedef {{ artifact?: string, artifactReady?: boolean }} Options
 * artifact: where the generated module is (default templatesArtifact); artifactReady: the caller has
 * just written it (build-lambdas.ts), otherwise it is generated once per process (SST).
 * @param {Options} [opts]
 */
export function precompiledEmails(opts = {}) {
  const artifact = opts.artifact ?? templatesArtifact;
  let ready = opts.artifactReady ? Promise.resolve() : undefined;
  return {
    name: 'mend-precompiled-emails',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (!/(^|\/)template-source\.js$/.test(args.path) || !ours(args.importer)) return undefined;
        ready ??= precompile(artifact);
        await ready;
        return { path: artifact };
      });
    },
  };
}

const ZOD_NAMED = /import\s*\{\s*z\s*\}\s*from\s*(['"])zod\1/g;

export function zodNamespace() {
  return {
    name: 'mend-zod-namespace',
    setup(build) {
      build.onLoad({ filter: /.*/ }, async (args) => {
        if (!ours(args.path) || !/\.tsx?$/.test(args.path)) return undefined;
        const source = await readFile(args.path, 'utf8');
        const contents = source.replace(ZOD_NAMED, "import * as z from 'zod'");
        if (contents === source) return undefined;
        return {
          contents,
          loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts',
          resolveDir: dirname(args.path),
        };
      });
    },
  };
}

const LOCAL_ONLY = {
  [join(root, 'functions', 'api', 'routes', 'dev.ts')]: join(root, 'scripts', 'lambda-stubs', 'dev-routes.mjs'),
  [join(root, 'functions', 'api', 'routes', 'admin', 'mounted.ts')]: join(root, 'scripts', 'lambda-stubs', 'author-side-mounted.mjs'),
};

export function localOnly() {
  return {
    name: 'mend-local-only',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (!ours(args.importer) || !/^\.\.?\//.test(args.path)) return undefined;
        const target = join(dirname(args.importer), args.path).replace(/\.js$/, '.ts');
        const stub = LOCAL_ONLY[target];
        return stub ? { path: stub } : undefined;
      });
    },
  };
}

const ELECTRODB = `${sep}node_modules${sep}electrodb${sep}`;

export function electrodbModelsChecked() {
  return {
    name: 'mend-electrodb-models-checked',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.path !== 'jsonschema' || typeof args.importer !== 'string' || !args.importer.includes(ELECTRODB)) return undefined;
        return { path: join(root, 'scripts', 'lambda-stubs', 'jsonschema.cjs') };
      });
    },
  };
}

/** @param {Options} [opts] */
export const lambdaPlugins = (opts = {}) => [precompiledEmails(opts), zodNamespace(), localOnly(), electrodbModelsChecked()];

export default lambdaPlugins();
