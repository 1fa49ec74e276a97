// Per-kernel half of tests/bench/train.bench.ts: each project kernel beside the backend's own, at
// the shapes the benchmark models produce in backprop.
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../src/library/backend/index';
import { registerTrainingKernels, unregisterTrainingKernels } from '../../src/library/kernels/index';
import { rng } from '../../src/library/random/index';

interface KernelCase {
  kernel: string;
  label: string;
  backends: ('cpu' | 'wasm')[];
  /** Inputs (shapes) and attributes; `batch` scales the first axis of every input. */
  make(batch: number): { inputs: Record<string, number[] | { ids: number[]; max: number }>; attrs: object };
  batch: number;
  /** Smaller batch for a backend's own kernel that takes minutes at full size; scaled linearly. */
  slowBatch?: { backend: 'cpu' | 'wasm'; batch: number };
}

const conv = (x: number[], f: number[], dy: number[]) => (batch: number) => ({
  inputs: { x: [batch, ...x], dy: [batch, ...dy] },
  attrs: { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: f },
});

const CASES: KernelCase[] = [
  { kernel: 'Conv2DBackpropFilter', label: 'cnn conv1 x[64,28,28,1]', backends: ['wasm', 'cpu'], batch: 64, make: conv([28, 28, 1], [3, 3, 1, 32], [28, 28, 32]), slowBatch: { backend: 'cpu', batch: 4 } },
  { kernel: 'Conv2DBackpropFilter', label: 'cnn conv2 x[64,14,14,32]', backends: ['wasm', 'cpu'], batch: 64, make: conv([14, 14, 32], [3, 3, 32, 64], [14, 14, 64]), slowBatch: { backend: 'cpu', batch: 4 } },
  {
    kernel: 'Conv2DBackpropInput', label: 'cnn conv2 dy[64,14,14,64]', backends: ['wasm'], batch: 64,
    make: (b) => ({ inputs: { dy: [b, 14, 14, 64], filter: [3, 3, 32, 64] }, attrs: { strides: 1, pad: 'same', dataFormat: 'NHWC', inputShape: [b, 14, 14, 32] } }),
  },
  {
    kernel: 'MaxPoolGrad', label: 'cnn pool1 x[64,28,28,32] 2x2', backends: ['wasm', 'cpu'], batch: 64,
    make: (b) => ({ inputs: { dy: [b, 14, 14, 32], input: [b, 28, 28, 32], output: [b, 14, 14, 32] }, attrs: { filterSize: 2, strides: 2, pad: 'valid' } }),
  },
  {
    kernel: 'Conv2D', label: "cnn conv2 'same' x[64,14,14,32]", backends: ['wasm'], batch: 64,
    make: (b) => ({ inputs: { x: [b, 14, 14, 32], filter: [3, 3, 32, 64] }, attrs: { strides: 1, pad: 'same', dataFormat: 'NHWC', dilations: 1 } }),
  },
  { kernel: 'BatchMatMul', label: 'mlp dW1 = x^T dy [128,784]^T[128,256]', backends: ['wasm'], batch: 1, make: () => ({ inputs: { a: [1, 128, 784], b: [1, 128, 256] }, attrs: { transposeA: true, transposeB: false } }) },
  { kernel: 'BatchMatMul', label: 'mlp dx2 = dy W^T [128,256][256,256]^T', backends: ['wasm'], batch: 1, make: () => ({ inputs: { a: [1, 128, 256], b: [1, 256, 256] }, attrs: { transposeA: false, transposeB: true } }) },
  { kernel: 'BatchMatMul', label: 'cnn dW3 = h^T dy [64,3136]^T[64,128]', backends: ['wasm'], batch: 1, make: () => ({ inputs: { a: [1, 64, 3136], b: [1, 64, 128] }, attrs: { transposeA: true, transposeB: false } }) },
  {
    kernel: 'UnsortedSegmentSum', label: 'embedding grad [2560,64] -> 1000 rows', backends: ['wasm', 'cpu'], batch: 2560, slowBatch: { backend: 'cpu', batch: 64 },
    make: (b) => ({ inputs: { x: [b, 64], segmentIds: { ids: [b], max: 1000 } }, attrs: { numSegments: 1000 } }),
  },
];

// tfjs-backend-cpu's own filter gradient (~90 s per call at batch 64) and segment sum (~85 s for
// 1,000 segments of 2,560 rows) are measured on a smaller batch and scaled linearly (their work
// is linear in it), marked as such; PAPERLAB_BENCH_SLOW=1 measures them at full size.

function tensors(spec: ReturnType<KernelCase['make']>['inputs']): Record<string, tf.Tensor> {
  const r = rng('bench').child('kernels');
  const out: Record<string, tf.Tensor> = {};
  for (const [name, s] of Object.entries(spec)) {
    if (Array.isArray(s)) {
      out[name] = tf.tensor(Float32Array.from({ length: s.reduce((a, b) => a * b, 1) }, () => r.normal()), s);
    } else {
      out[name] = tf.tensor(Int32Array.from({ length: s.ids[0] }, () => r.integer(0, s.max)), s.ids, 'int32');
    }
  }
  return out;
}

/** Best wall time of a kernel call in ms (a few calls within ~budget/3 s), or the error. */
function bestMs(kernel: string, c: ReturnType<KernelCase['make']>, budget: number): number | string {
  const inputs = tensors(c.inputs);
  try {
    const call = () => tf.dispose(tf.engine().runKernel(kernel, inputs as unknown as tf.NamedTensorMap, c.attrs as tf.NamedAttrMap));
    const first = performance.now();
    call();
    // A kernel slower than the budget is timed once (its warm-up call), not repeated.
    if (performance.now() - first > (budget * 1000) / 3) return performance.now() - first;
    let best = Infinity;
    const t0 = performance.now();
    for (let i = 0; i < 5 && (i < 2 || performance.now() - t0 < (budget * 1000) / 3); i++) {
      const s = performance.now();
      call();
      best = Math.min(best, performance.now() - s);
    }
    return best;
  } catch (err) {
    return /not registered/.test(String(err)) ? 'absent' : `fails: ${String((err as Error).message).slice(0, 40)}`;
  } finally {
    tf.dispose(Object.values(inputs));
  }
}

async function measure(c: KernelCase, backend: 'cpu' | 'wasm', ours: boolean, budget: number): Promise<{ ms: number | string; scaled: string }> {
  if (ours) registerTrainingKernels();
  else unregisterTrainingKernels();
  await useBackend({ force: backend, log: () => undefined });
  const small = !ours && c.slowBatch?.backend === backend && process.env.PAPERLAB_BENCH_SLOW !== '1' ? c.slowBatch.batch : undefined;
  if (!small) return { ms: bestMs(c.kernel, c.make(c.batch), budget), scaled: '' };
  const ms = bestMs(c.kernel, c.make(small), budget);
  return { ms: typeof ms === 'number' ? (ms * c.batch) / small : ms, scaled: ` (b${small} x${c.batch / small})` };
}

/** Rows of kernel, shape, backend, tfjs ms, paperlab ms, speed-up. Leaves the project kernels registered. */
export async function kernelTable(budget: number): Promise<string[][]> {
  const rows: string[][] = [];
  const show = (m: { ms: number | string; scaled: string }) => (typeof m.ms === 'number' ? `${m.ms.toFixed(1)}${m.scaled}` : m.ms);
  for (const c of CASES) {
    for (const backend of c.backends) {
      const own = await measure(c, backend, false, budget);
      const ours = await measure(c, backend, true, budget);
      const speedUp = typeof own.ms === 'number' && typeof ours.ms === 'number' ? `${(own.ms / ours.ms).toFixed(1)}x` : '';
      rows.push([c.kernel, c.label, backend, show(own), show(ours), speedUp]);
    }
  }
  registerTrainingKernels();
  return rows;
}
