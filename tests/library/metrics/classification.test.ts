import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accuracy, confusionMatrix, precisionRecallFscore, precision, recall, f1, fbeta, type Average, type ConfusionNormalize } from '../../../src/library/metrics/index';
import { assertAllClose, assertClose, caseRng, imbalancedLabels, noisyCopy, randomWeights, sklearn, value, type Wire } from './helpers';

interface Case {
  yTrue: number[];
  yPred: number[];
  w?: number[];
  nClasses?: number;
  k: number; // classes the oracle's per-class and confusion use: nClasses, or the largest label + 1
  average: Average;
  zd?: 0 | 1;
  beta: number;
  normalize?: ConfusionNormalize;
}

const r = caseRng('classification');
const SIZES = [1, 2, 3, 7, 8, 9, 20, 129, 300, 1000];
const cases: Case[] = [];
for (let i = 0; i < 400; i++) {
  const average = (['binary', 'micro', 'macro', 'weighted'] as const)[i % 4]!;
  const k0 = average === 'binary' ? 2 : r.integer(2, 11);
  const n = r.uniform() < 0.5 ? SIZES[r.integer(0, SIZES.length)]! : r.integer(1, 400);
  const yTrue = imbalancedLabels(r, n, k0, [1, 0.6, 0.2][r.integer(0, 3)]!);
  const kind = r.integer(0, 6); // 0: constant predictions, 1: perfect, else noisy
  const yPred = kind === 0 ? yTrue.map(() => r.integer(0, 1) * 0 + (i % k0)) : noisyCopy(r, yTrue, k0, kind === 1 ? 1 : r.uniform(0, 1));
  const given = r.uniform() < 0.5;
  const k = given ? k0 : Math.max(...yTrue, ...yPred) + 1;
  cases.push({
    yTrue, yPred, k, average,
    nClasses: given ? k0 : undefined,
    w: r.uniform() < 0.3 ? randomWeights(r, n) : undefined,
    zd: ([undefined, 0, 1] as const)[r.integer(0, 3)],
    beta: r.uniform() < 0.7 ? 1 : [0, 0.5, 2, 3.7][r.integer(0, 4)]!,
    normalize: ([undefined, 'true', 'pred', 'all'] as const)[i % 4],
  });
}
// Hand-made cases where sklearn's functions disagree on warning: precision ill-defined alone (f1
// silent), recall alone (f1 silent), both for one class (f1 warns), each with every zero_division.
const FIXED: Omit<Case, 'zd' | 'k' | 'beta'>[] = [
  { yTrue: [0, 0, 0, 0], yPred: [0, 0, 0, 0], average: 'binary' },
  { yTrue: [0, 0, 1, 1], yPred: [0, 0, 0, 0], average: 'binary' },
  { yTrue: [0, 0, 0, 0], yPred: [0, 1, 0, 1], average: 'binary' },
  { yTrue: [0, 1, 2, 0, 1, 2], yPred: [0, 1, 1, 0, 1, 1], average: 'macro' },
  { yTrue: [0, 1, 2, 0, 1, 2], yPred: [0, 1, 2, 0, 1, 2], average: 'macro', nClasses: 4 },
  { yTrue: [0, 1, 1, 0, 1, 1], yPred: [0, 1, 2, 0, 1, 2], average: 'weighted', nClasses: 3 },
  { yTrue: [0, 1, 1, 0, 1, 1], yPred: [0, 1, 1, 0, 1, 1], average: 'weighted', nClasses: 3, w: [1, 2, 0.5, 1, 1, 3] },
  { yTrue: [0, 0, 1, 1], yPred: [1, 1, 1, 1], average: 'micro' },
];
for (const f of FIXED) {
  for (const zd of [undefined, 0, 1] as const) {
    cases.push({ ...f, zd, beta: 1, k: f.nClasses ?? Math.max(...f.yTrue, ...f.yPred) + 1 });
  }
}
const wire = (c: Case) => ({ yTrue: c.yTrue, yPred: c.yPred, w: c.w, k: c.k, nClasses: c.nClasses, average: c.average, zd: c.zd, beta: c.beta, normalize: c.normalize });
const oracle = sklearn([
  ...cases.map((c) => ({ fn: 'accuracy', ...wire(c) })),
  ...cases.map((c) => ({ fn: 'confusion', ...wire(c) })),
  ...cases.map((c) => ({ fn: 'prfs', ...wire(c) })),
]);
const N = cases.length;

test('accuracy equals sklearn accuracy_score (weights, perfect and constant predictions)', () => {
  cases.forEach((c, i) => assertClose(accuracy(c.yTrue, c.yPred, { sampleWeight: c.w }), value(oracle[i]!, `case ${i}`), `accuracy case ${i}`));
});

test('confusionMatrix equals sklearn confusion_matrix(labels=range(K)) with every normalize', () => {
  cases.forEach((c, i) => {
    const ours = confusionMatrix(c.yTrue, c.yPred, { nClasses: c.k, sampleWeight: c.w, normalize: c.normalize });
    const theirs = value<Wire[][]>(oracle[N + i]!, `case ${i}`);
    assert.equal(ours.length, c.k);
    ours.forEach((row, j) => assertAllClose(row, theirs[j]!, `confusion case ${i} row ${j}`));
  });
});

test('confusionMatrix without nClasses is K x K with K = largest label + 1', () => {
  assert.deepEqual(confusionMatrix([0, 2, 2], [2, 2, 0]), [[0, 0, 1], [0, 0, 0], [1, 0, 1]]);
  assert.deepEqual(confusionMatrix(Int32Array.from([1, 1]), Float64Array.from([1, 0]), { normalize: 'true' }), [[0, 0], [0.5, 0.5]]);
});

test('precision, recall, F-beta equal sklearn precision_recall_fscore_support for every average', () => {
  const seen = new Set<string>();
  cases.forEach((c, i) => {
    const res = precisionRecallFscore(c.yTrue, c.yPred, { average: c.average, nClasses: c.nClasses, sampleWeight: c.w, zeroDivision: c.zd, beta: c.beta });
    const theirs = value<{ precision: Wire; recall: Wire; fscore: Wire; perClass: Wire[][] }>(oracle[2 * N + i]!, `case ${i}`);
    const what = `prf case ${i} (${c.average}, n=${c.yTrue.length}, k=${c.k}, beta=${c.beta}, zd=${c.zd})`;
    assertClose(res.precision, theirs.precision, `${what} precision`);
    assertClose(res.recall, theirs.recall, `${what} recall`);
    assertClose(res.fscore, theirs.fscore, `${what} fscore`);
    const pc = res.perClass;
    [pc.precision, pc.recall, pc.fscore, pc.support].forEach((a, j) => assertAllClose(a.slice(0, c.k), theirs.perClass[j]!, `${what} perClass ${j}`));
    const sk = oracle[2 * N + i]!;
    assert.ok('warned' in sk);
    assert.equal(res.warnings.length > 0, sk.warned, `${what}: warnings ${JSON.stringify(res.warnings)} vs sklearn warned=${sk.warned}`);
    seen.add(`${c.average}:${sk.warned}`);
  });
  // The cases reach both warned and clean outcomes for every average ('micro' pools every row, so
  // its denominators are never 0).
  for (const avg of ['binary', 'macro', 'weighted']) for (const w of [true, false]) assert.ok(seen.has(`${avg}:${w}`), `no case ${avg} warned=${w}`);
  assert.ok(seen.has('micro:false'));
});

test('warnings fire exactly where sklearn warns: precision_score, recall_score, f1/fbeta_score and prfs each, every zero_division', () => {
  const seen = new Set<string>();
  cases.forEach((c, i) => {
    const opts = { average: c.average, nClasses: c.nClasses, sampleWeight: c.w, zeroDivision: c.zd };
    const by = value<{ warnedBy: Record<'precision' | 'recall' | 'fbeta', boolean> }>(oracle[2 * N + i]!, `case ${i}`).warnedBy;
    const what = `prf case ${i} (${c.average}, n=${c.yTrue.length}, k=${c.k}, zd=${c.zd})`;
    const fired = (fn: (onWarning: (m: string) => void) => unknown) => {
      const lines: string[] = [];
      fn((m) => lines.push(m));
      return lines;
    };
    const ours = {
      precision: fired((onWarning) => precision(c.yTrue, c.yPred, { ...opts, onWarning })),
      recall: fired((onWarning) => recall(c.yTrue, c.yPred, { ...opts, onWarning })),
      fbeta: fired((onWarning) => fbeta(c.yTrue, c.yPred, c.beta, { ...opts, onWarning })),
    };
    for (const name of ['precision', 'recall', 'fbeta'] as const) {
      assert.equal(ours[name].length > 0, by[name], `${what}: ${name} warned ${JSON.stringify(ours[name])}, sklearn ${name}_score warned=${by[name]}`);
      const warnFor = name === 'fbeta' ? ['fscore' as const] : [name];
      assert.equal(precisionRecallFscore(c.yTrue, c.yPred, { ...opts, beta: c.beta, warnFor }).warnings.length > 0, by[name], `${what}: warnFor ${warnFor}`);
      seen.add(`${name}:${by[name]}:${c.zd}`);
    }
    if (c.average !== 'micro' && by.fbeta) assert.match(ours.fbeta.join('\n'), /^fbeta: F-score is ill-defined and set to 0 for \d+ class\(es\): [\d, ]+, with no true nor predicted rows$/);
  });
  for (const name of ['precision', 'recall', 'fbeta']) for (const w of [true, false]) assert.ok(seen.has(`${name}:${w}:undefined`), `no case ${name} warned=${w}`);
  assert.ok(![...seen].some((x) => x.endsWith(':true:0') || x.endsWith(':true:1')), 'sklearn never warns when zero_division is set');
  // The hand-made case sklearn's f1 is silent on although precision is ill-defined:
  const lines: string[] = [];
  assert.equal(f1([0, 0, 1, 1], [0, 0, 0, 0], { onWarning: (m) => lines.push(m) }), 0);
  assert.equal(lines.length, 0, "f1 is silent");
  precision([0, 0, 1, 1], [0, 0, 0, 0], { onWarning: (m) => lines.push(m) });
  assert.deepEqual(lines, ['precision: precision is ill-defined and set to 0 for 1 class(es): 1, with no predicted rows']);
});

test('precision, recall, f1, fbeta are the fields of precisionRecallFscore', () => {
  const c = cases.find((x) => x.average === 'macro' && x.yTrue.length > 50)!;
  const opts = { average: 'macro' as const, nClasses: c.nClasses };
  const all = precisionRecallFscore(c.yTrue, c.yPred, opts);
  assert.equal(precision(c.yTrue, c.yPred, opts), all.precision);
  assert.equal(recall(c.yTrue, c.yPred, opts), all.recall);
  assert.equal(f1(c.yTrue, c.yPred, opts), all.fscore);
  assert.equal(fbeta(c.yTrue, c.yPred, 2, opts), precisionRecallFscore(c.yTrue, c.yPred, { ...opts, beta: 2 }).fscore);
  assert.equal(fbeta([0, 1, 1], [1, 1, 0], Infinity), recall([0, 1, 1], [1, 1, 0]));
});

test('ill-defined scores are set by zeroDivision and named in the warnings', () => {
  const res = precisionRecallFscore([0, 0, 1], [0, 0, 0], { average: 'macro', nClasses: 3 });
  assert.deepEqual(res.perClass.precision, [2 / 3, 0, 0]);
  assert.deepEqual(res.warnings, [
    'precision and F-score are ill-defined and set to 0 for 2 class(es): 1, 2, with no predicted rows',
    'recall and F-score are ill-defined and set to 0 for 1 class(es): 2, with no true rows',
  ]);
  assert.deepEqual(precisionRecallFscore([0, 0, 1], [0, 0, 0], { average: 'macro', nClasses: 3, zeroDivision: 0 }).warnings, [], 'zeroDivision set: silent, as sklearn');
  assert.deepEqual(precisionRecallFscore([0, 0, 1], [0, 0, 0], { average: 'macro', nClasses: 3, warnFor: ['fscore'] }).warnings,
    ['F-score is ill-defined and set to 0 for 1 class(es): 2, with no true nor predicted rows']);
  assert.deepEqual(precisionRecallFscore([0, 0], [0, 0], { zeroDivision: 1 }).perClass.precision, [1, 1]);
  assert.deepEqual(precisionRecallFscore([0, 1], [0, 1], { average: 'micro' }).warnings, []);
  assert.throws(() => fbeta([0, 1], [0, 1], -1), /^PaperlabError: fbeta beta: expected a number >= 0, got -1$/);
  assert.throws(() => precisionRecallFscore([0, 1], [0, 1], { warnFor: ['f1' as never] }), /^PaperlabError: precisionRecallFscore warnFor: expected an array of 'precision', 'recall', 'fscore', got \["f1"\]$/);
});
