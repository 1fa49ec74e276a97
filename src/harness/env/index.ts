// Environment lock (environment.lock) and the run manifest every results JSON carries.
export { collectEnvironment, findProjectRoot, type CollectOptions } from './collect';
export { formatLock, parseLock, readLock, writeLockFile, LOCK_FILE } from './lock-file';
export { checkEnvironment, compareEnvironments, formatDifference, type CheckOptions } from './check';
export { runManifest, type RunManifest, type RunManifestInput, type RunManifestOptions } from './manifest';
export { gitState, type GitState } from './git';
export { sha256, fileSha256 } from './digest';
export { LOCKED_PACKAGES, JUPYTER_MODULES, SYSTEM_PYTHON } from './system';
export { LOCK_VERSION, type Environment, type Difference, type LockValue } from './types';
