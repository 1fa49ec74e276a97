import type * as tfTypes from '@tensorflow/tfjs';
import { rng } from './root';
import type { Rng } from './stream';
import { checkStreamName } from './stream';

/** TF.js initializers that draw random numbers and take a `seed` (tfjs-layers 4.22 initializers.js). */
export const RANDOM_INITIALIZERS = [
  'glorotUniform', 'glorotNormal', 'heNormal', 'heUniform', 'leCunNormal', 'leCunUniform',
  'randomNormal', 'randomUniform', 'truncatedNormal', 'varianceScaling', 'orthogonal',
] as const;

/** Name of a random TF.js initializer, e.g. 'glorotUniform'. */
export type RandomInitializerName = (typeof RANDOM_INITIALIZERS)[number];

type Initializers = typeof tfTypes.initializers;
/** The config of initializer `K` without its seed, which paperlab supplies. */
export type InitializerConfig<K extends RandomInitializerName> = Omit<NonNullable<Parameters<Initializers[K]>[0]>, 'seed'>;

/**
 * The TF.js seed for the weights called `name` (e.g. 'dense1' or 'dense1/kernel', where '/' nests
 * child streams): `stream.child('dense1').child('kernel').tfSeed()`,
 * default stream `rng('init')`. Derived from the name, so inserting a layer leaves the weights of
 * every other layer unchanged, and two layers never share a seed by accident.
 *
 * Give every layer its own name: a TF.js initializer with a fixed seed returns the same values on
 * every `apply`, so one seeded initializer shared by two layers of one shape makes their weights
 * identical (checked on tfjs 4.22). Usage:
 * `tf.layers.dense({ units: 10, kernelInitializer: tf.initializers.glorotUniform({ seed: initSeed('dense1') }) })`.
 */
export function initSeed(name: string, stream: Rng = rng('init')): number {
  if (typeof name !== 'string' || name === '') checkStreamName('initSeed(name)', name);
  // 'dense1/kernel' -> stream.child('dense1').child('kernel'): '/' nests, as in TF weight names.
  let s = stream;
  for (const part of name.split('/')) {
    checkStreamName(`initSeed('${name}')`, part);
    s = s.child(part);
  }
  return s.tfSeed();
}

/**
 * A seeded TF.js initializer, `tf.initializers[kind]({ ...config, seed: initSeed(name, stream) })`.
 * TF.js is required lazily (and resolves to the same module instance as the notebook's own
 * import), so importing src/library/random does not load TF.js.
 */
export function seededInitializer<K extends RandomInitializerName>(
  kind: K,
  name: string,
  config?: InitializerConfig<K>,
  stream: Rng = rng('init'),
): ReturnType<Initializers[K]> {
  const tf = require('@tensorflow/tfjs') as typeof tfTypes;
  const make = tf.initializers[kind] as unknown as (args: object) => ReturnType<Initializers[K]>;
  return make({ ...(config ?? {}), seed: initSeed(name, stream) });
}
