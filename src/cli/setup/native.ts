/**
 * Builds paperlab's native compute addon (src/library/native) with node-gyp against Debian's
 * OpenBLAS, LAPACKE and oneDNN; run by `npm start`, `npm test` and `npm run notebook` after
 * system.sh. Costs nothing when the build is current (its stamp matches the sources). Never fails
 * the setup: when the addon cannot build it prints one line, and the wasm/JS path runs.
 *   tsx src/cli/setup/native.ts [--force]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ADDON_PATH, NATIVE_ENV_VAR, STAMP_PATH, nativeTurnedOff, sourcesDigest } from '../../library/native/load';

const NATIVE_DIR = dirname(dirname(dirname(ADDON_PATH)));

function main(force: boolean): number {
  if (nativeTurnedOff()) {
    console.error(`paperlab setup: native compute not built (${NATIVE_ENV_VAR}=${process.env[NATIVE_ENV_VAR]}): the wasm/JS path runs`);
    return 0;
  }
  const digest = sourcesDigest();
  if (buildIsCurrent(digest) && !force) return 0;
  return build(digest);
}

/**
 * Rebuilds the addon when its sources changed since the last build (a pull, an edit of a .cc
 * file), before a command starts kernels: otherwise every replay would quietly take the wasm/JS
 * fallback, slower and on other accepted results. Silent when current or turned off; a rebuild
 * prints setup's own line (built, or why not). Never throws.
 */
export function rebuildNativeIfStale(): void {
  if (nativeTurnedOff()) return;
  const digest = sourcesDigest();
  if (!buildIsCurrent(digest)) build(digest);
}

function buildIsCurrent(digest: string): boolean {
  return existsSync(ADDON_PATH) && existsSync(STAMP_PATH) && readFileSync(STAMP_PATH, 'utf8').trim() === digest;
}

function build(digest: string): number {
  const missing = missingTools();
  if (missing) return fallback(missing);
  const t0 = Date.now();
  const log = join(tmpdir(), `paperlab-native-build-${process.pid}.log`);
  rmSync(STAMP_PATH, { force: true }); // a failed build must not leave a stamp that vouches for it
  const gyp = require.resolve('node-gyp/bin/node-gyp.js');
  const res = spawnSync(process.execPath, [gyp, 'rebuild', '--directory', NATIVE_DIR, `--nodedir=${nodeDir()}`, '--jobs=max'], {
    encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'warn' },
  });
  if (res.status !== 0 || !existsSync(ADDON_PATH)) {
    writeFileSync(log, `${res.stdout ?? ''}\n${res.stderr ?? ''}`);
    const error = firstError(`${res.stdout}\n${res.stderr}`);
    return fallback(`the build failed: ${error} (log: ${log})`);
  }
  mkdirSync(dirname(STAMP_PATH), { recursive: true });
  writeFileSync(STAMP_PATH, `${digest}\n`);
  console.error(`paperlab setup: native compute built in ${((Date.now() - t0) / 1000).toFixed(1)} s (${ADDON_PATH})`);
  return 0;
}

// The one line of a failed or impossible build; the setup still succeeds.
function fallback(why: string): number {
  console.error(`paperlab setup: native compute not built (${why}): the wasm/JS path runs`);
  return 0;
}

// node-gyp compiles against the running Node's own headers (Debian's nodejs has them under
// /usr/include/node); it would otherwise try to download them, which fails offline.
function nodeDir(): string {
  return dirname(dirname(process.execPath));
}

function missingTools(): string | undefined {
  const headers = join(nodeDir(), 'include', 'node', 'node_api.h');
  if (!existsSync(headers)) return `no Node headers at ${headers}`;
  for (const tool of ['g++', 'make']) {
    if (spawnSync('/bin/sh', ['-c', `command -v ${tool}`]).status !== 0) return `no ${tool}`;
  }
  for (const header of ['/usr/include/x86_64-linux-gnu/openblas-pthread/cblas.h', '/usr/include/lapacke.h', '/usr/include/dnnl.hpp']) {
    if (!existsSync(header)) return `no ${header}: apt-get install libopenblas-dev liblapacke-dev libdnnl-dev`;
  }
  return undefined;
}

function firstError(output: string): string {
  const line = output.split('\n').find((l) => /error/i.test(l) && !/^gyp (ERR|info)/.test(l)) ?? output.split('\n').find((l) => /ERR!/.test(l));
  return (line ?? 'no output').trim().slice(0, 160);
}

if (require.main === module) process.exitCode = main(process.argv.includes('--force'));
