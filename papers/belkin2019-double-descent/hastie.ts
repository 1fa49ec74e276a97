import { Matrix } from 'ml-matrix';
import { invalid } from '../../src/library/errors/index';
import { fitLeastSquares } from '../../src/library/models/index';
import type { Rng } from '../../src/library/random/index';

/** The linear model of Hastie et al. 2019, Sec. 2-3: y = x . beta + noise, x ~ N(0, I_p). */
export interface LinearSetting {
  /** ||beta||, the signal strength r. */
  signalNorm: number;
  /** Standard deviation sigma of the label noise. */
  noiseStd: number;
}

/**
 * Limiting out-of-sample (excess) risk E[(x . betaHat - x . beta)^2] of min-norm least squares as
 * n, p -> infinity with p / n -> gamma (Hastie, Montanari, Rosset & Tibshirani 2019, Thm. 1 with
 * isotropic features): sigma^2 gamma / (1 - gamma) for gamma < 1, r^2 (1 - 1/gamma) + sigma^2 / (gamma - 1)
 * for gamma > 1 (bias plus variance), Infinity at gamma = 1 (with noise).
 */
export function hastieRisk(gamma: number, setting: LinearSetting): number {
  if (!(gamma > 0) || !Number.isFinite(gamma)) throw invalid('hastieRisk(gamma)', 'a finite number > 0', gamma);
  const { signalNorm: r, noiseStd: s } = setting;
  if (gamma < 1) return (s * s * gamma) / (1 - gamma);
  if (gamma === 1) return s > 0 ? Infinity : 0;
  return r * r * (1 - 1 / gamma) + (s * s) / (gamma - 1);
}

/** Options of {@link simulateMinNormRisk}. */
export interface RiskSimulation extends LinearSetting {
  /** Training samples n. */
  n: number;
  /** Features p (gamma = p / n). */
  p: number;
  /** Independent design matrices X drawn. */
  reps: number;
  /** (beta, noise) pairs per X, fitted together as the columns of one target matrix (one QR); default 1. */
  targetsPerDraw?: number;
  rng: Rng;
}

/**
 * Monte Carlo risk of min-norm least squares (fitLeastSquares, float64) in the isotropic setting:
 * per draw, X with N(0, 1) entries, then `targetsPerDraw` columns each with its own beta (uniform on
 * the sphere of radius r) and noise N(0, sigma^2 I). With x ~ N(0, I) the test risk of a fit is
 * exactly ||betaHat - beta||^2, so no test points are sampled; several columns per X average the
 * noise and beta of Hastie's conditional risk at the cost of one factorisation.
 * Returns the mean, the sample std over X draws (each the mean of its columns) and each draw's risk.
 */
export function simulateMinNormRisk(o: RiskSimulation): { mean: number; std: number; risks: number[] } {
  const k = o.targetsPerDraw ?? 1;
  for (const [name, v] of [['n', o.n], ['p', o.p], ['reps', o.reps], ['targetsPerDraw', k]] as const) {
    if (!Number.isInteger(v) || v < 1) throw invalid(`simulateMinNormRisk(${name})`, 'an integer >= 1', v);
  }
  const risks: number[] = [];
  for (let rep = 0; rep < o.reps; rep++) {
    const r = o.rng.child(`rep-${rep}`);
    const X = Matrix.zeros(o.n, o.p);
    for (let i = 0; i < o.n; i++) for (let j = 0; j < o.p; j++) X.set(i, j, r.normal());
    const B = Matrix.zeros(o.p, k);
    for (let t = 0; t < k; t++) {
      const beta = Array.from({ length: o.p }, () => r.normal());
      const scale = o.signalNorm / Math.sqrt(beta.reduce((s, v) => s + v * v, 0));
      for (let j = 0; j < o.p; j++) B.set(j, t, beta[j]! * scale);
    }
    const Y = X.mmul(B);
    for (let i = 0; i < o.n; i++) for (let t = 0; t < k; t++) Y.set(i, t, Y.get(i, t) + o.noiseStd * r.normal());
    const err = fitLeastSquares(X, Y).weights.sub(B);
    risks.push(err.norm('frobenius') ** 2 / k);
  }
  const mean = risks.reduce((a, b) => a + b, 0) / risks.length;
  const std = risks.length > 1 ? Math.sqrt(risks.reduce((s, v) => s + (v - mean) ** 2, 0) / (risks.length - 1)) : 0;
  return { mean, std, risks };
}
