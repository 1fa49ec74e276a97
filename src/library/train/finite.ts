import * as tf from '@tensorflow/tfjs';

/** 'nan' or 'inf' for a non-finite number, null for a finite one. */
export function nonFiniteKind(value: number): 'nan' | 'inf' | null {
  if (Number.isNaN(value)) return 'nan';
  return Number.isFinite(value) ? null : 'inf';
}

/**
 * The first parameter holding a NaN or ±Inf, with which kind, or null when all are finite.
 * One reduction for all parameters: sum(p * 0) is 0 for a finite p and NaN as soon as one element
 * is NaN or infinite (0 x Inf = NaN); only then is each parameter inspected.
 */
export function firstNonFiniteParam(params: readonly tf.Variable[]): { name: string; kind: 'nan' | 'inf' } | null {
  if (params.length === 0) return null;
  const probe = tf.tidy(() => tf.addN(params.map((p) => tf.sum(tf.mul(p, 0)))).dataSync()[0]!);
  if (!Number.isNaN(probe)) return null;
  for (const p of params) {
    const values = p.dataSync();
    let kind: 'nan' | 'inf' | null = null;
    for (let i = 0; i < values.length && kind !== 'nan'; i++) kind = nonFiniteKind(values[i] as number) ?? kind;
    if (kind) return { name: p.name, kind };
  }
  return null;
}
