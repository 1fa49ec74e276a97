import { invalid } from '../../errors/index';
import { fft2d, fftFreq } from './fft';

/** A float image: `data[(row * width + col) * channels + ch]`, values in [0, 1]. */
export interface Image {
  readonly data: Float32Array;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
}

/** Validates generator sizes: height and width in 1..4096 pixels, 1 or 3 channels. */
export function checkImageSize(where: string, height: number, width: number, channels: number): void {
  for (const [name, v] of [['height', height], ['width', width]] as const) {
    if (!Number.isInteger(v) || v < 1 || v > 4096) throw invalid(`${where}(${name})`, 'an integer in 1..4096 (pixels)', v);
  }
  if (channels !== 1 && channels !== 3) throw invalid(`${where}(channels)`, '1 (gray) or 3 (RGB)', channels);
}

/** A blank image filled with `color` (one value per channel). */
export function blankImage(height: number, width: number, color: readonly number[]): Image {
  const channels = color.length;
  const data = new Float32Array(height * width * channels);
  for (let p = 0; p < height * width; p++) for (let c = 0; c < channels; c++) data[p * channels + c] = color[c]!;
  return { data, height, width, channels };
}

/**
 * Paints `color` where `inside(x, y)` holds (x, y in pixels, pixel centres at +0.5), within the box
 * [x0, x1) x [y0, y1). Each pixel is sampled on a `ss` x `ss` grid and blended by the covered share:
 * edges are anti-aliased, so the image has sharp but not aliased detail.
 */
export function paint(img: Image, color: readonly number[], inside: (x: number, y: number) => boolean,
  box: [number, number, number, number], ss = 3): void {
  const [x0, y0, x1, y1] = box;
  const { width, height, channels, data } = img;
  for (let row = Math.max(0, Math.floor(y0)); row < Math.min(height, Math.ceil(y1)); row++) {
    for (let col = Math.max(0, Math.floor(x0)); col < Math.min(width, Math.ceil(x1)); col++) {
      let hits = 0;
      for (let sy = 0; sy < ss; sy++) for (let sx = 0; sx < ss; sx++) if (inside(col + (sx + 0.5) / ss, row + (sy + 0.5) / ss)) hits++;
      if (hits === 0) continue;
      const alpha = hits / (ss * ss);
      const at = (row * width + col) * channels;
      for (let c = 0; c < channels; c++) data[at + c] = (1 - alpha) * data[at + c]! + alpha * color[c]!;
    }
  }
}

/**
 * Radially averaged power spectrum of channel `channel` (mean removed): `power[k]` is the mean
 * |DFT|² over bins whose radial frequency rounds to k cycles per image (k = 1..min(h, w)/2).
 * A natural image has power ∝ 1/f² (Field 1987; van der Schaaf & van Hateren 1996).
 */
export function radialPowerSpectrum(img: Image, channel = 0): { freq: Float64Array; power: Float64Array } {
  const { height: h, width: w, channels } = img;
  const n = h * w;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  let mean = 0;
  for (let p = 0; p < n; p++) mean += img.data[p * channels + channel]!;
  mean /= n;
  for (let p = 0; p < n; p++) re[p] = img.data[p * channels + channel]! - mean;
  fft2d(re, im, h, w);
  const kMax = Math.floor(Math.min(h, w) / 2);
  const sum = new Float64Array(kMax + 1);
  const count = new Float64Array(kMax + 1);
  const side = Math.min(h, w);
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      const k = Math.round(side * Math.hypot(fftFreq(r, h), fftFreq(c, w)));
      if (k < 1 || k > kMax) continue;
      sum[k] += re[r * w + c]! ** 2 + im[r * w + c]! ** 2;
      count[k] += 1;
    }
  }
  const freq = new Float64Array(kMax);
  const power = new Float64Array(kMax);
  for (let k = 1; k <= kMax; k++) { freq[k - 1] = k; power[k - 1] = count[k]! > 0 ? sum[k]! / count[k]! : 0; }
  return { freq, power };
}

/**
 * The image as a regression problem on pixel coordinates (Tancik et al. 2020, §6): `coords` holds
 * (x, y) = (col / width, row / height) in [0, 1), shape `[height * width, 2]`; `values` holds the
 * pixel, shape `[height * width, channels]`; rows in raster order.
 */
export function imageCoordinates(img: Image): { coords: Float32Array; values: Float32Array } {
  const { height: h, width: w } = img;
  const coords = new Float32Array(h * w * 2);
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) { coords[(r * w + c) * 2] = c / w; coords[(r * w + c) * 2 + 1] = r / h; }
  }
  return { coords, values: img.data.slice() };
}
