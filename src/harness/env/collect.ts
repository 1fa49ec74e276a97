import type * as Tf from '@tensorflow/tfjs';
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { BACKEND_ORDER, type BackendName } from '../../library/backend/types';
import { nativeRecord } from '../../library/native/index';
import { fileSha256 } from './digest';
import { jupyterVersions, npmVersion, osDistro, packageVersions, SYSTEM_PYTHON } from './system';
import { LOCK_VERSION, type Environment } from './types';

/** Options of {@link collectEnvironment}. */
export interface CollectOptions {
  /** Project root holding package-lock.json and node_modules. Default: nearest folder up from cwd with a package.json. */
  root?: string;
  /** Python whose Jupyter packages are recorded. Default: `/usr/bin/python3` (Debian's). */
  python?: string;
}

/**
 * Measures the running environment: Node, npm, OS, the lockfile's digest, installed package
 * versions, which TF.js backends really work (each is activated and runs an op; the previously
 * active backend is restored, or the first that works is left active) and the Jupyter stack.
 * Takes about 1 s.
 */
export async function collectEnvironment(opts: CollectOptions = {}): Promise<Environment> {
  const root = opts.root ?? findProjectRoot();
  // Loaded here, not at the top: every CLI command imports this module, and only `env` needs TF.js (~0.5 s to load).
  const [tf, { probeBackends }] = await Promise.all([import('@tensorflow/tfjs'), import('../../library/backend/index')]);
  const [npm, jupyter, attempts] = await Promise.all([npmVersion(), jupyterVersions(opts.python ?? SYSTEM_PYTHON), probeBackends()]);
  const tfjsBackends = {} as Record<BackendName, boolean>;
  for (const name of BACKEND_ORDER) tfjsBackends[name] = attempts.some((a) => a.name === name && a.ok);
  const native = nativeRecord();
  return {
    lockVersion: LOCK_VERSION,
    strict: {
      node: process.version,
      npm,
      os: { platform: process.platform, arch: process.arch, distro: osDistro() },
      packageLockSha256: fileSha256(join(root, 'package-lock.json')),
      packages: packageVersions(root),
      tfjsBackends,
      native: { on: native !== null, blas: native?.blas ?? null, threads: native?.threads ?? null },
      jupyter,
    },
    info: {
      kernelRelease: os.release(),
      cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
      cpuCores: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      gpu: nativeGpu(tf, tfjsBackends.tensorflow),
    },
  };
}

/** Nearest folder from `start` upwards that holds a package.json; `start` itself when none does. */
export function findProjectRoot(start: string = process.cwd()): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(start);
    dir = parent;
  }
}

// The native backend knows whether TensorFlow put ops on a GPU (tfjs-node's isUsingGpuDevice).
function nativeGpu(tf: typeof Tf, nativeWorks: boolean): boolean | null {
  if (!nativeWorks) return null;
  const backend = tf.engine().registry.tensorflow as unknown as { isUsingGpuDevice?: boolean } | undefined;
  return backend ? Boolean(backend.isUsingGpuDevice) : null;
}
