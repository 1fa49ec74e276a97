import * as tf from '@tensorflow/tfjs';
import { invalid } from '../errors/index';
import { initSeed, rng, type Rng } from '../random/index';

/**
 * Weight initialisation schemes. The scale is always a standard deviation times `initScale`:
 * - `glorot`: uniform on [-l, l], l = sqrt(6 / (fanIn + fanOut)) (Glorot & Bengio 2010), std l/sqrt(3);
 * - `he`: normal with std sqrt(2 / fanIn) (He et al. 2015; a plain, not truncated, normal);
 * - `normal`: normal with std 1, so `initScale` *is* the std (Gromov 2023 sets the std by hand).
 */
export type InitScheme = 'glorot' | 'he' | 'normal';

/** Where a parameter's random draw comes from: `initSeed(`${seedName}/${path}`, stream)`. */
export interface InitSource {
  /** Root of the seed names, e.g. 'mlp' gives 'mlp/layer0/kernel'. */
  seedName: string;
  /** Stream the seeds derive from; default `rng('init')`. */
  stream?: Rng;
}

/**
 * A fresh variable scope for a new model: `base` if no registered TF.js variable lives under
 * `base/`, else `base_2`, `base_3`, ... TF.js refuses two variables of one name, so two models
 * built side by side (or one cell run twice) need distinct scopes; disposing a model frees its scope.
 */
export function uniqueScope(base: string): string {
  const taken = Object.keys(tf.engine().registeredVariables);
  const free = (s: string): boolean => !taken.some((name) => name.startsWith(`${s}/`));
  if (free(base)) return base;
  let k = 2;
  while (!free(`${base}_${k}`)) k++;
  return `${base}_${k}`;
}

/**
 * A trainable variable `${scope}/${path}` holding a seeded random draw.
 * `fanIn`/`fanOut` are the number of inputs/outputs one unit sees (for a conv kernel, kh*kw*cin
 * and kh*kw*cout, as Keras counts them). The seed is `initSeed(`${seedName}/${path}`)`: it depends
 * on the parameter's name only, so inserting a layer never changes another layer's weights.
 */
export function randomParam(
  scope: string, path: string, shape: number[],
  init: { scheme: InitScheme; scale: number; fanIn: number; fanOut: number; source: InitSource },
): tf.Variable {
  const seed = initSeed(`${init.source.seedName}/${path}`, init.source.stream ?? rng('init'));
  const value = tf.tidy(() => {
    if (init.scheme === 'glorot') {
      const limit = init.scale * Math.sqrt(6 / (init.fanIn + init.fanOut));
      return tf.randomUniform(shape, -limit, limit, 'float32', seed);
    }
    const std = init.scheme === 'he' ? init.scale * Math.sqrt(2 / init.fanIn) : init.scale;
    return tf.randomNormal(shape, 0, std, 'float32', seed);
  });
  return toVariable(value, `${scope}/${path}`);
}

/** A trainable variable `${scope}/${path}` filled with `fill` (biases 0, layer-norm gains 1). */
export function constantParam(scope: string, path: string, shape: number[], fill: number): tf.Variable {
  return toVariable(tf.fill(shape, fill), `${scope}/${path}`);
}

function toVariable(value: tf.Tensor, name: string): tf.Variable {
  const v = tf.variable(value, true, name);
  value.dispose(); // the variable holds its own reference to the data
  return v;
}

/** Sum of the sizes of `params`. */
export function countParams(params: readonly tf.Variable[]): number {
  return params.reduce((n, p) => n + p.size, 0);
}

/** Throws unless `value` is an integer >= `min` (default 1). */
export function checkInt(where: string, value: unknown, min = 1): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw invalid(where, `an integer >= ${min}`, value);
  }
  return value;
}

/** Throws unless `value` is a finite number > 0. */
export function checkPositive(where: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw invalid(where, 'a finite number > 0', value);
  return value;
}

/** Throws unless `value` is one of `allowed`. */
export function checkOneOf<T extends string>(where: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalid(where, `one of ${allowed.map((a) => `'${a}'`).join(', ')}`, value);
  }
  return value as T;
}

/** Throws unless `x` has `rank` axes and the trailing axes equal `tail` (the batch axis is free). */
export function checkInput(where: string, x: tf.Tensor, tail: number[]): void {
  const want = `shape [batch, ${tail.join(', ')}]`;
  if (x.rank !== tail.length + 1 || tail.some((d, i) => x.shape[i + 1] !== d)) throw invalid(where, want, `[${x.shape.join(', ')}]`);
}
