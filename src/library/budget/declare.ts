import { didYouMean, invalid } from '../errors/index';

/**
 * A compute budget, declared once per paper (e.g. under `budget:` in `papers/<id>/config.yaml`).
 * Every limit is optional; an absent limit is not checked.
 */
export interface Budget {
  /** Wall-clock seconds the training loop may use (its own stop; the runner's kill is separate). */
  maxWallSeconds?: number;
  /** Optimizer steps. */
  maxSteps?: number;
  /** Passes over the training set (fractional allowed: 0.5 = half an epoch). */
  maxEpochs?: number;
  /** Peak resident set size of the whole process, in MiB (sampled once per step). */
  maxPeakMemoryMB?: number;
  /** Estimated floating-point operations (forward + backward ≈ 3 × forward; see `BudgetUsage.flops`). */
  maxFlops?: number;
}

/** The keys a budget may have, in display order. */
export const BUDGET_KEYS = ['maxWallSeconds', 'maxSteps', 'maxEpochs', 'maxPeakMemoryMB', 'maxFlops'] as const;
export type BudgetKey = (typeof BUDGET_KEYS)[number];

/**
 * Checks a declared budget and returns it frozen. Rejects unknown keys (naming the nearest valid
 * one: `maxWallSecond` → `maxWallSeconds`), non-positive or non-finite limits, and a fractional
 * `maxSteps`. `where` names the source in messages (default `budget`), e.g. `config.yaml budget`.
 */
export function budget(spec: Budget, where = 'budget'): Readonly<Budget> {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    throw invalid(where, 'an object with limits such as { maxWallSeconds: 600 }', spec);
  }
  const out: Budget = {};
  for (const [key, value] of Object.entries(spec)) {
    if (!(BUDGET_KEYS as readonly string[]).includes(key)) {
      throw invalid(`${where}.${key}`, `one of ${BUDGET_KEYS.join(', ')}`, key, didYouMean(key, BUDGET_KEYS));
    }
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw invalid(`${where}.${key}`, 'a positive finite number', value);
    }
    if (key === 'maxSteps' && !Number.isSafeInteger(value)) throw invalid(`${where}.${key}`, 'a positive integer', value);
    out[key as BudgetKey] = value;
  }
  return Object.freeze(out);
}
