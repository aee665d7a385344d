#!/usr/bin/env node
/**
 * Type-checks sst.config.ts and infra/ offline, against the SST platform types.
 *
 *   node scripts/typecheck-infra.mjs            install the platform types if missing, then tsc
 *   node scripts/typecheck-infra.mjs --reinstall  force `sst install` first
 *
 * `sst deploy` needs real AWS; wrong component props are caught here instead. The platform
 * types live in .sst/platform (git-ignored) and are written by `sst install`, which on these
 * machines must skip SST's own Pulumi/Bun download (stack-notes, "SST 4 offline"): about 30 s and
 * ~300 MB of npm packages the first time, nothing afterwards. They are reinstalled when the
 * installed `sst` package version changes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const platform = join(root, '.sst', 'platform');
const configTypes = join(platform, 'config.d.ts');
const bin = (name) => join(root, 'node_modules', '.bin', name);

function run(label, cmd, args, env = {}) {
  console.log(`\n> ${label}\n  $ ${[cmd, ...args].join(' ')}`);
  const started = Date.now();
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (res.error) {
    console.error(`  failed to start ${cmd}: ${res.error.message}`);
    return { ok: false, secs };
  }
  console.log(`  exit ${res.status} after ${secs} s`);
  return { ok: res.status === 0, secs };
}

function readText(path) {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

const wantedSst = JSON.parse(readFileSync(join(root, 'node_modules', 'sst', 'package.json'), 'utf8')).version;
const installedPlatform = readText(join(platform, 'version'));

let reason;
if (process.argv.includes('--reinstall')) reason = '--reinstall given';
else if (!existsSync(configTypes)) reason = '.sst/platform/config.d.ts is missing';
else if (installedPlatform !== wantedSst) reason = `platform types are for sst ${installedPlatform ?? '?'}, node_modules has ${wantedSst}`;

if (reason) {
  console.log(`SST platform types: installing (${reason}).`);
  const sstBin = existsSync(bin('sst')) ? bin('sst') : 'npx';
  const sstArgs = sstBin === 'npx' ? ['sst', 'install', '--stage', 'dev'] : ['install', '--stage', 'dev'];
  const res = run('sst install (SST platform types + Pulumi providers via npm)', sstBin, sstArgs, {
    SST_NO_BUN: '1',
    SST_SKIP_DEPENDENCY_CHECK: '1',
    SST_TELEMETRY_DISABLED: '1',
  });
  if (!res.ok || !existsSync(configTypes)) {
    console.error('\nsst install did not produce .sst/platform/config.d.ts: cannot type-check infra.');
    process.exit(1);
  }
} else {
  console.log(`SST platform types: present (sst ${installedPlatform}).`);
}

const tsc = existsSync(bin('tsc')) ? bin('tsc') : 'npx';
const tscArgs = tsc === 'npx' ? ['tsc', '-p', 'infra/tsconfig.json'] : ['-p', 'infra/tsconfig.json'];
const res = run('tsc over sst.config.ts + infra/ (+ functions/core/db/table.ts)', tsc, tscArgs);
if (!res.ok) {
  console.error('\ninfra type-check FAILED');
  process.exit(1);
}
console.log('\ninfra type-check passed');
