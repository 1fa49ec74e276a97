import * as tf from '@tensorflow/tfjs';
import { PaperlabError, invalid } from '../errors/index';
import { nativeOwner } from './load';
import { activateBackend } from './probe';
import { BACKEND_ORDER, type BackendAttempt, type BackendInfo, type BackendName } from './types';

/** Environment variable that forces a backend: `tensorflow`, `wasm` or `cpu`. */
export const BACKEND_ENV_VAR = 'PAPERLAB_BACKEND';

/** Options of {@link useBackend}. */
export interface UseBackendOptions {
  /** Backend to use instead of the automatic choice; wins over PAPERLAB_BACKEND. Default: none. */
  force?: string;
  /** Where the one-line summary goes. Default: `console.log` (shows in a notebook cell's output). */
  log?: (line: string) => void;
}

interface State {
  info?: BackendInfo;
  printed?: string;
  /** Tail of the queue of choices: concurrent calls must not interleave their setBackend calls. */
  queue?: Promise<unknown>;
}

// On globalThis so the choice survives tslab re-evaluating this module and the results recorder,
// whichever copy of the module it loaded, reads the same record.
const STATE_KEY = Symbol.for('paperlab.backend.state');

function state(): State {
  const g = globalThis as unknown as Record<symbol, State | undefined>;
  return (g[STATE_KEY] ??= {});
}

/** The backend chosen by the last {@link useBackend} call in this process, or undefined before it. */
export function backendInfo(): BackendInfo | undefined {
  return state().info;
}

/**
 * Chooses and activates the TF.js backend: native `tensorflow`, then `wasm`, then `cpu`, taking the
 * first that registers, becomes active and computes a known matMul correctly. `opts.force` or
 * PAPERLAB_BACKEND picks one instead; forcing one that does not work here throws a PaperlabError that
 * names the source and what is available. Prints one summary line per process (again only if the
 * choice changes). A call without a force returns the recorded choice while it is still the active
 * backend, so library code calling `useBackend()` never undoes a notebook's forced choice. Concurrent
 * calls run one after the other. Works unchanged inside a tslab kernel (state lives on globalThis).
 */
export function useBackend(opts: UseBackendOptions = {}): Promise<BackendInfo> {
  return serialised(() => choose(opts));
}

async function choose(opts: UseBackendOptions): Promise<BackendInfo> {
  const request = forcedRequest(opts.force);
  const s = state();
  if (s.info && tf.getBackend() === s.info.name && (!request || request.name === s.info.name)) return s.info;
  const previous = activeBackendName();
  const order: readonly BackendName[] = request ? [request.name] : BACKEND_ORDER;
  const tried: BackendAttempt[] = [];
  for (const name of order) {
    const attempt = await activateBackend(name);
    tried.push(attempt);
    if (attempt.ok) return record(await describe(name, tried, request?.by ?? null), opts.log);
  }
  if (request) throw await unavailable(request, tried[0], previous);
  throw new PaperlabError('no-backend', `paperlab: no TF.js backend works here (${summarise(tried)})`, {
    hint: 'reinstall @tensorflow/tfjs and @tensorflow/tfjs-backend-wasm (npm ci)',
  });
}

/**
 * Tries every backend (for the environment lock) and then restores the backend that was active.
 * Each attempt really activates the backend and runs an op.
 */
export function probeBackends(): Promise<BackendAttempt[]> {
  return serialised(async () => {
    const previous = activeBackendName();
    const attempts: BackendAttempt[] = [];
    for (const name of BACKEND_ORDER) attempts.push(await activateBackend(name));
    // Nothing was active: leave the backend useBackend() would pick, not whichever was probed last.
    await restore(previous ?? attempts.find((a) => a.ok)?.name);
    return attempts;
  });
}

// Runs `job` after every earlier choice or probe has settled (whether it succeeded or not).
function serialised<T>(job: () => Promise<T>): Promise<T> {
  const s = state();
  const run = (s.queue ?? Promise.resolve()).then(job, job);
  s.queue = run.catch(() => undefined);
  return run;
}

/** `tensorflow: not installed; wasm: ok`: the parenthesis of the printed line. */
export function summarise(tried: BackendAttempt[]): string {
  return tried.map((a) => `${a.name}: ${a.reason}`).join('; ');
}

interface Request {
  name: BackendName;
  by: 'option' | 'PAPERLAB_BACKEND';
}

function forcedRequest(force: string | undefined): Request | undefined {
  const fromEnv = process.env[BACKEND_ENV_VAR]?.trim();
  const by = force !== undefined ? 'option' : fromEnv ? BACKEND_ENV_VAR : undefined;
  if (!by) return undefined;
  const value = by === 'option' ? force : fromEnv;
  if (!(BACKEND_ORDER as readonly unknown[]).includes(value)) {
    throw invalid(where(by), `one of ${BACKEND_ORDER.join(', ')}`, String(value));
  }
  return { name: value as BackendName, by };
}

function where(by: Request['by']): string {
  return by === 'option' ? 'useBackend({ force })' : BACKEND_ENV_VAR;
}

// The forced backend failed: find what does work so the error can name it, then put back what ran.
async function unavailable(request: Request, attempt: BackendAttempt, previous: string | undefined): Promise<PaperlabError> {
  const others = BACKEND_ORDER.filter((n) => n !== request.name);
  const working: BackendName[] = [];
  for (const name of others) if ((await activateBackend(name)).ok) working.push(name);
  await restore(previous ?? working[0]);
  const got = `${request.name} (${attempt.reason}${attempt.detail ? `: ${attempt.detail}` : ''})`;
  const fix = request.by === 'option' ? 'drop the force option' : `unset ${BACKEND_ENV_VAR}`;
  return invalid(where(request.by), `a backend that works here (${working.join(', ') || 'none'})`, got,
    `${fix} or choose ${working.join(' or ') || 'another backend'}`);
}

async function describe(name: BackendName, tried: BackendAttempt[], forcedBy: BackendInfo['forcedBy']): Promise<BackendInfo> {
  const native = name === 'tensorflow' ? (tf.engine().registry.tensorflow as unknown as { isUsingGpuDevice?: boolean }) : undefined;
  return {
    name,
    tried,
    tfjsVersion: tf.version.tfjs ?? tf.version_core,
    forcedBy,
    nativePackage: name === 'tensorflow' ? nativeOwner() : null,
    gpu: native ? Boolean(native.isUsingGpuDevice) : null,
    wasm: name === 'wasm' ? { simd: await flag('WASM_HAS_SIMD_SUPPORT'), multithread: await flag('WASM_HAS_MULTITHREAD_SUPPORT') } : null,
    chosenAt: new Date().toISOString(),
  };
}

async function flag(name: string): Promise<boolean> {
  try {
    return Boolean(await tf.env().getAsync(name));
  } catch {
    return false; // flag unknown to this tfjs build: the feature is not there
  }
}

function record(info: BackendInfo, log: ((line: string) => void) | undefined): BackendInfo {
  const s = state();
  s.info = info;
  const gpu = info.gpu === null ? '' : info.gpu ? ' on GPU' : ' on CPU';
  const line = `paperlab: TF.js backend ${info.name}${gpu} (${summarise(info.tried)})`;
  // Printed once per process; a changed choice is news and is printed again.
  if (s.printed !== `${info.name}${gpu}`) {
    s.printed = `${info.name}${gpu}`;
    (log ?? console.log)(line);
  }
  return info;
}

// Name of the backend that is initialised and active, without triggering TF.js's lazy initialisation.
function activeBackendName(): string | undefined {
  const name = tf.getBackend();
  return name && tf.engine().registry[name] ? name : undefined;
}

async function restore(name: string | undefined): Promise<void> {
  if (!name || tf.getBackend() === name) return;
  await tf.setBackend(name); // it worked before, so it initialises again; the boolean is not needed
}
