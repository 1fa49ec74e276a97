import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PaperlabError } from '../../../src/library/errors/index';
import { logLoss, rocAuc, rocAucPerClass, type AucAverage } from '../../../src/library/metrics/index';
import type { Rng } from '../../../src/library/random/index';
import { assertAllClose, assertClose, caseRng, imbalancedLabels, randomWeights, sklearn, value, type Wire } from './helpers';

const r = caseRng('ranking');
const SIZES = [1, 2, 3, 8, 9, 50, 129, 300, 2000];
const size = () => (r.uniform() < 0.5 ? SIZES[r.integer(0, SIZES.length)]! : r.integer(2, 500));

/** Binary scores: continuous, heavily tied (few levels), perfect, reversed or constant. */
function binaryScores(y: number[], kind: number): number[] {
  const levels = r.integer(1, 6);
  return y.map((v) => {
    if (kind === 0) return v + r.normal(0, 0.5) * 3;
    if (kind === 1) return Math.min(levels, Math.max(0, Math.round(v + r.normal(0, 1) * levels))) / levels;
    if (kind === 2) return v + r.uniform(0, 0.9);
    if (kind === 3) return -v * r.uniform(0.1, 1);
    return 0.25;
  });
}

/** Rows of K probabilities: a softmax of noisy logits, or small integers normalised (many ties, exact zeros). */
function probabilityRows(rr: Rng, y: number[], k: number, tied: boolean): number[][] {
  return y.map((v) => {
    const raw = Array.from({ length: k }, (_, c) => (tied ? rr.integer(0, 3) + (c === v ? rr.integer(0, 2) : 0) : Math.exp(rr.normal(0, 1.5) + (c === v ? 1 : 0))));
    if (raw.every((x) => x === 0)) raw[rr.integer(0, k)] = 1;
    const s = raw.reduce((a, b) => a + b, 0);
    return raw.map((x) => x / s);
  });
}

interface AucCase { yTrue: number[]; scores: number[] | number[][]; w?: number[]; average: AucAverage; k: number }
const aucCases: AucCase[] = [];
for (let i = 0; i < 250; i++) {
  const n = size();
  const yTrue = imbalancedLabels(r, n, 2, [1, 0.3, 0.05][r.integer(0, 3)]!);
  aucCases.push({ yTrue, scores: binaryScores(yTrue, i % 5), w: r.uniform() < 0.3 ? randomWeights(r, n) : undefined, average: 'macro', k: 1 });
}
for (let i = 0; i < 250; i++) {
  const k = r.integer(3, 9);
  const n = Math.max(size(), k);
  const yTrue = imbalancedLabels(r, n, k, [1, 0.7, 0.4][r.integer(0, 3)]!);
  if (i % 4 !== 0) for (let c = 0; c < k; c++) yTrue[c] = c; // every class present, except in some cases
  const average = (['macro', 'weighted', 'micro'] as const)[i % 3]!;
  aucCases.push({ yTrue, scores: probabilityRows(r, yTrue, k, i % 2 === 0), w: r.uniform() < 0.3 ? randomWeights(r, n) : undefined, average, k });
}
// sklearn takes a binary score column alone; ours also takes the [1 - p, p] matrix.
const twoColumn = aucCases.slice(0, 40).map((c) => ({ ...c, scores: (c.scores as number[]).map((s) => [1 - s, s]) }));

interface LossCase { yTrue: number[]; probs: number[] | number[][]; w?: number[]; k: number }
const lossCases: LossCase[] = [];
for (let i = 0; i < 200; i++) {
  const n = size();
  const k = i % 2 === 0 ? 2 : r.integer(2, 10);
  const yTrue = imbalancedLabels(r, n, k, [1, 0.5][r.integer(0, 2)]!);
  let rows = probabilityRows(r, yTrue, k, i % 3 === 0);
  // Float32-like rounding: rows off 1 by up to ~1e-6, which sklearn renormalises away.
  if (i % 5 === 1) rows = rows.map((p) => p.map((x) => Math.min(1, x * (1 + r.uniform(-2e-6, 2e-6)))));
  const probs = i % 4 === 0 ? rows.map((p) => p[1]!) : rows; // one probability of class 1 per row, exact 0s and 1s included
  lossCases.push({ yTrue, probs, w: r.uniform() < 0.3 ? randomWeights(r, n) : undefined, k });
}

// More probability columns than classes in yTrue: K columns, rows of only some classes (the input
// logLoss took and rocAuc refused). Both read columns as sklearn's labels=range(K).
const rc = caseRng('ranking-columns');
interface ColumnCase { yTrue: number[]; probs: number[][]; w?: number[]; k: number; average: AucAverage }
const columnCases: ColumnCase[] = [];
for (let i = 0; i < 90; i++) {
  const k = rc.integer(3, 8);
  const present = rc.integer(2, k); // classes 0..present-1 have rows, present..k-1 only columns
  const n = rc.integer(Math.max(4, present), 300);
  const yTrue = imbalancedLabels(rc, n, present, [1, 0.5][rc.integer(0, 2)]!);
  for (let c = 0; c < present; c++) yTrue[c] = c;
  columnCases.push({ yTrue, probs: probabilityRows(rc, yTrue, k, i % 2 === 0), w: rc.uniform() < 0.3 ? randomWeights(rc, n) : undefined, k, average: (['macro', 'weighted', 'micro'] as const)[i % 3]! });
}

const oracle = sklearn([
  ...aucCases.map((c) => ({ fn: 'rocAuc', yTrue: c.yTrue, scores: c.scores, w: c.w, average: c.k >= 3 ? c.average : 'macro', k: c.k, labels: c.k >= 3 })),
  ...aucCases.filter((c) => c.k >= 3).map((c) => ({ fn: 'rocAuc', yTrue: c.yTrue, scores: c.scores, w: c.w, average: null, k: c.k, labels: true })),
  ...lossCases.map((c) => ({ fn: 'logLoss', yTrue: c.yTrue, probs: c.probs, w: c.w, k: c.k })),
  ...columnCases.map((c) => ({ fn: 'logLoss', yTrue: c.yTrue, probs: c.probs, w: c.w, k: c.k })),
  ...columnCases.map((c) => ({ fn: 'rocAuc', yTrue: c.yTrue, scores: c.probs, w: c.w, average: c.average, k: c.k, labels: true })),
]);
const multi = aucCases.filter((c) => c.k >= 3);

test('rocAuc equals sklearn roc_auc_score: binary (ties, weights, perfect, constant) and one-vs-rest', () => {
  let raised = 0;
  let nan = 0;
  aucCases.forEach((c, i) => {
    const what = `auc case ${i} (n=${c.yTrue.length}, k=${c.k}, ${c.average}${c.w ? ', weighted' : ''})`;
    const sk = oracle[i]!;
    if ('value' in sk && sk.value === 'nan') {
      // sklearn returns NaN (with a warning) when every row of one class weighs 0; we refuse instead.
      assert.throws(() => rocAuc(c.yTrue, c.scores, { average: c.average, sampleWeight: c.w }), /rows \(with weight > 0\)/, what);
      nan++;
      return;
    }
    if ('error' in sk) {
      // sklearn raises when a class has no rows; so must we, naming the argument.
      assert.throws(() => rocAuc(c.yTrue, c.scores, { average: c.average, sampleWeight: c.w }), (e: unknown) => e instanceof PaperlabError && /rocAuc yTrue/.test(e.message), `${what}: sklearn raised ${sk.error}`);
      raised++;
      return;
    }
    assertClose(rocAuc(c.yTrue, c.scores, { average: c.average, sampleWeight: c.w }), value(sk, what), what);
  });
  assert.ok(raised > 5 && raised < aucCases.length / 4, `${raised} cases raised`);
  assert.ok(nan > 0 && nan < aucCases.length / 10, `${nan} cases NaN`);
});

test('rocAucPerClass equals sklearn average=None; a [1 - p, p] matrix scores like p', () => {
  multi.forEach((c, i) => {
    const sk = oracle[aucCases.length + i]!;
    if ('error' in sk || (sk.value as Wire[]).includes('nan')) return assert.throws(() => rocAucPerClass(c.yTrue, c.scores, { sampleWeight: c.w }), PaperlabError);
    assertAllClose(rocAucPerClass(c.yTrue, c.scores, { sampleWeight: c.w }), value<Wire[]>(sk, `per-class ${i}`), `per-class case ${i}`);
  });
  twoColumn.forEach((c, i) => {
    const sk = oracle[i]!;
    if ('error' in sk || sk.value === 'nan') return;
    assertClose(rocAuc(c.yTrue, c.scores, { sampleWeight: c.w }), value(oracle[i]!, `two-column ${i}`), `two-column case ${i}`);
  });
});

test('logLoss and rocAuc agree on K columns for fewer classes: both read them as sklearn labels=range(K)', () => {
  const base = aucCases.length + multi.length + lossCases.length;
  const outcomes = new Set<string>();
  columnCases.forEach((c, i) => {
    const what = `column case ${i} (n=${c.yTrue.length}, k=${c.k}, classes present ${new Set(c.yTrue).size}, ${c.average}${c.w ? ', weighted' : ''})`;
    assertClose(logLoss(c.yTrue, c.probs, { sampleWeight: c.w }), value(oracle[base + i]!, what), `logLoss ${what}`);
    const sk = oracle[base + columnCases.length + i]!;
    const run = () => rocAuc(c.yTrue, c.probs, { average: c.average, sampleWeight: c.w });
    if ('error' in sk) {
      assert.match(sk.error, /Only one class present in y_true/, what);
      assert.throws(run, /^PaperlabError: rocAuc yTrue: expected rows of every class 0\.\.\d \(scores has \d columns\), got no rows of class [\d, ]+; one-vs-rest AUC is undefined for a class without rows; .* or use average 'micro'$/, what);
      outcomes.add(`${c.average}:raised`);
    } else {
      assertClose(run(), value(sk, what), `rocAuc ${what}`);
      outcomes.add(`${c.average}:value`);
    }
    if (c.average === 'macro') assert.throws(() => rocAucPerClass(c.yTrue, c.probs, { sampleWeight: c.w }), /^PaperlabError: rocAucPerClass yTrue: expected rows of every class/);
  });
  // sklearn: 'macro' and 'weighted' raise for a class without rows, 'micro' pools and is defined.
  assert.deepEqual([...outcomes].sort(), ['macro:raised', 'micro:value', 'weighted:raised']);
});

test('rocAuc counts a tie between a positive and a negative as one half', () => {
  assert.equal(rocAuc([0, 1], [0.3, 0.3]), 0.5);
  assert.equal(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.4, 0.8]), 0.875);
  assert.equal(rocAuc(Float32Array.from([1, 0]), [2, 1]), 1);
});

test('logLoss equals sklearn log_loss(labels=range(K)): binary column, K columns, clipped 0s and 1s, weights', () => {
  const base = aucCases.length + multi.length;
  lossCases.forEach((c, i) => {
    const what = `log-loss case ${i} (n=${c.yTrue.length}, k=${c.k}${typeof c.probs[0] === 'number' ? ', one column' : ''})`;
    assertClose(logLoss(c.yTrue, c.probs, { nClasses: c.k, sampleWeight: c.w }), value(oracle[base + i]!, what), what);
  });
});

test('logLoss reads flat row-major probabilities and tensors like nested rows', () => {
  const c = lossCases.find((x) => Array.isArray(x.probs[0]) && x.k > 2)!;
  const rows = c.probs as number[][];
  const expected = logLoss(c.yTrue, rows);
  assert.equal(logLoss(c.yTrue, Float64Array.from(rows.flat())), expected);
  const tensorLike = { shape: [rows.length, c.k], dataSync: () => Float32Array.from(rows.flat()) };
  const eps = 1.1920928955078125e-7; // float32 machine epsilon, sklearn's clip for float32 input
  const f32 = logLoss(c.yTrue, tensorLike, { eps });
  assert.ok(Math.abs(f32 - logLoss(c.yTrue, rows, { eps })) < 1e-6 * f32, `float32 tensor ${f32}`);
  assert.ok(f32 < expected, 'a wider clip lowers the loss of rows with exact zeros');
});
