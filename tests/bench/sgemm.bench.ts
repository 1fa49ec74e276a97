/**
 * sgemm throughput of the native path against OpenBLAS's own figure, in one run. Not a test:
 *   node --import tsx tests/bench/sgemm.bench.ts [reps=5]
 * For n x n x n products (n = 256, 512, 1024, 2048) it prints GFLOP/s (2 n^3 flops) of:
 * - the addon's `matmul` on Float32Arrays (the call a TF.js kernel makes, without TF.js);
 * - `tf.matMul` on the wasm backend, whose BatchMatMul is the native kernel (adds TF.js's
 *   allocation, the copy of the inputs into the wasm heap by tf.tensor is outside the timing);
 * - numpy float32 matmul (Debian numpy, the same OpenBLAS with its own threads): the peer.
 * The goal (issue 12) is >= 80% of OpenBLAS's own figure.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../src/library/backend/index';
import { registerTrainingKernels } from '../../src/library/kernels/index';
import { nativeBinding, nativeLine } from '../../src/library/native/index';
import { rng } from '../../src/library/random/index';

const reps = Number(process.argv[2] ?? 5);
const SIZES = [256, 512, 1024, 2048];

function best(f: () => void): number {
  f();
  let min = Infinity;
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    f();
    min = Math.min(min, (performance.now() - t0) / 1000);
  }
  return min;
}

function numpy(): { seconds: Record<string, number>; numpy: string; blas: string } | { error: string } {
  const res = spawnSync('/usr/bin/python3', [join(__dirname, 'sgemm_numpy.py'), String(reps), ...SIZES.map(String)], { encoding: 'utf8' });
  if (res.status !== 0) return { error: `sgemm_numpy.py failed: ${(res.stderr || String(res.error)).trim().split('\n').pop()}` };
  return JSON.parse(res.stdout.trim().split('\n').pop()!);
}

async function main(): Promise<void> {
  console.log(`sgemm bench: best of ${reps}; load average before ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const native = nativeBinding();
  if (!native) {
    console.log(`${nativeLine()}: nothing to measure`);
    return;
  }
  registerTrainingKernels();
  await useBackend({ force: 'wasm', log: () => undefined });
  const peer = numpy();
  const gflops = (n: number, s: number) => (2 * n ** 3) / s / 1e9;
  const rows: string[][] = [];
  for (const n of SIZES) {
    const r = rng('bench').child(`sgemm-${n}`);
    const a = Float32Array.from({ length: n * n }, () => r.normal());
    const b = Float32Array.from({ length: n * n }, () => r.normal());
    const c = new Float32Array(n * n);
    const addon = best(() => native.matmul(a, b, c, 1, n, n, n, false, false, 0, 0));
    const ta = tf.tensor2d(a, [n, n]);
    const tb = tf.tensor2d(b, [n, n]);
    const viaTf = best(() => tf.matMul(ta, tb).dispose());
    tf.dispose([ta, tb]);
    const own = 'error' in peer ? undefined : peer.seconds[String(n)];
    const pct = (s: number) => (own ? `${((100 * own) / s).toFixed(0)}%` : '');
    rows.push([`${n}^3`, gflops(n, addon).toFixed(1), pct(addon), gflops(n, viaTf).toFixed(1), pct(viaTf), own ? gflops(n, own).toFixed(1) : 'error' in peer ? peer.error : '']);
  }
  const head = ['size', 'addon GFLOP/s', 'of OpenBLAS', 'tf.matMul (wasm) GFLOP/s', 'of OpenBLAS', 'numpy/OpenBLAS GFLOP/s'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  for (const row of [head, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
  if (!('error' in peer)) console.log(`peer: numpy ${peer.numpy}, ${peer.blas}`);
  console.log(`load average after ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
}

if (require.main === module) void main();
