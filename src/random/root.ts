import { invalid } from '../errors/index';
import { Rng } from './stream';

// Kept on globalThis: tslab re-evaluates src modules when a cell recompiles them, and a
// module-level variable would silently fall back to the default seed.
const KEY = Symbol.for('paperlab.rootSeed');
type SeedHolder = { [KEY]?: number };

/** Default root seed when a run sets none. */
export const DEFAULT_ROOT_SEED = 0;

/** Sets the run's root seed; every `rng(name)` after this derives from it. */
export function setRootSeed(seed: number): void {
  if (!Number.isSafeInteger(seed) || seed < 0) throw invalid('setRootSeed(seed)', 'a non-negative integer', seed);
  (globalThis as SeedHolder)[KEY] = seed;
}

/** The run's root seed (DEFAULT_ROOT_SEED until `setRootSeed` is called). */
export function rootSeed(): number {
  return (globalThis as SeedHolder)[KEY] ?? DEFAULT_ROOT_SEED;
}

/** The named stream of this run, e.g. `rng('splits')`. Same name and root seed, same draws. */
export function rng(name: string, seed: number = rootSeed()): Rng {
  if (!name) throw invalid('rng(name)', 'a non-empty stream name', name);
  return new Rng(seed, name);
}
