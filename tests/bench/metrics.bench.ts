/**
 * Benchmark of src/metrics on n rows (default 1,000,000) and K = 10 classes, beside scikit-learn
 * 1.2 (Debian python3-sklearn, a child process reading the same bytes). Not a test: run it with
 *   node --import tsx tests/bench/metrics.bench.ts [n] [reps]
 * Prints seconds per metric (best of `reps`) for both, their ratio, and whether the values agree.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accuracy, confusionMatrix, f1, logLoss, mse, r2, rocAuc } from '../../src/library/metrics/index';
import { rng } from '../../src/library/random/index';

const n = Number(process.argv[2] ?? 1_000_000);
const reps = Number(process.argv[3] ?? 3);
const k = 10;
const r = rng('bench').child('metrics');

const y = Int32Array.from({ length: n }, () => r.integer(0, k));
const pred = y.map((v) => (r.uniform() < 0.7 ? v : r.integer(0, k)));
const score = Float64Array.from(y, (v) => Math.round((v === 0 ? 1 : 0) + r.normal() * 100) / 100); // 2 decimals: many ties
const yb = y.map((v) => (v === 0 ? 1 : 0));
const proba = new Float64Array(n * k);
for (let i = 0; i < n; i++) {
  let s = 0;
  for (let c = 0; c < k; c++) s += proba[i * k + c] = Math.exp(r.normal() + (c === y[i] ? 1 : 0));
  for (let c = 0; c < k; c++) proba[i * k + c]! /= s;
}
const regTrue = Float64Array.from({ length: n }, () => r.normal(3, 2));
const regPred = regTrue.map((v) => v + r.normal(0, 0.5));

const RUNS: Record<string, () => unknown> = {
  accuracy: () => accuracy(y, pred),
  confusionMatrix: () => confusionMatrix(y, pred, { nClasses: k }),
  'f1 macro': () => f1(y, pred, { average: 'macro', nClasses: k }),
  'rocAuc binary': () => rocAuc(yb, score),
  'rocAuc ovr macro': () => rocAuc(y, proba),
  logLoss: () => logLoss(y, proba, { nClasses: k }),
  mse: () => mse(regTrue, regPred),
  r2: () => r2(regTrue, regPred),
};

function best(f: () => unknown): { seconds: number; value: unknown } {
  let seconds = Infinity;
  let value: unknown;
  for (let i = 0; i < reps; i++) {
    const t0 = process.hrtime.bigint();
    value = f();
    seconds = Math.min(seconds, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return { seconds, value };
}

const dir = mkdtempSync(join(tmpdir(), 'paperlab-metrics-bench-'));
try {
  const bytes = (a: Int32Array | Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  writeFileSync(join(dir, 'meta.json'), JSON.stringify({ n, k, reps }));
  writeFileSync(join(dir, 'y.i32'), bytes(y));
  writeFileSync(join(dir, 'pred.i32'), bytes(pred));
  writeFileSync(join(dir, 'score.f64'), bytes(score));
  writeFileSync(join(dir, 'proba.f64'), bytes(proba));
  writeFileSync(join(dir, 'reg_true.f64'), bytes(regTrue));
  writeFileSync(join(dir, 'reg_pred.f64'), bytes(regPred));
  const ours = Object.fromEntries(Object.entries(RUNS).map(([name, f]) => [name, best(f)]));
  const res = spawnSync('/usr/bin/python3', [join(__dirname, 'metrics_sklearn.py'), dir], { maxBuffer: 1 << 26 });
  if (res.status !== 0) throw new Error(`metrics_sklearn.py failed: ${res.stderr.toString()}`);
  const theirs = JSON.parse(res.stdout.toString()) as Record<string, { seconds: number; value: unknown }>;
  console.log(`metrics on n=${n}, K=${k}, best of ${reps} (seconds)`);
  console.log('metric'.padEnd(18), 'paperlab'.padStart(9), 'sklearn'.padStart(9), 'ratio'.padStart(7), '  values');
  for (const [name, o] of Object.entries(ours)) {
    const t = theirs[name]!;
    const same = JSON.stringify(o.value) === JSON.stringify(t.value);
    const agree = same || (typeof o.value === 'number' && Math.abs(o.value - (t.value as number)) <= 1e-12 * Math.abs(t.value as number));
    console.log(name.padEnd(18), o.seconds.toFixed(3).padStart(9), t.seconds.toFixed(3).padStart(9),
      (o.seconds / t.seconds).toFixed(2).padStart(7), `  ${same ? 'identical' : agree ? 'within 1e-12' : `DIFFER ${String(o.value)} vs ${String(t.value)}`}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
