import { invalid } from '../../errors/index';
import type { Rng } from '../../random/index';
import { fft2d, fftFreq } from './fft';
import { checkImageSize, type Image } from './image';

/** Options of `powerLawNoiseImage`. */
export interface NoiseImageOptions {
  /** Pixels. Powers of two use the fast FFT; other sizes work but cost O(n²) per row/column. */
  height: number;
  width: number;
  /** 1 (gray, default) or 3 (independent noise per channel). */
  channels?: number;
  /** β in power ∝ 1/f^β. Default 2, the slope of natural images. 0 gives white noise. */
  exponent?: number;
  /** Stream for the white noise the image is filtered from. */
  rng: Rng;
}

/**
 * "Natural-like" noise: white Gaussian noise filtered to a power spectrum ∝ 1/f^β (amplitude
 * ∝ f^(−β/2)), then scaled to [0, 1] by its min and max. A stand-in for natural photographs (whose
 * spectra fall as ~1/f², Field 1987) where Tancik et al. 2020 ("Fourier features", §6) fit DIV2K
 * images; the min–max scaling is affine, so it keeps the spectrum's slope.
 */
export function powerLawNoiseImage(options: NoiseImageOptions): Image {
  const { height: h, width: w, channels = 1, exponent = 2, rng } = options;
  checkImageSize('powerLawNoiseImage', h, w, channels);
  if (!Number.isFinite(exponent) || exponent < 0 || exponent > 6) throw invalid('powerLawNoiseImage(exponent)', 'a number in 0..6', exponent);
  const data = new Float32Array(h * w * channels);
  const n = h * w;
  const side = Math.min(h, w);
  for (let ch = 0; ch < channels; ch++) {
    const s = rng.child(`channel${ch}`);
    const re = new Float64Array(n);
    const im = new Float64Array(n);
    for (let p = 0; p < n; p++) re[p] = s.normal();
    fft2d(re, im, h, w);
    for (let r = 0; r < h; r++) {
      for (let c = 0; c < w; c++) {
        const f = side * Math.hypot(fftFreq(r, h), fftFreq(c, w)); // cycles per image
        const gain = f === 0 ? 0 : f ** (-exponent / 2); // the filter is symmetric: the result stays real
        re[r * w + c] = re[r * w + c]! * gain;
        im[r * w + c] = im[r * w + c]! * gain;
      }
    }
    fft2d(re, im, h, w, true);
    let lo = Infinity;
    let hi = -Infinity;
    for (let p = 0; p < n; p++) { lo = Math.min(lo, re[p]!); hi = Math.max(hi, re[p]!); }
    const span = hi - lo || 1;
    for (let p = 0; p < n; p++) data[p * channels + ch] = (re[p]! - lo) / span;
  }
  return { data, height: h, width: w, channels };
}
