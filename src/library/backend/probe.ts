import * as tf from '@tensorflow/tfjs';
import { registerBackend } from './load';
import { withoutRethrowingHandlers } from './process-handlers';
import type { BackendAttempt, BackendName } from './types';

// [[1,2],[3,4]] x [[5],[6]]: small integers, so every backend must return exactly [17, 39].
const EXPECTED = [17, 39];

/**
 * Makes `name` the active TF.js backend and proves it works: registers it, checks the boolean that
 * `tf.setBackend` returns (it falls back silently otherwise), runs a matMul and compares the result.
 * On failure the engine may be left without an active backend: the caller sets another one.
 */
export async function activateBackend(name: BackendName): Promise<BackendAttempt> {
  const started = performance.now();
  const done = (ok: boolean, reason: string, detail?: string): BackendAttempt => {
    const attempt: BackendAttempt = { name, ok, reason, ms: Math.round(performance.now() - started) };
    if (detail) attempt.detail = detail;
    return attempt;
  };
  const registration = registerBackend(name);
  if (!registration.registered) return done(false, 'not installed', registration.detail);
  let set: boolean;
  try {
    set = (await withoutRethrowingHandlers(() => tf.setBackend(name))).result;
  } catch (err) {
    return done(false, 'setBackend threw', String((err as Error).message ?? err));
  }
  if (!set) return done(false, 'setBackend returned false', 'initialisation failed; TF.js logged the cause above');
  if (tf.getBackend() !== name) return done(false, `setBackend left ${tf.getBackend()} active`);
  try {
    const { values: got, heldBy } = await runCheckOp();
    if (heldBy !== tf.engine().registry[name]) return done(false, 'op ran on another backend', `active backend is ${tf.getBackend()}`);
    if (got.join(',') !== EXPECTED.join(',')) return done(false, 'op gave a wrong result', `matMul gave [${got.join(', ')}], expected [${EXPECTED.join(', ')}]`);
  } catch (err) {
    return done(false, 'op failed', String((err as Error).message ?? err));
  }
  return done(true, 'ok', registration.nativePackage ? `registered by ${registration.nativePackage}` : undefined);
}

// Returns the result and the backend instance that holds the output tensor, so the caller can prove
// the op ran where it should (not on a backend TF.js fell back to).
async function runCheckOp(): Promise<{ values: number[]; heldBy: unknown }> {
  const y = tf.tidy(() => tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[5], [6]])));
  try {
    const heldBy = tf.engine().state.tensorInfo.get(y.dataId)?.backend;
    return { values: Array.from(await y.data()), heldBy };
  } finally {
    y.dispose();
  }
}
