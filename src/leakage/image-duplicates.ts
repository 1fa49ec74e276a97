import { invalid } from '../errors/index';
import { checkParts, type Parts } from './parts';
import { dHash, imageSize, popcount32, type Images } from './image-hash';
import { evalName, idList, MAX_EXAMPLES, plural } from './message';
import type { Finding } from './types';

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
 * L1.4 for images: evaluation images that are copies (error) or near copies (warning) of training
 * images. Candidates share a 16-bit quarter of their dHash, which by the pigeonhole principle
 * finds every pair within Hamming distance 3; each candidate is then confirmed on the pixels
 * (identical, or correlation >= `minCorrelation`).
 */
export function checkImageDuplicates(images: Images, parts: Parts, options: ImageDuplicateOptions = {}): Finding[] {
  const size = imageSize(images, 'checkImageDuplicates(images)');
  const p = checkParts(parts, images.count, 'checkImageDuplicates(parts)');
  const maxDist = options.maxHashDistance ?? 3;
  if (!Number.isInteger(maxDist) || maxDist < 0 || maxDist > 3) throw invalid('checkImageDuplicates(options.maxHashDistance)', 'an integer in 0..3', maxDist);
  const minCorr = options.minCorrelation ?? 0.995;
  if (!(minCorr > 0 && minCorr <= 1)) throw invalid('checkImageDuplicates(options.minCorrelation)', 'a number in (0, 1]', minCorr);
  const lo = new Int32Array(images.count);
  const hi = new Int32Array(images.count);
  const need = new Uint8Array(images.count);
  for (const r of p.train) need[r] = 1;
  for (const r of p.evaluation) need[r] = 1;
  for (let i = 0; i < images.count; i++) if (need[i]) [lo[i], hi[i]] = dHash(images, i);
  const quarter = (i: number, q: number): number => ((q < 2 ? lo[i]! : hi[i]!) >>> ((q & 1) * 16)) & 0xffff;
  const buckets = [0, 1, 2, 3].map(() => new Map<number, number[]>());
  for (const r of p.train) {
    for (let q = 0; q < 4; q++) {
      const key = quarter(r, q);
      const b = buckets[q]!.get(key);
      if (b) b.push(r);
      else buckets[q]!.set(key, [r]);
    }
  }
  const stamp = new Int32Array(images.count).fill(-1);
  const exact: number[] = [];
  const near: number[] = [];
  let nExact = 0;
  let nNear = 0;
  const maxEx = options.maxExamples ?? MAX_EXAMPLES;
  for (const r of p.evaluation) {
    let isCopy = false;
    let isNear = false;
    for (let q = 0; q < 4 && !isCopy; q++) {
      for (const t of buckets[q]!.get(quarter(r, q)) ?? []) {
        if (stamp[t] === r) continue; // already compared through another quarter
        stamp[t] = r;
        if (popcount32(lo[r]! ^ lo[t]!) + popcount32(hi[r]! ^ hi[t]!) > maxDist) continue;
        const c = compare(images.data, size, r, t);
        if (c.identical) isCopy = true;
        else if (c.correlation >= minCorr) isNear = true;
        if (isCopy) break;
      }
    }
    if (isCopy) {
      nExact++;
      if (exact.length < maxEx) exact.push(r);
    } else if (isNear) {
      nNear++;
      if (near.length < maxEx) near.push(r);
    }
  }
  const side = evalName(p.validation.length > 0);
  const findings: Finding[] = [];
  if (nExact > 0) {
    findings.push({
      rule: 'L1.4', severity: 'error', check: 'image-duplicates', count: nExact, unit: 'images', examples: exact,
      message: `leakage L1.4: ${plural(nExact, `${side} image`)} also appear${nExact === 1 ? 's' : ''} in train ${idList(exact, nExact)}; deduplicate before splitting`,
    });
  }
  if (nNear > 0) {
    findings.push({
      rule: 'L1.4', severity: 'warning', check: 'image-near-duplicates', count: nNear, unit: 'images', examples: near,
      message: `leakage L1.4: ${plural(nNear, `${side} image`)} ${nNear === 1 ? 'is a near copy' : 'are near copies'} of train images (dHash distance <= ${maxDist}, pixel correlation >= ${minCorr}) ${idList(near, nNear)}; deduplicate before splitting`,
      details: { maxHashDistance: maxDist, minCorrelation: minCorr },
    });
  }
  return findings;
}
