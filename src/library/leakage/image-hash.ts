import { invalid } from '../errors/index';

/**
 * Images stored one after another, row-major, channels last: image `i` is
 * `data[i*height*width*channels, (i+1)*height*width*channels)` (MNIST's 784 floats per digit).
 */
export interface Images {
  data: ArrayLike<number>;
  count: number;
  width: number;
  height: number;
  /** Default 1 (grey). */
  channels?: number;
}

/** Checks the shape and returns the pixel count per image. */
export function imageSize(images: Images, where: string): number {
  if (!images || typeof images !== 'object' || !images.data) throw invalid(where, 'images { data, count, width, height, channels? }', typeof images);
  for (const k of ['count', 'width', 'height'] as const) {
    if (!Number.isInteger(images[k]) || images[k] < (k === 'count' ? 0 : 1)) throw invalid(`${where}.${k}`, 'a positive integer', images[k]);
  }
  const c = images.channels ?? 1;
  if (!Number.isInteger(c) || c < 1) throw invalid(`${where}.channels`, 'a positive integer', c);
  const size = images.width * images.height * c;
  if (images.data.length !== images.count * size) {
    throw invalid(`${where}.data`, `length count*height*width*channels = ${images.count * size}`, images.data.length);
  }
  return size;
}

/**
 * Difference hash (dHash, N. Krawetz, "Kind of like that", hackerfactor.com 2013): the image
 * shrunk to 9x8 grey cells by box averaging, one bit per horizontally adjacent pair (left < right).
 * Robust to brightness/contrast changes and mild noise or resampling; 64 bits as [low, high] words.
 * Deviation from Krawetz: a bit is set only when right exceeds left by 2% of the cells' range, so
 * flat regions (MNIST's black background) give stable 0 bits instead of bits decided by noise.
 */
export function dHash(images: Images, index: number): [number, number] {
  const { width: w, height: h } = images;
  const c = images.channels ?? 1;
  const base = index * w * h * c;
  const cells = new Float64Array(72);
  for (let cy = 0; cy < 8; cy++) {
    const y0 = Math.floor((cy * h) / 8);
    const y1 = Math.max(y0 + 1, Math.floor(((cy + 1) * h) / 8));
    for (let cx = 0; cx < 9; cx++) {
      const x0 = Math.floor((cx * w) / 9);
      const x1 = Math.max(x0 + 1, Math.floor(((cx + 1) * w) / 9));
      let s = 0;
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) {
          for (let k = 0; k < c; k++) s += images.data[base + (y * w + x) * c + k]!;
        }
      }
      cells[cy * 9 + cx] = s / ((y1 - y0) * (x1 - x0) * c);
    }
  }
  let min = Infinity;
  let max = -Infinity;
  for (const v of cells) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const eps = 0.02 * (max - min);
  let lo = 0;
  let hi = 0;
  for (let cy = 0; cy < 8; cy++) {
    for (let cx = 0; cx < 8; cx++) {
      const bit = cells[cy * 9 + cx + 1]! - cells[cy * 9 + cx]! > eps ? 1 : 0;
      const b = cy * 8 + cx;
      if (b < 32) lo |= bit << b;
      else hi |= bit << (b - 32);
    }
  }
  return [lo, hi];
}

/** Number of differing bits between two 32-bit words. */
export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/** Hamming distance between two 64-bit dHashes. */
export function hashDistance(a: [number, number], b: [number, number]): number {
  return popcount32(a[0] ^ b[0]) + popcount32(a[1] ^ b[1]);
}
