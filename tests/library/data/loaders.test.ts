import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  FASHION_MNIST_DIR, loadDataset, loadFashionMnist, loadIris, loadMnist, MNIST_CLASS_COUNTS, MNIST_SHA256, parseIdx, sha256,
} from '../../../src/library/data/index';

const SKLEARN = '/usr/lib/python3/dist-packages/sklearn/datasets/data';

test('mnist: 10,000 digits, pinned class counts, pixels in [0, 1]', () => {
  const ds = loadMnist();
  assert.deepEqual(ds.shape, [10000, 784]);
  assert.deepEqual(ds.classCounts, [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
  assert.deepEqual(MNIST_CLASS_COUNTS, ds.classCounts);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of ds.x) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  assert.equal(lo, 0);
  assert.equal(hi, 1);
  // The pin is the hash of the package's digit files concatenated in class order.
  const files = Array.from({ length: 10 }, (_, k) => readFileSync(require.resolve(`mnist/src/digits/${k}.json`)));
  assert.equal(sha256(Buffer.concat(files)), MNIST_SHA256);
  assert.equal(ds.sha256, MNIST_SHA256);
});

test('mnist: order is fixed, interleaves classes, and never calls Math.random', () => {
  const original = Math.random; // seed-audit: allow the test traps Math.random to prove the loader never draws
  Math.random = () => { throw new Error('Math.random called'); }; // seed-audit: allow trap, restored below
  let a;
  let b;
  try {
    a = loadMnist({ perClass: 20 });
    b = loadMnist({ perClass: 20 });
  } finally {
    Math.random = original; // seed-audit: allow restores the trapped global
  }
  assert.deepEqual(a.shape, [200, 784]);
  assert.deepEqual(Array.from(a.y.subarray(0, 12)), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
  assert.deepEqual(a.classCounts, new Array(10).fill(20));
  assert.deepEqual(a.x, b.x);
  // Row 3 is the first digit of class 3: the first 784 floats of the package's digits/3.json.
  const three = JSON.parse(readFileSync(require.resolve('mnist/src/digits/3.json'), 'utf8')).data.slice(0, 784);
  assert.deepEqual(Array.from(a.x.subarray(3 * 784, 4 * 784)), three.map(Math.fround));
});

test('mnist: image layout and bad options', () => {
  assert.deepEqual(loadMnist({ perClass: 1, layout: 'image' }).shape, [10, 28, 28, 1]);
  assert.throws(() => loadMnist({ perClass: 900 }), /loadMnist\(options\.perClass\): expected an integer in 1\.\.863, got 900/);
});

test('iris: 150 x 4, 50 per class, equal to scikit-learn\'s iris.csv (oracle)', () => {
  const ds = loadIris();
  assert.deepEqual(ds.shape, [150, 4]);
  assert.deepEqual(ds.classCounts, [50, 50, 50]);
  assert.deepEqual(ds.classNames, ['setosa', 'versicolor', 'virginica']);
  const lines = readFileSync(join(SKLEARN, 'iris.csv'), 'utf8').trim().split('\n').slice(1);
  assert.equal(lines.length, 150);
  lines.forEach((line, i) => {
    const v = line.split(',').map(Number);
    assert.deepEqual(Array.from(ds.x.subarray(i * 4, i * 4 + 4)), v.slice(0, 4).map(Math.fround), `row ${i}`);
    assert.equal(ds.y[i], v[4]);
  });
});

test('fashion-mnist: first n rows of train, full test split with 1,000 per class', () => {
  const head = loadFashionMnist({ limit: 500, layout: 'image' });
  assert.deepEqual(head.shape, [500, 28, 28, 1]);
  assert.equal(head.classCounts!.reduce((a, b) => a + b, 0), 500);
  assert.equal(head.classNames![9], 'Ankle boot');
  // Upstream README: the first training label is 9 (ankle boot).
  assert.equal(head.y[0], 9);
  const t = loadFashionMnist({ split: 'test' });
  assert.deepEqual(t.shape, [10000, 784]);
  assert.deepEqual(t.classCounts, new Array(10).fill(1000));
  assert.ok(t.x.every((v) => v >= 0 && v <= 1));
});

test('fashion-mnist: a missing folder says what to install', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paperlab-fm-'));
  try {
    assert.throws(() => loadFashionMnist({ dir }), (e: Error) => {
      assert.match(e.message, /train-images-idx3-ubyte\.gz not found; install it: apt-get install dataset-fashion-mnist/);
      assert.equal((e as { code?: string }).code, 'missing-dataset');
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('fashion-mnist: a tampered file is refused by its checksum', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paperlab-fm-'));
  try {
    for (const f of ['t10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz']) copyFileSync(join(FASHION_MNIST_DIR, f), join(dir, f));
    assert.equal(loadFashionMnist({ dir, split: 'test', limit: 3 }).shape[0], 3);
    const labels = parseIdx(gunzipSync(readFileSync(join(dir, 't10k-labels-idx1-ubyte.gz'))), 'labels');
    const bytes = new Uint8Array(8 + labels.data.length);
    bytes.set([0, 0, 8, 1, 0, 0, 0x27, 0x10]);
    bytes.set(labels.data, 8);
    bytes[8] = (bytes[8]! + 1) % 10; // one label changed
    writeFileSync(join(dir, 't10k-labels-idx1-ubyte.gz'), gzipSync(bytes));
    assert.throws(() => loadFashionMnist({ dir, split: 'test' }),
      /t10k-labels-idx1-ubyte\.gz \(gunzipped\): sha256 mismatch: expected 0402a96d.*, got [0-9a-f]{64}; .*apt-get install --reinstall dataset-fashion-mnist/);
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('parseIdx: reads dims big-endian and refuses truncated or non-ubyte files', () => {
  const ok = new Uint8Array([0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6]);
  const arr = parseIdx(ok, 'x.idx');
  assert.deepEqual(arr.dims, [2, 3]);
  assert.deepEqual(Array.from(arr.data), [1, 2, 3, 4, 5, 6]);
  assert.throws(() => parseIdx(ok.subarray(0, 17), 'x.idx'), /x\.idx: length: expected 12 \+ 2 x 3 = 18 bytes, got 17; the file is truncated/);
  assert.throws(() => parseIdx(new Uint8Array([0, 0, 0x0d, 1, 0, 0, 0, 0]), 'f.idx'), /f\.idx: type code: expected 0x08 \(unsigned byte\), got 0xd/);
});

test('loadDataset: by config name, with a first-n limit; unknown names list the known ones', () => {
  assert.deepEqual(loadDataset('iris', { limit: 10 }).shape, [10, 4]);
  assert.deepEqual(loadDataset('mnist', { limit: 20 }).classCounts, [2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
  assert.equal(loadDataset('fashion-mnist', { split: 'test', limit: 5 }).name, 'fashion-mnist/test');
  assert.deepEqual(loadDataset('breast-cancer').shape, [569, 30]);
  assert.throws(() => loadDataset('cifar10'), /loadDataset\(name\): expected one of mnist, fashion-mnist, iris, breast-cancer, wine, got cifar10/);
  assert.throws(() => loadDataset('iris', { split: 'test' }), /loadDataset\(iris, options\.split\): expected no split/);
  assert.throws(() => loadDataset('wine', { limit: 500 }), /loadDataset\(wine, options\.limit\): expected an integer in 1\.\.178, got 500/);
});
