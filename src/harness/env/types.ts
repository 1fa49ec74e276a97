import type { BackendName } from '../../library/backend/index';

/** Version of the lock layout; bump when keys move so old locks fail loudly, not silently. */
export const LOCK_VERSION = 1;

/**
 * What `environment.lock` records. Keys under `strict` must match exactly for results to be
 * comparable; keys under `info` describe the machine and never fail a check. Nothing that varies
 * between machines of the same kind (hostname, free memory, uptime, paths) is recorded.
 */
export interface Environment {
  lockVersion: number;
  strict: {
    /** `process.version`, e.g. `v20.20.2`. */
    node: string;
    /** `npm --version`; null when npm is not on PATH. */
    npm: string | null;
    os: { platform: string; arch: string; distro: string | null };
    /** sha256 (hex) of package-lock.json; null when there is none. */
    packageLockSha256: string | null;
    /** Installed versions read from node_modules/<name>/package.json; null = not installed. */
    packages: Record<string, string | null>;
    /** Which TF.js backends register and compute a known matMul here. */
    tfjsBackends: Record<BackendName, boolean>;
    /**
     * Whether paperlab's native compute path (src/library/native) is on here, the BLAS it links and
     * its thread count (PAPERLAB_THREADS, default every core): results are bit-identical per backend,
     * path and thread count (LAPACK's blocked routines split work by thread), so a run on another
     * is not comparable bit for bit.
     */
    native: { on: boolean; blas: string | null; threads: number | null };
    /** Debian's Python (`/usr/bin/python3`) and its Jupyter packages; null = not importable. */
    jupyter: Record<string, string | null>;
  };
  info: {
    /** `uname -r`: machines of one kind may run different kernel builds. */
    kernelRelease: string;
    cpuModel: string;
    cpuCores: number;
    /** Total memory rounded to whole GiB. */
    memoryGiB: number;
    /** Whether the native backend placed ops on a GPU; null when no native backend loads. */
    gpu: boolean | null;
  };
}

/** A lock value after flattening: every leaf of {@link Environment} is one of these. */
export type LockValue = string | number | boolean | null;

/** One key whose locked and actual values differ. `undefined` means the key is absent on that side. */
export interface Difference {
  /** Dotted path inside its section, e.g. `packages.@tensorflow/tfjs` or `os.distro`. */
  key: string;
  locked: LockValue | undefined;
  actual: LockValue | undefined;
  /** True for `strict` keys (the check fails); false for `info` keys (reported only). */
  strict: boolean;
}
