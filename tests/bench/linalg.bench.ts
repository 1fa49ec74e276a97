/**
 * Benchmark of the float64 solvers (src/library/models) at n = D (default 2000) on seeded
 * Gaussian data: paperlab's native path (LAPACK/OpenBLAS), its JS path (a child process with
 * PAPERLAB_NATIVE=off, at a smaller size by default: at 2000 it takes minutes), numpy and
 * scikit-learn 1.2 (Debian's, same OpenBLAS and thread count; linalg_sklearn.py on the same bytes).
 * Not a test: run it with
 *   node --import tsx tests/bench/linalg.bench.ts [n] [reps] [jsN]
 * Prints seconds (best of `reps`), the speed peer time / paperlab time, and how far the results agree.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Matrix } from 'ml-matrix';
import { fitLeastSquares, kernelRidge, qr, randomFourierFeatures, rbfKernel, svd } from '../../src/library/models/index';
import { denseOf, matrixOf } from '../../src/library/models/dense';
import { nativeLine, nativeStatus } from '../../src/library/native/index';
import { rng } from '../../src/library/random/index';

const JS_CHILD = process.argv[2] === '--js-child';
const args = JS_CHILD ? process.argv.slice(3) : process.argv.slice(2);
const n = Number(args[0] ?? 2000);
const reps = Number(args[1] ?? 3);
const jsN = Number(args[2] ?? Math.min(n, 500));
const RIDGE = 1;
const KRR_RIDGE = 0.1;

interface Data { X: Matrix; y: Matrix; Xtest: Matrix; sigma: number }

function data(size: number): Data {
  const r = rng('bench').child('linalg');
  const draw = (rows: number, cols: number): Matrix => matrixOf(Float64Array.from({ length: rows * cols }, () => r.normal()), rows, cols);
  const X = draw(size, size);
  return { X, y: draw(size, 1), Xtest: draw(size, size), sigma: Math.sqrt(size) }; // ||x - z||^2 ~ 2D: k ~ exp(-1)
}

function tasks(d: Data): Record<string, () => Float64Array> {
  const rff = randomFourierFeatures({ inputDim: d.X.columns, nFeatures: d.X.columns, sigma: d.sigma, rng: rng('bench').child('rff') });
  const flat = (M: Matrix): Float64Array => denseOf(M).data;
  let fit: ReturnType<typeof kernelRidge> | undefined;
  return {
    'least squares': () => flat(fitLeastSquares(d.X, d.y).weights),
    ridge: () => flat(fitLeastSquares(d.X, d.y, { ridge: RIDGE }).weights),
    'rbf kernel': () => flat(rbfKernel(d.X, d.X, d.sigma)),
    'kernel ridge fit': () => flat((fit = kernelRidge(d.X, d.y, { sigma: d.sigma, ridge: KRR_RIDGE })).alpha),
    'kernel ridge predict': () => flat((fit ?? kernelRidge(d.X, d.y, { sigma: d.sigma, ridge: KRR_RIDGE })).predict(d.Xtest)),
    'rff map': () => flat(rff.map(d.X)),
    qr: () => flat(qr(d.X).R),
    svd: () => svd(d.X).s,
  };
}

function best(f: () => Float64Array, times: number): { seconds: number; value: Float64Array } {
  let seconds = Infinity;
  let value = new Float64Array(0);
  for (let i = 0; i < times; i++) {
    const t0 = process.hrtime.bigint();
    value = f();
    seconds = Math.min(seconds, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return { seconds, value };
}

function timeAll(size: number, times: number): Record<string, { seconds: number; value: Float64Array }> {
  return Object.fromEntries(Object.entries(tasks(data(size))).map(([name, f]) => [name, best(f, times)]));
}

function maxRel(a: Float64Array, b: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(1, Math.abs(b[i]!)));
  return a.length === b.length ? worst : NaN;
}

if (JS_CHILD) {
  const out = timeAll(n, 1);
  console.log(JSON.stringify(Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.seconds]))));
} else {
  const fmt = (s: number | undefined): string => (s === undefined ? '-' : s.toFixed(3)).padStart(9);
  console.log(nativeLine());
  if (!nativeStatus().on) console.log('(the native column runs the JS path: build the addon for the comparison)');
  const ours = timeAll(n, reps);
  const dir = mkdtempSync(join(tmpdir(), 'paperlab-linalg-bench-'));
  let peer: Record<string, { seconds: number; file: string }>;
  try {
    const d = data(n);
    const bytes = (a: Float64Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    writeFileSync(join(dir, 'meta.json'), JSON.stringify({ n, reps, sigma: d.sigma, ridge: RIDGE, krrRidge: KRR_RIDGE }));
    writeFileSync(join(dir, 'X.f64'), bytes(denseOf(d.X).data));
    writeFileSync(join(dir, 'y.f64'), bytes(denseOf(d.y).data));
    writeFileSync(join(dir, 'Xtest.f64'), bytes(denseOf(d.Xtest).data));
    // The Fourier features' draws, as randomFourierFeatures makes them (column k: draws k*D..k*D+D-1).
    const s = rng('bench').child('rff');
    const W = new Float64Array(n * n);
    const Wr = s.child('W');
    for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) W[j * n + k] = Wr.normal(0, 1 / d.sigma);
    const br = s.child('b');
    writeFileSync(join(dir, 'W.f64'), bytes(W));
    writeFileSync(join(dir, 'b.f64'), bytes(Float64Array.from({ length: n }, () => br.uniform(0, 2 * Math.PI))));
    const res = spawnSync('/usr/bin/python3', [join(__dirname, 'linalg_sklearn.py'), dir], { maxBuffer: 1 << 26, encoding: 'utf8' });
    if (res.status !== 0) throw new Error(`linalg_sklearn.py failed: ${res.stderr}`);
    const lines = res.stdout.trim().split('\n');
    console.log(lines[0]);
    peer = JSON.parse(lines[1]!) as Record<string, { seconds: number; file: string }>;
    for (const v of Object.values(peer)) v.file = join(dir, v.file);
    const agree = Object.fromEntries(Object.entries(ours).map(([name, o]) => {
      const p = peer[name];
      return [name, p ? maxRel(o.value, new Float64Array(new Uint8Array(readFileSync(p.file)).buffer)) : NaN];
    }));
    // The JS path in its own process (the native choice is made once per process).
    const js = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--js-child', String(jsN), '1'], {
      encoding: 'utf8', env: { ...process.env, PAPERLAB_NATIVE: 'off' }, maxBuffer: 1 << 24,
    });
    const jsTimes = js.status === 0 ? (JSON.parse(js.stdout.trim().split('\n').pop()!) as Record<string, number>) : {};
    if (js.status !== 0) console.log(`JS path failed: ${js.stderr.slice(0, 300)}`);
    const oursSmall = jsN === n ? ours : timeAll(jsN, reps);
    console.log(`\nfloat64 solvers at n = D = ${n}, best of ${reps} (seconds); ridge ${RIDGE}, kernel ridge ${KRR_RIDGE}, sigma sqrt(D)`);
    console.log('task'.padEnd(22), 'native'.padStart(9), 'numpy/sk'.padStart(9), 'speed'.padStart(7), '  max rel diff', `  | at n = D = ${jsN}:`, 'JS'.padStart(8), 'native'.padStart(9), 'JS/native'.padStart(10));
    for (const [name, o] of Object.entries(ours)) {
      const p = peer[name];
      console.log(name.padEnd(22), fmt(o.seconds), fmt(p?.seconds), (p ? (p.seconds / o.seconds).toFixed(2) : '-').padStart(7),
        `  ${agree[name]!.toExponential(1).padStart(12)}`, ''.padStart(17), fmt(jsTimes[name]), fmt(oursSmall[name]!.seconds),
        (jsTimes[name] ? (jsTimes[name]! / oursSmall[name]!.seconds).toFixed(1) : '-').padStart(10));
    }
    console.log('speed = numpy-or-sklearn time / native time (> 1: paperlab faster; the goal is >= 0.5); max rel diff = max |a - b| / max(1, |b|) between their results');
    if (jsN < n) console.log(`JS path measured at n = D = ${jsN} (one run each; at 2000 it takes minutes): pass jsN as the third argument to change it`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
