/**
 * In-place discrete Fourier transform of one complex sequence (`re`, `im`, length n). Power-of-two
 * lengths use iterative radix-2 Cooley–Tukey, O(n log n); other lengths a direct O(n²) sum, which is
 * fine for the image sizes the generators make (≤ a few hundred pixels a side). `inverse` uses
 * exp(+2πi…) and divides by n, so `fft(fft(v), inverse)` returns v.
 */
export function fft1d(re: Float64Array, im: Float64Array, inverse = false): void {
  const n = re.length;
  if (n <= 1) return;
  if ((n & (n - 1)) === 0) radix2(re, im, inverse);
  else direct(re, im, inverse);
  if (inverse) for (let i = 0; i < n; i++) { re[i] = re[i]! / n; im[i] = im[i]! / n; }
}

/** In-place 2-D DFT of an `h` x `w` row-major complex array: rows, then columns. */
export function fft2d(re: Float64Array, im: Float64Array, h: number, w: number, inverse = false): void {
  const rowRe = new Float64Array(w);
  const rowIm = new Float64Array(w);
  for (let r = 0; r < h; r++) {
    rowRe.set(re.subarray(r * w, (r + 1) * w));
    rowIm.set(im.subarray(r * w, (r + 1) * w));
    fft1d(rowRe, rowIm, inverse);
    re.set(rowRe, r * w);
    im.set(rowIm, r * w);
  }
  const colRe = new Float64Array(h);
  const colIm = new Float64Array(h);
  for (let c = 0; c < w; c++) {
    for (let r = 0; r < h; r++) { colRe[r] = re[r * w + c]!; colIm[r] = im[r * w + c]!; }
    fft1d(colRe, colIm, inverse);
    for (let r = 0; r < h; r++) { re[r * w + c] = colRe[r]!; im[r * w + c] = colIm[r]!; }
  }
}

/** Signed frequency of DFT bin k of n, in cycles per sample: 0, 1/n, …, -1/n (numpy's fftfreq). */
export function fftFreq(k: number, n: number): number {
  return (k <= (n - 1) / 2 ? k : k - n) / n;
}

function radix2(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) { // bit-reversal permutation
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      let t = re[i]!; re[i] = re[j]!; re[j] = t;
      t = im[i]!; im[i] = im[j]!; im[j] = t;
    }
  }
  const sign = inverse ? 1 : -1;
  for (let len = 2; len <= n; len <<= 1) {
    const ang = (sign * 2 * Math.PI) / len;
    for (let start = 0; start < n; start += len) {
      for (let k = 0; k < len / 2; k++) {
        const wr = Math.cos(ang * k);
        const wi = Math.sin(ang * k);
        const a = start + k;
        const b = a + len / 2;
        const xr = re[b]! * wr - im[b]! * wi;
        const xi = re[b]! * wi + im[b]! * wr;
        re[b] = re[a]! - xr; im[b] = im[a]! - xi;
        re[a] = re[a]! + xr; im[a] = im[a]! + xi;
      }
    }
  }
}

function direct(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  const sign = inverse ? 1 : -1;
  for (let k = 0; k < n; k++) {
    let sr = 0;
    let si = 0;
    for (let t = 0; t < n; t++) {
      const ang = (sign * 2 * Math.PI * ((k * t) % n)) / n;
      const c = Math.cos(ang);
      const s = Math.sin(ang);
      sr += re[t]! * c - im[t]! * s;
      si += re[t]! * s + im[t]! * c;
    }
    outRe[k] = sr;
    outIm[k] = si;
  }
  re.set(outRe);
  im.set(outIm);
}
