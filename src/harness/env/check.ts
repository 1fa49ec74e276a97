import { collectEnvironment, type CollectOptions } from './collect';
import { readLock } from './lock-file';
import type { Difference, Environment, LockValue } from './types';

/** Options of {@link checkEnvironment}. */
export interface CheckOptions extends CollectOptions {
  /** The environment to compare; default: measured now with {@link collectEnvironment}. */
  actual?: Environment;
}

/**
 * Compares the running environment with the lock at `lockPath` and returns every difference,
 * strict ones first (each group in lock order). An empty array means the environment matches.
 */
export async function checkEnvironment(lockPath: string, opts: CheckOptions = {}): Promise<Difference[]> {
  const locked = readLock(lockPath);
  const actual = opts.actual ?? (await collectEnvironment(opts));
  return compareEnvironments(locked, actual);
}

/** Every key whose value differs between two environments (keys missing on one side included). */
export function compareEnvironments(locked: Environment, actual: Environment): Difference[] {
  const out: Difference[] = [];
  for (const section of ['strict', 'info'] as const) {
    const a = flatten(locked[section]);
    const b = flatten(actual[section]);
    for (const key of new Set([...a.keys(), ...b.keys()])) {
      const l = a.get(key);
      const r = b.get(key);
      if (!same(l, r)) out.push({ key, locked: l, actual: r, strict: section === 'strict' });
    }
  }
  return out;
}

/** `packages.@tensorflow/tfjs: locked 4.21.0, actual 4.22.0` (with `(info)` for informational keys). */
export function formatDifference(d: Difference): string {
  return `${d.key}: locked ${show(d.locked)}, actual ${show(d.actual)}${d.strict ? '' : ' (info)'}`;
}

// A hand-edited lock may hold `4.21` where the measurement is the string '4.21': same value.
function same(a: LockValue | undefined, b: LockValue | undefined): boolean {
  if (a === b) return true;
  return a !== undefined && b !== undefined && a !== null && b !== null && String(a) === String(b);
}

function show(v: LockValue | undefined): string {
  if (v === undefined) return '(absent)';
  if (v === null) return 'none';
  return String(v);
}

// Leaves of a nested record under dotted keys; non-scalar leaves (lists) are compared as JSON.
function flatten(value: unknown, prefix = '', out = new Map<string, LockValue>()): Map<string, LockValue> {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (Array.isArray(value)) {
    out.set(prefix, JSON.stringify(value));
  } else {
    out.set(prefix, value as LockValue);
  }
  return out;
}
