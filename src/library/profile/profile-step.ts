import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs';
import { invalid } from '../errors/index';

/** What `tf.profile` resolves to (tfjs does not export the type by name). */
type ProfileInfo = Awaited<ReturnType<typeof tf.profile>>;

/** Time and memory of one kernel (op) type within a step, averaged over the profiled runs. */
export interface ProfileRow {
  /** TF.js kernel name, e.g. `BatchMatMul`, `Relu`. */
  op: string;
  /** Calls per step. */
  calls: number;
  /** Kernel milliseconds per step. */
  ms: number;
  /** Share of the step's kernel time, 0..1. */
  share: number;
  /** Bytes of tensors its outputs added per step (MiB = / 2^20). */
  bytesAdded: number;
}

/** A profile of one step: per-op rows (slowest first) and whole-step figures. */
export interface StepProfile {
  label: string;
  /** TF.js backend it ran on (`tf.getBackend()`). */
  backend: string;
  /** Profiled runs averaged (after `warmup` unprofiled ones). */
  runs: number;
  rows: ProfileRow[];
  /** Sum of kernel times per step, ms. */
  kernelMs: number;
  /** Wall time per step without the profiler, ms (median of `runs` timed runs): the real speed. */
  wallMs: number;
  /** Wall time per step under the profiler, ms; above `wallMs` by the profiler's own cost. */
  profiledWallMs: number;
  /** Peak bytes of live tensors during a step (tf.profile's peakBytes). */
  peakBytes: number;
  /** Bytes and tensors a step leaves behind (0 for a tidy step). */
  newBytes: number;
  newTensors: number;
  /** Kernels whose time the backend did not report (counted, timed as 0). */
  untimedKernels: number;
}

/** Options of {@link profileStep}. */
export interface ProfileOptions {
  /** Name shown in tables and plots; default 'step'. */
  label?: string;
  /** Unprofiled runs first (the first call of a kernel is slow: allocation, compilation); default 1. */
  warmup?: number;
  /** Profiled runs to average, and as many timed runs for `wallMs`; default 3. */
  runs?: number;
}

type StepFn = () => unknown;

/**
 * Profiles one training step with `tf.profile` (tfjs 4.22 reports per-kernel times on cpu and wasm):
 * time per op type, its share, bytes added, peak memory, and the unprofiled wall time per step.
 * The step really runs `warmup + 2 x runs` times, so it changes the weights it trains: profile before
 * a run or on a throwaway model. Whatever `fn` returns is disposed.
 *
 * ```ts
 * const before = await profileStep(trainStep(model, loss, optimizer, xb, yb), { label: 'matMul(transposeA)' });
 * console.log(formatProfile(before));
 * ```
 */
export async function profileStep(fn: StepFn, options: ProfileOptions = {}): Promise<StepProfile> {
  const { label = 'step', warmup = 1, runs = 3 } = options;
  if (!Number.isSafeInteger(warmup) || warmup < 0) throw invalid('profileStep(warmup)', 'an integer >= 0', warmup);
  if (!Number.isSafeInteger(runs) || runs < 1) throw invalid('profileStep(runs)', 'a positive integer', runs);
  for (let i = 0; i < warmup; i++) tf.dispose((await fn()) as tf.TensorContainer);
  const walls: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    tf.dispose((await fn()) as tf.TensorContainer);
    walls.push(performance.now() - t0);
  }
  const infos: ProfileInfo[] = [];
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) {
    const info = await tf.profile(async () => (tf.dispose((await fn()) as tf.TensorContainer), undefined));
    infos.push(info);
  }
  const profiledWallMs = (performance.now() - t0) / runs;
  return summarise(label, infos, median(walls), profiledWallMs);
}

function summarise(label: string, infos: ProfileInfo[], wallMs: number, profiledWallMs: number): StepProfile {
  const byOp = new Map<string, { calls: number; ms: number; bytesAdded: number }>();
  let untimed = 0;
  for (const info of infos) {
    for (const k of info.kernels) {
      const row = byOp.get(k.name) ?? { calls: 0, ms: 0, bytesAdded: 0 };
      const ms = k.kernelTimeMs as unknown;
      if (typeof ms === 'number') row.ms += ms;
      else untimed += 1; // e.g. { error } from a backend without a timer
      row.calls += 1;
      row.bytesAdded += k.bytesAdded;
      byOp.set(k.name, row);
    }
  }
  const n = infos.length;
  const kernelMs = [...byOp.values()].reduce((s, r) => s + r.ms, 0) / n;
  const rows = [...byOp.entries()]
    .map(([op, r]) => ({ op, calls: r.calls / n, ms: r.ms / n, share: kernelMs > 0 ? r.ms / n / kernelMs : 0, bytesAdded: r.bytesAdded / n }))
    .sort((a, b) => b.ms - a.ms || a.op.localeCompare(b.op));
  const last = infos[n - 1]!;
  return {
    label, backend: tf.getBackend(), runs: n, rows, kernelMs, wallMs, profiledWallMs,
    peakBytes: Math.max(...infos.map((i) => i.peakBytes)), newBytes: last.newBytes, newTensors: last.newTensors,
    untimedKernels: untimed / n,
  };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
