// Shared by tests/metrics/*.test.ts: the sklearn oracle, closeness, and random case makers.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { rng, type Rng } from '../../../src/library/random/index';

/** A number that may have travelled as "nan" / "inf" / "-inf". */
export type Wire = number | string;
export type OracleResult = { value: unknown; warned: boolean } | { error: string };

/** Runs every case through sklearn 1.2 in one Python process (JSON in, JSON out). */
export function sklearn(cases: Record<string, unknown>[]): OracleResult[] {
  const res = spawnSync('/usr/bin/python3', [join(__dirname, 'oracle.py')], { input: JSON.stringify(cases), maxBuffer: 1 << 28 });
  assert.equal(res.status, 0, `oracle.py failed: ${res.stderr?.toString()}`);
  const out = JSON.parse(res.stdout.toString()) as OracleResult[];
  assert.equal(out.length, cases.length);
  return out;
}

/** The oracle's value, failing the test if sklearn raised. */
export function value<T = Wire>(r: OracleResult, what: string): T {
  assert.ok('value' in r, `sklearn raised on ${what}: ${'error' in r ? r.error : ''}`);
  return r.value as T;
}

export function fromWire(x: Wire): number {
  if (x === 'nan') return NaN;
  if (x === 'inf') return Infinity;
  if (x === '-inf') return -Infinity;
  return x as number;
}

/** Relative tolerance of the oracle comparisons (absolute near 0). */
export const RTOL = 1e-12;

/** |ours - theirs| <= RTOL * max(|theirs|, 1e-3) + 1e-15; NaN only equals NaN, infinities equal themselves. */
export function assertClose(ours: number, theirs: Wire, what: string): void {
  const t = fromWire(theirs);
  if (!Number.isFinite(t) || !Number.isFinite(ours)) {
    assert.ok(Object.is(ours, t) || (Number.isNaN(ours) && Number.isNaN(t)), `${what}: ours ${ours}, sklearn ${t}`);
    return;
  }
  const tol = RTOL * Math.max(Math.abs(t), 1e-3) + 1e-15;
  assert.ok(Math.abs(ours - t) <= tol, `${what}: ours ${ours}, sklearn ${t}, diff ${ours - t}`);
}

export function assertAllClose(ours: ArrayLike<number>, theirs: Wire[], what: string): void {
  assert.equal(ours.length, theirs.length, `${what}: lengths`);
  for (let i = 0; i < ours.length; i++) assertClose(ours[i]!, theirs[i]!, `${what}[${i}]`);
}

/** Random cases come from a named src/random stream, so a failure replays. */
export function caseRng(file: string): Rng {
  return rng('tests', 12345).child(`metrics-${file}`);
}

/** Labels 0..k-1 where class c has weight ~ skew^c (skew < 1 gives imbalance). */
export function imbalancedLabels(r: Rng, n: number, k: number, skew: number): number[] {
  const w = Array.from({ length: k }, (_, c) => Math.pow(skew, c));
  const total = w.reduce((s, x) => s + x, 0);
  return Array.from({ length: n }, () => {
    let u = r.uniform(0, total);
    let c = 0;
    while (c < k - 1 && u >= w[c]!) u -= w[c++]!;
    return c;
  });
}

/** Predictions: the true label with probability `q`, else a uniformly random class. */
export function noisyCopy(r: Rng, y: number[], k: number, q: number): number[] {
  return y.map((v) => (r.uniform() < q ? v : r.integer(0, k)));
}

/** Per-row weights: integers 0..3, or floats in (0, 2] with some exact zeros. */
export function randomWeights(r: Rng, n: number): number[] {
  const ints = r.uniform() < 0.5;
  const w = Array.from({ length: n }, () => (ints ? r.integer(0, 4) : r.uniform() < 0.1 ? 0 : r.uniform(0.01, 2)));
  if (w.every((x) => x === 0)) w[0] = 1;
  return w;
}
