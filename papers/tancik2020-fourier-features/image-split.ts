import { invalid } from '../../src/library/errors/index';
import { imageCoordinates, type Image } from '../../src/library/data/synthetic/index';

/** Pixels of an image as regression data: coordinates [n, 2] and values [n, channels], raster order. */
export interface PixelSet {
  coords: Float32Array;
  values: Float32Array;
  /** Rows and columns of the sub-grid. */
  height: number;
  width: number;
}

/**
 * Tancik et al. 2020's 2D image split (§6.2, App. E.1): train on the regular grid of every other
 * pixel (even rows, even columns: 1/4 of the pixels) and test on the offset grid (odd rows, odd
 * columns), so every test pixel lies midway between four train pixels. Coordinates are those of the
 * full image, (col / width, row / height) in [0, 1), as in the authors' code. Needs even sizes.
 */
export function offsetGridSplit(img: Image): { train: PixelSet; test: PixelSet } {
  if (img.height % 2 !== 0 || img.width % 2 !== 0 || img.height < 2 || img.width < 2) {
    throw invalid('offsetGridSplit(img)', 'an image with even height and width >= 2 (pixels)', `${img.height} x ${img.width}`);
  }
  const all = imageCoordinates(img);
  return { train: subGrid(all, img, 0), test: subGrid(all, img, 1) };
}

function subGrid(all: { coords: Float32Array; values: Float32Array }, img: Image, offset: 0 | 1): PixelSet {
  const { width: w, channels: c } = img;
  const height = img.height / 2;
  const width = w / 2;
  const coords = new Float32Array(height * width * 2);
  const values = new Float32Array(height * width * c);
  for (let r = 0; r < height; r++) {
    for (let q = 0; q < width; q++) {
      const src = (2 * r + offset) * w + 2 * q + offset;
      const dst = r * width + q;
      coords.set(all.coords.subarray(src * 2, src * 2 + 2), dst * 2);
      values.set(all.values.subarray(src * c, src * c + c), dst * c);
    }
  }
  return { coords, values, height, width };
}

/**
 * The classical answer to the same split: each test pixel of {@link offsetGridSplit} predicted as
 * the mean of its (up to) four diagonal train neighbours, i.e. bilinear interpolation at the
 * midpoint (on the last row and column, where the grid ends, the mean of the two or one left).
 * Returns the predicted test values [n, channels] in the test grid's order.
 */
export function midpointInterpolation(train: PixelSet, channels: number): Float32Array {
  const { height: h, width: w, values } = train;
  if (values.length !== h * w * channels) throw invalid('midpointInterpolation(train)', `${h * w * channels} values (${h} x ${w} x ${channels})`, values.length);
  const out = new Float32Array(h * w * channels);
  for (let r = 0; r < h; r++) {
    for (let q = 0; q < w; q++) {
      const rows = r + 1 < h ? [r, r + 1] : [r];
      const cols = q + 1 < w ? [q, q + 1] : [q];
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (const rr of rows) for (const qq of cols) sum += values[(rr * w + qq) * channels + c]!;
        out[(r * w + q) * channels + c] = sum / (rows.length * cols.length);
      }
    }
  }
  return out;
}
