import { invalid } from '../errors/index';
import { checkParts, mask, type Parts } from './parts';
import { dHash, imageSize, popcount32, type Images } from './image-hash';
import { evalName, idList, MAX_EXAMPLES, percent, plural } from './message';
import type { Finding } from './types';

const REMEDY = 'deduplicate before splitting';

/** `3 test images (1.5 % of the test set)`. */
function imagesOfSide(count: number, total: number, side: string): string {
  return `${plural(count, `${side} image`)} (${percent(total > 0 ? count / total : 0)} of the ${side} set)`;
}

/** Options of {@link checkImageDuplicates}. */
export interface ImageDuplicateOptions {
  /** Largest dHash Hamming distance of a candidate pair, 0..3 (default 3). */
  maxHashDistance?: number;
  /**
   * A candidate is a near copy when the Pearson correlation of its pixels with the training image
   * is at least this (default 0.995). Measured on 2,000 distinct MNIST digits: the most similar
   * pair of different digits (two '1's) reaches 0.980; a copy with N(0, 0.01) noise ~0.999.
   * Mean absolute difference was rejected as the criterion: two different '1's differ by only 0.012.
   */
  minCorrelation?: number;
  maxExamples?: number;
}

/** 0 when the images are identical, else their pixel correlation (1 for a constant pair that differs only by a shift). */
function compare(data: ArrayLike<number>, size: number, a: number, b: number): { identical: boolean; correlation: number } {
  let ma = 0;
  let mb = 0;
  let identical = true;
  for (let k = 0; k < size; k++) {
    const x = data[a * size + k]!;
    const y = data[b * size + k]!;
    if (x !== y) identical = false;
    ma += x;
    mb += y;
  }
  if (identical) return { identical, correlation: 1 };
  ma /= size;
  mb /= size;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let k = 0; k < size; k++) {
    const x = data[a * size + k]! - ma;
    const y = data[b * size + k]! - mb;
    sab += x * y;
    saa += x * x;
    sbb += y * y;
  }
  return { identical, correlation: saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : saa === sbb ? 1 : 0 };
}

/**
 * Training images bucketed by each 16-bit quarter of their dHash. By the pigeonhole principle two
 * hashes within Hamming distance 3 agree on at least one quarter, so the buckets find every pair.
 */
class ImageIndex {
  private readonly lo: Int32Array;
  private readonly hi: Int32Array;
  private readonly buckets = [0, 1, 2, 3].map(() => new Map<number, number[]>());
  private readonly stamp: Int32Array;

  constructor(private readonly images: Images, private readonly size: number, train: Int32Array, evaluation: Int32Array,
    private readonly maxDist: number, private readonly minCorr: number) {
    this.lo = new Int32Array(images.count);
    this.hi = new Int32Array(images.count);
    this.stamp = new Int32Array(images.count).fill(-1);
    for (const r of [train, evaluation]) for (const i of r) [this.lo[i], this.hi[i]] = dHash(images, i);
    for (const r of train) {
      for (let q = 0; q < 4; q++) {
        const b = this.buckets[q]!.get(this.quarter(r, q));
        if (b) b.push(r);
        else this.buckets[q]!.set(this.quarter(r, q), [r]);
      }
    }
  }

  private quarter(i: number, q: number): number {
    return ((q < 2 ? this.lo[i]! : this.hi[i]!) >>> ((q & 1) * 16)) & 0xffff;
  }

  /** `copy` when a training image is identical to image `r`, `near` when one is a near copy, else null. */
  match(r: number): 'copy' | 'near' | null {
    let near = false;
    for (let q = 0; q < 4; q++) {
      for (const t of this.buckets[q]!.get(this.quarter(r, q)) ?? []) {
        if (this.stamp[t] === r) continue; // already compared through another quarter
        this.stamp[t] = r;
        if (popcount32(this.lo[r]! ^ this.lo[t]!) + popcount32(this.hi[r]! ^ this.hi[t]!) > this.maxDist) continue;
        const c = compare(this.images.data, this.size, r, t);
        if (c.identical) return 'copy';
        if (c.correlation >= this.minCorr) near = true;
      }
    }
    return near ? 'near' : null;
  }
}

/**
 * L1.4 for images: evaluation images that are copies (error) or near copies (warning) of training
 * images: dHash within `maxHashDistance`, then confirmed on the pixels (identical, or correlation
 * >= `minCorrelation`). An image id on both sides is left to L1.1.
 */
export function checkImageDuplicates(images: Images, parts: Parts, options: ImageDuplicateOptions = {}): Finding[] {
  const size = imageSize(images, 'checkImageDuplicates(images)');
  const p = checkParts(parts, images.count, 'checkImageDuplicates(parts)');
  const maxDist = options.maxHashDistance ?? 3;
  if (!Number.isInteger(maxDist) || maxDist < 0 || maxDist > 3) throw invalid('checkImageDuplicates(options.maxHashDistance)', 'an integer in 0..3', maxDist);
  const minCorr = options.minCorrelation ?? 0.995;
  if (!(minCorr > 0 && minCorr <= 1)) throw invalid('checkImageDuplicates(options.minCorrelation)', 'a number in (0, 1]', minCorr);
  const maxEx = options.maxExamples ?? MAX_EXAMPLES;
  const index = new ImageIndex(images, size, p.train, p.evaluation, maxDist, minCorr);
  const inTrain = mask(p.train, images.count);
  const found = { copy: { count: 0, examples: [] as number[] }, near: { count: 0, examples: [] as number[] } };
  for (const r of p.evaluation) {
    const m = inTrain[r] ? null : index.match(r);
    if (!m) continue;
    found[m].count++;
    if (found[m].examples.length < maxEx) found[m].examples.push(r);
  }
  const side = evalName(p.validation.length > 0);
  const findings: Finding[] = [];
  const { copy, near } = found;
  if (copy.count > 0) {
    findings.push({
      rule: 'L1.4', severity: 'error', check: 'image-duplicates', count: copy.count, unit: 'images', examples: copy.examples,
      fraction: copy.count / p.evaluation.length, remedy: REMEDY,
      message: `leakage L1.4: ${imagesOfSide(copy.count, p.evaluation.length, side)} also appear${copy.count === 1 ? 's' : ''} in train ${idList(copy.examples, copy.count)}; ${REMEDY}`,
    });
  }
  if (near.count > 0) {
    findings.push({
      rule: 'L1.4', severity: 'warning', check: 'image-near-duplicates', count: near.count, unit: 'images', examples: near.examples,
      fraction: near.count / p.evaluation.length, remedy: REMEDY,
      message: `leakage L1.4: ${imagesOfSide(near.count, p.evaluation.length, side)} ${near.count === 1 ? 'is a near copy' : 'are near copies'} of train images (dHash distance <= ${maxDist}, pixel correlation >= ${minCorr}) ${idList(near.examples, near.count)}; ${REMEDY}`,
      details: { maxHashDistance: maxDist, minCorrelation: minCorr },
    });
  }
  return findings;
}
