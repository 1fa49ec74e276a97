// Cost of the training loop around the optimizer step: a bare loop of trainStep() vs train() with
// the per-step NaN/Inf parameter check on and off. Run: npx tsx tests/train/train-overhead.bench.ts [cpu|wasm]
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../../src/library/backend/index';
import { mlp } from '../../../src/library/models/index';
import { setRootSeed } from '../../../src/library/random/index';
import { train, trainStep } from '../../../src/library/train/index';

const loss = (p: tf.Tensor, y: tf.Tensor): tf.Scalar => tf.losses.softmaxCrossEntropy(y, p) as tf.Scalar;

async function main(): Promise<void> {
  const backend = process.argv[2] ?? 'cpu';
  await useBackend({ force: backend, log: () => {} });
  setRootSeed(1);
  const n = 2048;
  const x = tf.randomNormal([n, 784], 0, 1, 'float32', 1);
  const y = tf.oneHot(tf.randomUniform([n], 0, 10, 'int32', 2), 10).toFloat();
  const steps = 60;
  const rows: string[] = [];
  for (const variant of ['bare', 'train (check weights every step)', 'train (checkWeightsEvery 0)', 'bare', 'train (check weights every step)', 'train (checkWeightsEvery 0)']) {
    const model = mlp({ widths: [784, 256, 256, 10] });
    const optimizer = tf.train.adam(1e-3);
    const xb = x.slice([0, 0], [128, 784]);
    const yb = y.slice([0, 0], [128, 10]);
    trainStep(model, loss, optimizer, xb, yb)(); // warm-up
    const t0 = performance.now();
    if (variant === 'bare') {
      const step = trainStep(model, loss, optimizer, xb, yb);
      for (let i = 0; i < steps; i++) step();
    } else {
      await train({ model, loss, optimizer, data: { x, y }, batchSize: 128, steps, progress: false, record: false, checkWeightsEvery: variant.includes('0)') ? 0 : 1 });
    }
    const ms = (performance.now() - t0) / steps;
    rows.push(`${backend} ${variant.padEnd(34)} ${ms.toFixed(2)} ms/step  ${((128 * 1000) / ms).toFixed(0)} samples/s`);
    model.dispose();
    optimizer.dispose();
    tf.dispose([xb, yb]);
  }
  console.log(rows.join('\n'));
}

void main();
