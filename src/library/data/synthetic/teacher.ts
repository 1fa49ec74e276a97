import { invalid } from '../../errors/index';
import type { Rng } from '../../random/index';
import { checkDataset, type Dataset } from '../dataset';

/** Options of `gaussianTeacher`. */
export interface TeacherOptions {
  /** Input dimension d. */
  d: number;
  /** Training rows. */
  nTrain: number;
  /** Test rows, drawn from the same teacher. Default 1000. */
  nTest?: number;
  /** Standard deviation σ of the label noise (train and test). Default 0 (noiseless). */
  noiseStd?: number;
  /** ‖w*‖₂, the signal strength r; SNR = r²/σ² (Hastie et al. 2022, §2). Default 1. */
  signalNorm?: number;
  /** Stream for every draw; w*, train and test use its children `teacher`, `train`, `test`. */
  rng: Rng;
}

/** A regression problem with its known teacher. */
export interface TeacherRegression {
  readonly train: Dataset;
  readonly test: Dataset;
  /** The teacher w* (length d, float64), ‖w*‖ = signalNorm. Risk of ŵ = ‖ŵ − w*‖² + σ² for x ~ N(0, I). */
  readonly wStar: Float64Array;
  readonly noiseStd: number;
}

/**
 * Isotropic Gaussian linear regression: x ~ N(0, I_d), y = x·w* + ε, ε ~ N(0, σ²), with w* uniform
 * on the sphere of radius `signalNorm`. The setting of Hastie, Montanari, Rosset & Tibshirani 2022
 * ("Surprises in high-dimensional ridgeless least squares interpolation", isotropic model) and of
 * Belkin, Hsu & Xu 2020 (Gaussian design) for double descent. y is computed from the stored float32
 * x in float64, so y − x·w* is exactly the drawn noise up to float32 rounding of y.
 */
export function gaussianTeacher(options: TeacherOptions): TeacherRegression {
  const { d, nTrain, nTest = 1000, noiseStd = 0, signalNorm = 1, rng } = options;
  const posInt = (v: number, name: string): void => {
    if (!Number.isInteger(v) || v < 1) throw invalid(`gaussianTeacher(${name})`, 'a positive integer', v);
  };
  posInt(d, 'd');
  posInt(nTrain, 'nTrain');
  posInt(nTest, 'nTest');
  if (!(noiseStd >= 0) || !Number.isFinite(noiseStd)) throw invalid('gaussianTeacher(noiseStd)', 'a finite number >= 0', noiseStd);
  if (!(signalNorm >= 0) || !Number.isFinite(signalNorm)) throw invalid('gaussianTeacher(signalNorm)', 'a finite number >= 0', signalNorm);
  const teacher = rng.child('teacher');
  const wStar = new Float64Array(d);
  let norm2 = 0;
  for (let j = 0; j < d; j++) { wStar[j] = teacher.normal(); norm2 += wStar[j]! ** 2; }
  const scale = norm2 > 0 ? signalNorm / Math.sqrt(norm2) : 0;
  for (let j = 0; j < d; j++) wStar[j] = wStar[j]! * scale;
  const describe = `synthetic: x ~ N(0, I_${d}), y = x.w* + N(0, ${noiseStd}^2), |w*| = ${signalNorm}`;
  const draw = (name: 'train' | 'test', n: number): Dataset => {
    const s = rng.child(name);
    const x = new Float32Array(n * d);
    const y = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      let dot = 0;
      for (let j = 0; j < d; j++) {
        const v = Math.fround(s.normal());
        x[i * d + j] = v;
        dot += v * wStar[j]!;
      }
      y[i] = dot + noiseStd * s.normal();
    }
    return checkDataset({ name: `gaussian-teacher/${name}`, x, y, shape: [n, d], task: 'regression', source: describe, licence: 'CC0-1.0' });
  };
  return { train: draw('train', nTrain), test: draw('test', nTest), wStar, noiseStd };
}
