import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { invalid, PaperlabError } from '../errors/index';
import { verifySha256 } from './checksum';
import { checkDataset, countClasses, type Dataset } from './dataset';
import { parseIdx } from './idx';

/** Where Debian's `dataset-fashion-mnist` puts the idx files. */
export const FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

/** Label names, from the Fashion-MNIST README (Xiao, Rasul & Vollgraf 2017). */
export const FASHION_MNIST_CLASSES: readonly string[] = [
  'T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot',
];

// sha256 of the *gunzipped* files of Debian dataset-fashion-mnist 0.0~git20200523.55506a9-1. The
// .gz files themselves differ from upstream's (Debian recompressed them: the README's MD5s do not
// match), so the content is pinned, not the archive.
const SPLITS = {
  train: { n: 60000, images: 'train-images-idx3-ubyte.gz', labels: 'train-labels-idx1-ubyte.gz',
    imagesSha256: 'c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888',
    labelsSha256: 'bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9' },
  test: { n: 10000, images: 't10k-images-idx3-ubyte.gz', labels: 't10k-labels-idx1-ubyte.gz',
    imagesSha256: '5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b',
    labelsSha256: '0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34' },
} as const;

/** Options of `loadFashionMnist`. */
export interface FashionMnistOptions {
  /** `'train'` (60,000 images, default) or `'test'` (10,000). */
  split?: 'train' | 'test';
  /** Keep only the first `limit` rows, in file order (the files interleave classes). Default: all. */
  limit?: number;
  /** `'flat'` gives feature shape `[784]` (default), `'image'` gives `[28, 28, 1]` (NHWC). */
  layout?: 'flat' | 'image';
  /** Folder holding the four idx .gz files. Default `FASHION_MNIST_DIR`. */
  dir?: string;
}

/**
 * Fashion-MNIST from Debian's `dataset-fashion-mnist` (install it: apt-get install dataset-fashion-mnist).
 * Pixels are floats in [0, 1] (byte / 255). The content is checked against pinned sha256s and the
 * full split's class counts (6,000 per class in train, 1,000 in test) before `limit` is applied.
 * The result's `sha256` is that of the gunzipped images file of the split.
 */
export function loadFashionMnist(options: FashionMnistOptions = {}): Dataset {
  const { split = 'train', layout = 'flat', dir = FASHION_MNIST_DIR, limit } = options;
  const spec = SPLITS[split];
  if (!spec) throw invalid('loadFashionMnist(options.split)', "'train' or 'test'", split);
  if (layout !== 'flat' && layout !== 'image') throw invalid('loadFashionMnist(options.layout)', "'flat' or 'image'", layout);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > spec.n)) {
    throw invalid('loadFashionMnist(options.limit)', `an integer in 1..${spec.n}`, limit);
  }
  const imagesPath = join(dir, spec.images);
  const labelsPath = join(dir, spec.labels);
  const fix = 'reinstall it: apt-get install --reinstall dataset-fashion-mnist';
  const images = parseIdx(verified(imagesPath, spec.imagesSha256, fix), imagesPath);
  const labels = parseIdx(verified(labelsPath, spec.labelsSha256, fix), labelsPath);
  if (images.dims.join('x') !== `${spec.n}x28x28` || labels.dims.join('x') !== `${spec.n}`) {
    throw invalid(`${imagesPath}: dims`, `[${spec.n}, 28, 28] images and [${spec.n}] labels`, `[${images.dims.join(', ')}] and [${labels.dims.join(', ')}]`);
  }
  // Check the full split's labels, then convert only the rows asked for (the train images as
  // floats are 188 MB).
  const perClass = spec.n / 10;
  const fullCounts = countClasses(Int32Array.from(labels.data), 10, `${labelsPath}: labels`);
  if (fullCounts.some((c) => c !== perClass)) {
    throw new PaperlabError('dataset-mismatch', `${labelsPath}: classCounts: expected ${perClass} per class, got [${fullCounts.join(', ')}]; ${fix}`);
  }
  const n = limit ?? spec.n;
  const x = new Float32Array(n * 784);
  for (let i = 0; i < x.length; i++) x[i] = images.data[i]! / 255;
  const y = Int32Array.from(labels.data.subarray(0, n));
  const featureShape = layout === 'flat' ? [784] : [28, 28, 1];
  return checkDataset({
    name: `fashion-mnist/${split}`, x, y, shape: [n, ...featureShape], task: 'classification', nClasses: 10,
    classNames: FASHION_MNIST_CLASSES, classCounts: countClasses(y, 10), source: `Debian dataset-fashion-mnist (${dir})`, licence: 'MIT', sha256: spec.imagesSha256,
  }, { nRows: n, featureShape });
}

function verified(path: string, sha: string, fix: string): Uint8Array {
  if (!existsSync(path)) {
    throw new PaperlabError('missing-dataset', `loadFashionMnist: ${path} not found; install it: apt-get install dataset-fashion-mnist (Debian package, Expat licence)`, {
      where: path, hint: 'apt-get install dataset-fashion-mnist',
    });
  }
  const raw = gunzipSync(readFileSync(path));
  verifySha256(raw, sha, `loadFashionMnist: ${path} (gunzipped)`, fix);
  return raw;
}
