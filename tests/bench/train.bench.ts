/**
 * Training throughput of the offline TF.js backends with and without paperlab's training kernels
 * (src/kernels), beside PyTorch CPU in the same run. Not a test: run it with
 *   node --import tsx tests/bench/train.bench.ts [budgetSeconds=3]
 * Models (as in the issue): MLP 784-256-256-10, batch 128; CNN conv3x3x32 'same', maxpool 2,
 * conv3x3x64 'same', maxpool 2, dense128, dense10 on 28x28x1, batch 64; Adam, softmax cross-entropy,
 * random data (throughput does not depend on the values). Each figure: 2 warm-up steps, then steps
 * until `budgetSeconds` have passed (at least 3). Prints samples/s, the ratio to PyTorch and the
 * gain of the project kernels, then per-kernel times. The machine is shared: the load average is
 * printed, and only ratios within one run mean much.
 * PyTorch: Debian python3-torch via /usr/bin/python3, OPENBLAS_NUM_THREADS=1, torch.set_num_threads(2).
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../src/library/backend/index';
import { registerTrainingKernels, unregisterTrainingKernels } from '../../src/library/kernels/index';
import { nativeStatus } from '../../src/library/native/index';
import { cnn, mlp, type Net } from './models';
import { kernelTable } from './train-kernels';

const budget = Number(process.argv[2] ?? 3);
type Variant = 'tfjs kernels' | 'paperlab kernels';

/** Samples/s of Adam steps on `make()`'s model, or the error text when a step fails. */
function throughput(make: () => Net): { samplesPerSecond: number; loss: number } | { error: string } {
  const net = make();
  const opt = tf.train.adam(1e-3);
  const step = () => {
    const l = opt.minimize(net.loss, true, net.vars) as tf.Scalar;
    const value = l.dataSync()[0];
    l.dispose();
    return value;
  };
  try {
    step();
    step();
    let steps = 0;
    let loss = NaN;
    const t0 = performance.now();
    while (steps < 3 || performance.now() - t0 < budget * 1000) {
      loss = step();
      steps++;
    }
    return { samplesPerSecond: (steps * net.batch) / ((performance.now() - t0) / 1000), loss };
  } catch (err) {
    return { error: String((err as Error).message ?? err).split('\n')[0].slice(0, 90) };
  } finally {
    opt.dispose();
    net.dispose();
  }
}

function torchPeer(): { mlp: number; cnn: number; torch: string } | { error: string } {
  const script = join(__dirname, 'train_torch.py');
  const res = spawnSync('/usr/bin/python3', [script, String(budget)], { encoding: 'utf8', env: { ...process.env, OPENBLAS_NUM_THREADS: '1' } });
  if (res.error) return { error: `cannot run /usr/bin/python3 (${res.error.message})` };
  if (/No module named 'torch'/.test(res.stderr)) return { error: 'PyTorch missing: apt-get install -y python3-torch libopenblas0-pthread' };
  if (res.status !== 0) return { error: `train_torch.py failed: ${res.stderr.trim().split('\n').pop()}` };
  return JSON.parse(res.stdout.trim().split('\n').pop() as string);
}

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: n < 100 ? 1 : 0 });
// The cpu backend's own Conv2DBackpropFilter needs ~35 s (quiet machine) to ~90 s (loaded) per CNN
// step at batch 64: too long for a few-second figure. Set PAPERLAB_BENCH_SLOW=1 to measure it anyway.
const slowOk = process.env.PAPERLAB_BENCH_SLOW === '1';

const MODELS = [['mlp 784-256-256-10 b128', mlp], ['cnn 32-64-128-10 b64', cnn]] as const;

// The compute path is chosen once per process: the fallback's figures come from a child run with
// PAPERLAB_NATIVE=off that measures only wasm with the project's JS-path kernels.
const FALLBACK_CHILD = 'PAPERLAB_BENCH_FALLBACK_CHILD';

async function fallbackChild(): Promise<void> {
  registerTrainingKernels();
  await useBackend({ force: 'wasm', log: () => undefined });
  const out: Record<string, number | string> = {};
  for (const [name, make] of MODELS) {
    const r = throughput(make);
    out[name] = 'error' in r ? r.error : r.samplesPerSecond;
  }
  console.log(JSON.stringify(out));
}

function fallbackFigures(): Record<string, number | string> {
  const res = spawnSync(process.execPath, ['--import', 'tsx', __filename, String(budget)], {
    encoding: 'utf8', env: { ...process.env, PAPERLAB_NATIVE: 'off', [FALLBACK_CHILD]: '1' },
  });
  if (res.status !== 0) return Object.fromEntries(MODELS.map(([name]) => [name, `child failed: ${res.stderr.trim().split('\n').pop()}`]));
  return JSON.parse(res.stdout.trim().split('\n').pop()!);
}

async function main(): Promise<void> {
  console.log(`train bench: budget ${budget} s per figure; load average before ${loadavg().map((l) => l.toFixed(1)).join(' ')} (2 cores)`);
  const native = nativeStatus().on;
  const fallback = native ? fallbackFigures() : {};
  const torch = torchPeer();
  const rows: string[][] = [];
  for (const [name, make] of MODELS) {
    const peer = 'error' in torch ? undefined : name.startsWith('mlp') ? torch.mlp : torch.cnn;
    rows.push([name, 'pytorch cpu', 'error' in torch ? torch.error : fmt(peer ?? NaN), peer ? '1' : '', '']);
    for (const backend of ['cpu', 'wasm'] as const) {
      const own: Record<string, number> = {};
      for (const variant of ['tfjs kernels', 'paperlab kernels'] as Variant[]) {
        if (variant === 'tfjs kernels') unregisterTrainingKernels();
        else registerTrainingKernels();
        await useBackend({ force: backend, log: () => undefined });
        if (backend === 'cpu' && variant === 'tfjs kernels' && name.startsWith('cnn') && !slowOk) {
          rows.push([name, `${backend} (${variant})`, 'skipped: Conv2DBackpropFilter alone ~35 s/step (kernel table); PAPERLAB_BENCH_SLOW=1 runs it', '', '']);
          continue;
        }
        const r = throughput(make);
        if ('error' in r) {
          rows.push([name, `${backend} (${variant})`, `fails: ${r.error}`, '', '']);
          continue;
        }
        own[variant] = r.samplesPerSecond;
        const gain = variant === 'paperlab kernels' && own['tfjs kernels'] ? `${(r.samplesPerSecond / own['tfjs kernels']).toFixed(1)}x` : '';
        if (backend === 'wasm' && variant === 'paperlab kernels' && native) {
          const js = fallback[name];
          rows.push([name, 'wasm (paperlab JS kernels, PAPERLAB_NATIVE=off)', typeof js === 'number' ? fmt(js) : String(js), peer && typeof js === 'number' ? (js / peer).toFixed(3) : '', '']);
        }
        const label = backend === 'wasm' && variant === 'paperlab kernels' && native ? 'wasm (paperlab native kernels)' : `${backend} (${variant})`;
        rows.push([name, label, fmt(r.samplesPerSecond), peer ? (r.samplesPerSecond / peer).toFixed(3) : '', gain]);
      }
    }
  }
  registerTrainingKernels();
  printTable(['model', 'runtime', 'samples/s', 'vs pytorch', 'kernel gain'], rows);
  if (!('error' in torch)) console.log(`pytorch ${torch.torch}, 2 threads, OPENBLAS_NUM_THREADS=1`);
  console.log('\nper-kernel times at the benchmark models\' shapes (best of a few calls):');
  printTable(['kernel', 'shape', 'backend', 'tfjs ms', 'paperlab ms', 'speed-up'], await kernelTable(budget));
  console.log(`load average after ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
}

function printTable(head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (c ?? '').padEnd(widths[i])).join('  ').trimEnd();
  console.log(line(head));
  for (const r of rows) console.log(line(r));
}

if (require.main === module) void (process.env[FALLBACK_CHILD] === '1' ? fallbackChild() : main());
