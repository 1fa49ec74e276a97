import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { invalid } from '../errors/index';
import type { NativeBinding } from './binding';

/** `PAPERLAB_NATIVE=off` turns the native path off: the wasm/JS kernels and solvers run instead. */
export const NATIVE_ENV_VAR = 'PAPERLAB_NATIVE';
/** Thread count of the native path (OpenBLAS and the addon's loops); default: every core. */
export const THREADS_ENV_VAR = 'PAPERLAB_THREADS';

/** Where the sources and node-gyp's output live; setup (src/cli/setup/native.ts) builds here. */
export const NATIVE_DIR = __dirname;
export const ADDON_PATH = join(NATIVE_DIR, 'build', 'Release', 'paperlab_native.node');
/** Written by setup after a build: the digest of the sources it built from. */
export const STAMP_PATH = join(NATIVE_DIR, 'build', 'sources.sha256');

/**
 * Whether the native path runs in this process, and what it runs on (null when off), or why it is
 * off (null when on). One flat shape, not a union: tslab compiles cells non-strict, where a union
 * on `on` does not narrow.
 */
export interface NativeStatus {
  on: boolean;
  blas: string | null;
  threads: number | null;
  addon: string | null;
  reason: string | null;
}

const off = (reason: string): NativeStatus => ({ on: false, blas: null, threads: null, addon: null, reason });

interface State {
  binding?: NativeBinding;
  status?: NativeStatus;
  printed?: boolean;
}

// On globalThis: tslab re-evaluates src modules; every copy must share one addon and one status.
const STATE_KEY = Symbol.for('paperlab.native.state');

function state(): State {
  const g = globalThis as unknown as Record<symbol, State | undefined>;
  return (g[STATE_KEY] ??= {});
}

/** The addon when the native path is on, else undefined (the caller takes its wasm/JS path). */
export function nativeBinding(): NativeBinding | undefined {
  load();
  return state().binding;
}

/** Whether the native path is on, with its BLAS and thread count, or why it is off. */
export function nativeStatus(): NativeStatus {
  load();
  return state().status!;
}

/** The native path as records and manifests name it; null when it is off. */
export function nativeRecord(status: NativeStatus = nativeStatus()): { blas: string; threads: number } | null {
  return status.on && status.blas !== null && status.threads !== null ? { blas: shortBlas(status.blas), threads: status.threads } : null;
}

/** The one line that says which path runs, e.g. `paperlab: native compute on (OpenBLAS 0.3.21 Haswell, 2 threads)`. */
export function nativeLine(status: NativeStatus = nativeStatus()): string {
  if (!status.on || status.blas === null) return `paperlab: native compute off (${status.reason}): wasm/JS kernels and solvers run`;
  return `paperlab: native compute on (${shortBlas(status.blas)}, ${status.threads} thread${status.threads === 1 ? '' : 's'})`;
}

/**
 * Prints {@link nativeLine} once per process, to stderr (a diagnostic: a CLI's stdout stays its
 * result; a notebook shows it in the cell's output). The first use of the native path (or the
 * first question about it) calls this, so every log says which path ran.
 */
export function announceNative(log: (line: string) => void = (line) => console.error(line)): void {
  const s = state();
  if (s.printed) return;
  s.printed = true;
  log(nativeLine());
}

/** The digest setup writes beside the build: sources, node-addon-api's and Node's versions. */
export function sourcesDigest(): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(NATIVE_DIR).filter((f) => /\.(cc|h|gyp)$/.test(f)).sort()) {
    hash.update(`${name}\0`).update(readFileSync(join(NATIVE_DIR, name))).update('\0');
  }
  hash.update(`node ${process.versions.node} napi ${process.versions.napi}`);
  return hash.digest('hex');
}

function load(): void {
  if (state().status) return;
  decide();
  announceNative();
}

/** Whether `PAPERLAB_NATIVE` turns the native path off (`off`, `0` or `false`, any case). */
export function nativeTurnedOff(): boolean {
  const setting = process.env[NATIVE_ENV_VAR]?.trim().toLowerCase();
  return setting === 'off' || setting === '0' || setting === 'false';
}

function decide(): void {
  const s = state();
  if (nativeTurnedOff()) {
    s.status = off(`${NATIVE_ENV_VAR}=${process.env[NATIVE_ENV_VAR]}`);
    return;
  }
  if (!existsSync(ADDON_PATH)) {
    s.status = off('addon not built: run npx tsx src/cli/setup/native.ts');
    return;
  }
  // An addon built from other sources would run code this checkout does not hold.
  const stamp = existsSync(STAMP_PATH) ? readFileSync(STAMP_PATH, 'utf8').trim() : '';
  if (stamp !== sourcesDigest()) {
    s.status = off('addon built from other sources: run npx tsx src/cli/setup/native.ts');
    return;
  }
  const threads = threadCount();
  // OpenMP reads its settings when the addon loads: idle OpenMP threads must not spin on the cores
  // OpenBLAS's threads need (2 cores here).
  process.env.OMP_WAIT_POLICY ??= 'passive';
  try {
    const binding = require(ADDON_PATH) as NativeBinding;
    binding.setThreads(threads);
    const info = binding.info();
    s.binding = binding;
    s.status = { on: true, blas: info.blas, threads: info.threads, addon: ADDON_PATH, reason: null };
  } catch (err) {
    s.status = off(`addon failed to load (${String((err as Error).message).split('\n')[0]})`);
  }
}

function threadCount(): number {
  const raw = process.env[THREADS_ENV_VAR]?.trim();
  if (!raw) return availableParallelism();
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw invalid(THREADS_ENV_VAR, 'a whole number >= 1', raw);
  return n;
}

// 'OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64' -> 'OpenBLAS 0.3.21 Haswell'
function shortBlas(config: string): string {
  const words = config.trim().split(/\s+/);
  const core = words.find((w, i) => i > 1 && !/^(NO_|DYNAMIC_ARCH|MAX_THREADS|USE_)/.test(w));
  return [words[0], words[1], core].filter(Boolean).join(' ');
}
