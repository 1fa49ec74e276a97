// Shared by tests/models/*.test.ts: the numpy/sklearn oracle, seeded random matrices, tensor helpers.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { rng, type Rng } from '../../../src/library/random/index';

export interface OracleCase {
  kind: 'lstsq' | 'pinv' | 'ridge' | 'ridgeStacked' | 'kernelRidge' | 'kernelRidgePrecomputed' | 'qr' | 'svd' | 'rbf';
  X: number[][];
  y?: number[] | number[][];
  ridge?: number;
  sigma?: number;
  Xtest?: number[][];
}
export interface OracleResult {
  w?: number[][]; pred?: number[][]; rank?: number;
  Q?: number[][]; R?: number[][]; U?: number[][]; s?: number[][]; Vt?: number[][]; K?: number[][];
}

/** Runs every case through numpy 1.24 / sklearn 1.2 in one Python process (JSON in, JSON out). */
export function oracle(cases: OracleCase[]): OracleResult[] {
  const res = spawnSync('/usr/bin/python3', [join(__dirname, 'oracle.py')], { input: JSON.stringify(cases), maxBuffer: 1 << 28 });
  assert.equal(res.status, 0, `oracle.py failed: ${res.stderr?.toString()}`);
  const out = JSON.parse(res.stdout.toString()) as OracleResult[];
  assert.equal(out.length, cases.length);
  return out;
}

/**
 * Many groups of cases in one Python process (its start and the sklearn import cost ~1-3 s), computed
 * on first use and kept: `const ask = oracleOnce({ lstsq: [...], ridge: [...] }); ask().ridge[0]`.
 */
export function oracleOnce<K extends string>(groups: () => Record<K, OracleCase[]>): () => Record<K, OracleResult[]> {
  let done: Record<K, OracleResult[]> | undefined;
  return () => {
    if (done) return done;
    const g = groups();
    const keys = Object.keys(g) as K[];
    const flat = oracle(keys.flatMap((k) => g[k]));
    let at = 0;
    done = {} as Record<K, OracleResult[]>;
    for (const k of keys) { done[k] = flat.slice(at, at + g[k].length); at += g[k].length; }
    return done;
  };
}

/** Random draws of the tests come from named streams, so a failure replays. */
export function testRng(name: string): Rng {
  return rng('tests').child(name);
}

/** rows x cols standard normal entries. */
export function gaussian(r: Rng, rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => r.normal()));
}

/** Largest |a - b| / max(1, |b|) over two equally shaped matrices. */
export function maxRelDiff(a: number[][], b: number[][]): number {
  assert.equal(a.length, b.length, 'row counts differ');
  let worst = 0;
  a.forEach((row, i) => {
    assert.equal(row.length, b[i]!.length, `row ${i} lengths differ`);
    row.forEach((v, j) => { worst = Math.max(worst, Math.abs(v - b[i]![j]!) / Math.max(1, Math.abs(b[i]![j]!))); });
  });
  return worst;
}

/** A tensor's values as a plain array. */
export const values = (t: tf.Tensor): number[] => Array.from(t.dataSync());

/** Mean and (population) standard deviation. */
export function meanStd(xs: ArrayLike<number>): { mean: number; std: number } {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  const mean = s / xs.length;
  let v = 0;
  for (let i = 0; i < xs.length; i++) v += (xs[i]! - mean) ** 2;
  return { mean, std: Math.sqrt(v / xs.length) };
}
