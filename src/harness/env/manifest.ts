import { join } from 'node:path';
import type { BackendInfo } from '../../library/backend/index';
import { invalid } from '../../library/errors/index';
import { nativeRecord } from '../../library/native/index';
import type { NativeRecord } from '../../library/results/index';
import { findProjectRoot } from './collect';
import { fileSha256 } from './digest';
import { LOCK_FILE } from './lock-file';
import { gitState, type GitState } from './git';

/** What a run supplies to {@link runManifest}. */
export interface RunManifestInput {
  /** The run's parameters; must survive JSON (they are written into the results file). */
  parameters: Record<string, unknown>;
  /** Root seed of the run (see src/library/random). */
  seed: number | string;
  /** Backend used; default: the last choice of `useBackend()` (null if none was made). */
  backend?: BackendInfo | string | null;
  /**
   * The native compute path that ran (null: the wasm/JS path; undefined: unknown, e.g. results
   * from before it existed). Default: this process's own path.
   */
  native?: NativeRecord | null | undefined;
  /** Start and end of the run (Date or ISO 8601 text). */
  startedAt: Date | string;
  endedAt: Date | string;
}

/** Options of {@link runManifest}. */
export interface RunManifestOptions {
  /** Folder inside the git repository and holding environment.lock. Default: project root from cwd. */
  root?: string;
  /** Lock whose digest is recorded. Default: `<root>/environment.lock`. */
  lockPath?: string;
}

/** The provenance block every results JSON carries. Holds no hostname, user name or path. */
export interface RunManifest {
  manifestVersion: 1;
  git: GitState;
  /** sha256 (hex) of environment.lock's bytes; null when there is no lock. */
  environmentLockSha256: string | null;
  backend: { name: string; tfjsVersion: string | null; gpu: boolean | null } | null;
  /** Whether the native compute path ran, its BLAS and thread count (on null: not recorded; absent in manifests from before it existed). */
  native?: { on: boolean | null; blas: string | null; threads: number | null };
  seed: number | string;
  parameters: Record<string, unknown>;
  startedAt: string;
  endedAt: string;
  durationMs: number;
  node: string;
  platform: string;
  arch: string;
}

/**
 * Builds the run manifest: git commit, dirty flag with a digest of `git diff HEAD` and the names of
 * untracked files, the environment lock's digest, the backend, seed, parameters and timing.
 * Synchronous (a few git calls, milliseconds) so a recorder can call it while writing results.
 */
export function runManifest(input: RunManifestInput, opts: RunManifestOptions = {}): RunManifest {
  const startedAt = toIso(input.startedAt, 'runManifest startedAt');
  const endedAt = toIso(input.endedAt, 'runManifest endedAt');
  const durationMs = Date.parse(endedAt) - Date.parse(startedAt);
  if (durationMs < 0) throw invalid('runManifest endedAt', `a time not before startedAt (${startedAt})`, endedAt);
  if (typeof input.seed === 'number' ? !Number.isInteger(input.seed) : typeof input.seed !== 'string') {
    throw invalid('runManifest seed', 'an integer or a string', input.seed);
  }
  const root = opts.root ?? findProjectRoot();
  return {
    manifestVersion: 1,
    git: gitState(root),
    environmentLockSha256: fileSha256(opts.lockPath ?? join(root, LOCK_FILE)),
    backend: describeBackend(input.backend === undefined ? activeBackend() : input.backend),
    native: describeNative('native' in input ? input.native : nativeRecord()),
    seed: input.seed,
    parameters: jsonCopy(input.parameters),
    startedAt,
    endedAt,
    durationMs,
    node: process.version,
    platform: process.platform,
    arch: process.arch,
  };
}

/** This process's TF.js backend, loaded only when asked: the harness passes the kernel's, and loading TF.js costs every CLI command ~0.5 s. */
function activeBackend(): BackendInfo | undefined {
  return (require('../../library/backend/index') as typeof import('../../library/backend/index')).backendInfo();
}

function describeNative(n: NativeRecord | null | undefined): NonNullable<RunManifest['native']> {
  if (n === undefined) return { on: null, blas: null, threads: null };
  return n === null ? { on: false, blas: null, threads: null } : { on: true, blas: n.blas, threads: n.threads };
}

function describeBackend(b: BackendInfo | string | null | undefined): RunManifest['backend'] {
  if (!b) return null;
  if (typeof b === 'string') return { name: b, tfjsVersion: null, gpu: null };
  return { name: b.name, tfjsVersion: b.tfjsVersion, gpu: b.gpu };
}

function toIso(value: Date | string, where: string): string {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms)) throw invalid(where, 'a Date or an ISO 8601 time', String(value));
  return new Date(ms).toISOString();
}

// A detached copy that is exactly what JSON will store, so later mutation cannot change the record.
function jsonCopy(parameters: Record<string, unknown>): Record<string, unknown> {
  if (!parameters || typeof parameters !== 'object' || Array.isArray(parameters)) {
    throw invalid('runManifest parameters', 'an object of named parameters', parameters === null ? 'null' : Array.isArray(parameters) ? 'an array' : typeof parameters);
  }
  try {
    return JSON.parse(JSON.stringify(parameters)) as Record<string, unknown>;
  } catch (err) {
    throw invalid('runManifest parameters', 'values that JSON can hold', 'a value it cannot', (err as Error).message);
  }
}
