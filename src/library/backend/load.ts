import * as tf from '@tensorflow/tfjs';
import type { BackendName } from './types';

/** Result of making a backend's factory known to the TF.js engine. */
export interface Registration {
  registered: boolean;
  /** Why it is not registered, or which package registered it. */
  detail: string;
  /** For `tensorflow`: the npm package that registered it. */
  nativePackage?: string;
}

// The native backend can come from either package; the GPU build first because it also runs on CPU.
const NATIVE_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'];

/**
 * Loads the package that registers `name` (if it is not registered yet) and reports whether the
 * engine now knows a factory for it. A successful `require` proves nothing: npm hoists danfojs-node's
 * alias so `require('@tensorflow/tfjs-node')` returns plain tfjs (STACK.md, trap 2). Only the
 * engine's registry is trusted.
 */
export function registerBackend(name: BackendName): Registration {
  if (isRegistered(name)) return { registered: true, detail: 'already registered', nativePackage: name === 'tensorflow' ? nativeOwner() : undefined };
  if (name === 'cpu') return { registered: false, detail: '@tensorflow/tfjs registered no cpu backend' };
  if (name === 'wasm') {
    const failure = tryRequire('@tensorflow/tfjs-backend-wasm');
    if (isRegistered('wasm')) return { registered: true, detail: 'registered by @tensorflow/tfjs-backend-wasm' };
    return { registered: false, detail: failure ?? '@tensorflow/tfjs-backend-wasm loaded but registered no wasm backend' };
  }
  return registerNative();
}

function registerNative(): Registration {
  const notes: string[] = [];
  for (const pkg of NATIVE_PACKAGES) {
    const failure = tryRequire(pkg);
    if (isRegistered('tensorflow')) {
      nativeState().owner = pkg;
      return { registered: true, detail: `registered by ${pkg}`, nativePackage: pkg };
    }
    notes.push(`${pkg}: ${failure ?? describeImpostor(pkg)}`);
  }
  return { registered: false, detail: notes.join('; ') };
}

/** True when the engine has a factory for `name` (registered, not necessarily initialised). */
export function isRegistered(name: string): boolean {
  return tf.engine().backendNames().includes(name);
}

/** `undefined` when the require worked, else a one-line reason. */
function tryRequire(pkg: string): string | undefined {
  try {
    require(pkg);
    return undefined;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'MODULE_NOT_FOUND' && String(e.message).includes(`'${pkg}'`)) return 'not installed';
    return `failed to load (${firstLine(e.message)})`;
  }
}

// Explains a package that loads but registers nothing, typically the npm alias of plain tfjs.
function describeImpostor(pkg: string): string {
  try {
    const meta = require(`${pkg}/package.json`) as { name?: string; version?: string };
    if (meta.name && meta.name !== pkg) return `resolves to ${meta.name}@${meta.version} (an npm alias), no native backend`;
  } catch {
    // No package.json to read: the generic sentence below is all we know.
  }
  return 'loaded but registered no tensorflow backend';
}

function firstLine(text: unknown): string {
  return String(text).split('\n')[0].slice(0, 200);
}

// Remembers which package registered the native backend across tslab re-evaluations of this module.
function nativeState(): { owner?: string } {
  const key = Symbol.for('paperlab.backend.native');
  const g = globalThis as unknown as Record<symbol, { owner?: string } | undefined>;
  return (g[key] ??= {});
}

/** The npm package that registered the native backend, as far as paperlab saw it load. */
export function nativeOwner(): string {
  return nativeState().owner ?? 'registered outside paperlab';
}
