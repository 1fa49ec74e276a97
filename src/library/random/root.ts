import { Rng, checkRootSeed, checkStreamName } from './stream';

// Kept on globalThis: tslab re-evaluates src modules when a cell recompiles them, and a
// module-level variable would silently fall back to the default seed.
const KEY = Symbol.for('paperlab.rootSeed');
type SeedHolder = { [KEY]?: number };

/** Default root seed when a run sets none. */
export const DEFAULT_ROOT_SEED = 0;

/** Sets the run's root seed; every `rng(name)` after this derives from it. */
export function setRootSeed(seed: number): void {
  checkRootSeed('setRootSeed(seed)', seed);
  (globalThis as SeedHolder)[KEY] = seed;
}

/** The run's root seed (DEFAULT_ROOT_SEED until `setRootSeed` is called). */
export function rootSeed(): number {
  return (globalThis as SeedHolder)[KEY] ?? DEFAULT_ROOT_SEED;
}

/**
 * The named stream of this run, e.g. `rng('splits')`. Same name and root seed, same draws: each
 * call returns a fresh stream at its start. `seed` overrides the run's root seed (default
 * `rootSeed()`). Names may not contain '/'; use `rng('init').child('dense1')` for sub-streams.
 */
export function rng(name: string, seed: number = rootSeed()): Rng {
  checkStreamName('rng(name)', name);
  checkRootSeed('rng(name, seed)', seed);
  return new Rng(seed, name);
}
