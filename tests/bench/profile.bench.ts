/**
 * Where one training step's time goes, before and after the native path: the benchmark MLP and CNN
 * (tests/bench/models.ts, Adam) profiled on wasm with the project's JS-path kernels (a child run
 * with PAPERLAB_NATIVE=off) and with the native kernels, then compared op by op. Not a test:
 *   node --import tsx tests/bench/profile.bench.ts [runs=10]
 * Kernel times come from tf.profile (the wasm backend times each kernel); "non-kernel" is the
 * engine's own work between kernels (op dispatch, tape, allocation, the optimizer's JS).
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../src/library/backend/index';
import { registerTrainingKernels } from '../../src/library/kernels/index';
import { nativeStatus } from '../../src/library/native/index';
import { compareProfiles, formatComparison, formatProfile, profileStep, type StepProfile } from '../../src/library/profile/index';
import { cnn, mlp, type Net } from './models';

const runs = Number(process.argv[2] ?? 10);
const CHILD = 'PAPERLAB_BENCH_PROFILE_CHILD';
const MODELS: Array<[string, () => Net]> = [['mlp 784-256-256-10 b128', mlp], ['cnn 32-64-128-10 b64', cnn]];

async function profiles(label: string): Promise<StepProfile[]> {
  registerTrainingKernels();
  await useBackend({ force: 'wasm', log: () => undefined });
  const out: StepProfile[] = [];
  for (const [name, make] of MODELS) {
    const net = make();
    const opt = tf.train.adam(1e-3);
    const step = () => { opt.minimize(net.loss, true, net.vars)?.dispose(); };
    out.push(await profileStep(step, { label: `${name}, ${label}`, warmup: 3, runs }));
    opt.dispose();
    net.dispose();
  }
  return out;
}

async function main(): Promise<void> {
  if (process.env[CHILD] === '1') {
    console.log(JSON.stringify(await profiles('JS-path kernels')));
    return;
  }
  console.log(`profile bench: ${runs} profiled steps per model; load average before ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  if (!nativeStatus().on) throw new Error('the native path is off here: nothing to compare');
  const child = spawnSync(process.execPath, ['--import', 'tsx', __filename, String(runs)], {
    encoding: 'utf8', env: { ...process.env, PAPERLAB_NATIVE: 'off', [CHILD]: '1' }, maxBuffer: 16 * 2 ** 20,
  });
  if (child.status !== 0) throw new Error(`fallback child failed: ${child.stderr}`);
  const before = JSON.parse(child.stdout.trim().split('\n').pop()!) as StepProfile[];
  const after = await profiles('native kernels');
  for (let i = 0; i < MODELS.length; i++) {
    console.log(`\n${formatProfile(before[i]!)}\n\n${formatProfile(after[i]!)}\n\n${formatComparison(compareProfiles(before[i]!, after[i]!))}`);
  }
  console.log(`\nload average after ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
}

void main();
