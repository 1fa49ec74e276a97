// Shared by tests/splits/*.test.ts: the sklearn oracle, random cases and split invariants.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { rng, type Rng } from '../../../src/library/random/index';
import type { Label, Split } from '../../../src/library/splits/index';

export interface OracleCase {
  kind: string;
  n: number;
  params: Record<string, unknown>;
  y?: Label[];
  groups?: Label[];
}
export interface OracleFold {
  train: number[];
  test: number[];
}
export type OracleResult = { folds: OracleFold[] } | { error: string };

/** Runs every case through sklearn 1.2 in one Python process (JSON in, JSON out). */
export function sklearn(cases: OracleCase[]): OracleResult[] {
  const res = spawnSync('/usr/bin/python3', [join(__dirname, 'oracle.py')], {
    input: JSON.stringify(cases),
    maxBuffer: 1 << 28,
  });
  assert.equal(res.status, 0, `oracle.py failed: ${res.stderr?.toString()}`);
  const out = JSON.parse(res.stdout.toString()) as OracleResult[];
  assert.equal(out.length, cases.length);
  return out;
}

/** The oracle's folds, failing the test if sklearn raised. */
export function folds(r: OracleResult, what: string): OracleFold[] {
  assert.ok('folds' in r, `sklearn raised on ${what}: ${'error' in r ? r.error : ''}`);
  return r.folds;
}

/** Random cases come from a named src/random stream too, so failures replay. */
export function caseRng(file: string): Rng {
  return rng('tests', 12345).child(`splits-${file}`);
}

/** Labels with imbalance: class c has weight ~ skew^c; at least `min` rows per class. */
export function imbalancedLabels(r: Rng, n: number, nClasses: number, skew: number, min = 2): number[] {
  const y: number[] = [];
  for (let c = 0; c < nClasses; c++) for (let i = 0; i < min; i++) y.push(c);
  const w = Array.from({ length: nClasses }, (_, c) => Math.pow(skew, c));
  const total = w.reduce((s, x) => s + x, 0);
  while (y.length < n) {
    let u = r.uniform(0, total);
    let c = 0;
    while (c < nClasses - 1 && u >= w[c]!) u -= w[c++]!;
    y.push(c);
  }
  return r.shuffle(y);
}

/** Group labels for n rows: `nGroups` groups of uneven sizes (ties included), in random row order. */
export function randomGroups(r: Rng, n: number, nGroups: number): number[] {
  const g = Array.from({ length: n }, (_, i) => (i < nGroups ? i : r.integer(0, nGroups)));
  return r.shuffle(g).map((x) => x * 3 + 100); // non-contiguous labels, like real ids
}

export const sorted = (a: ArrayLike<number>) => Array.from(a).sort((x, y) => x - y);

/** sklearn's test_split invariants: sorted, disjoint, union covers every row; test folds partition rows. */
export function assertPartition(splits: Split[], n: number, what: string): void {
  const seenInTest = new Int32Array(n);
  for (const s of splits) {
    const inTrain = new Uint8Array(n);
    assert.deepEqual(Array.from(s.train), sorted(s.train), `${what}: train sorted`);
    assert.deepEqual(Array.from(s.test), sorted(s.test), `${what}: test sorted`);
    for (const i of s.train) inTrain[i] = 1;
    for (const i of s.test) {
      assert.equal(inTrain[i], 0, `${what}: row ${i} in train and test`);
      seenInTest[i]!++;
    }
    assert.equal(s.train.length + s.test.length, n, `${what}: train+test cover every row`);
  }
  assert.ok(seenInTest.every((c) => c === 1), `${what}: every row is in exactly one test fold`);
}

/** Fold sizes differ by at most 1 (sklearn test_kfold_balance). */
export function assertBalanced(splits: Split[], what: string): void {
  const sizes = splits.map((s) => s.test.length);
  assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `${what}: fold sizes ${sizes}`);
}

/** Rows of one group never straddle train and test. */
export function assertGroupsKept(splits: Split[], groups: Label[], what: string): void {
  for (const s of splits) {
    const testGroups = new Set(Array.from(s.test, (i) => groups[i]));
    for (const i of s.train) assert.ok(!testGroups.has(groups[i]!), `${what}: group ${groups[i]} straddles fold ${s.fold}`);
  }
}

/** Largest gap, over test parts and classes, between a class's share of a test part and of all rows. */
export function stratDeviation(tests: ArrayLike<number>[], y: Label[]): number {
  const overall = new Map<Label, number>();
  for (const v of y) overall.set(v, (overall.get(v) ?? 0) + 1);
  let worst = 0;
  for (const t of tests) {
    if (t.length === 0) continue;
    const here = new Map<Label, number>();
    for (const i of Array.from(t)) here.set(y[i]!, (here.get(y[i]!) ?? 0) + 1);
    for (const [c, m] of overall) worst = Math.max(worst, Math.abs((here.get(c) ?? 0) / t.length - m / y.length));
  }
  return worst;
}

/** Per-class counts of a test part, in class order 0..k-1 (labels are 0..k-1 in these tests). */
export function classCounts(rows: ArrayLike<number>, y: Label[], nClasses: number): number[] {
  const out = new Array<number>(nClasses).fill(0);
  for (const i of Array.from(rows)) out[y[i] as number]!++;
  return out;
}
