import { invalid } from '../errors/index';
import type { Rng } from '../random/index';
import { BaseSplitter, resolveSeed, type FoldPlan } from './base';
import { checkPartSize, holdoutSizes, type PartSize } from './holdout-sizes';
import type { SeedOptions } from './types';
import { checkClassSizes, encode, type Prepared } from './validate';

/** Options of `stratifiedHoldout` (always shuffled: sklearn has no unshuffled stratified split either). */
export interface StratifiedHoldoutOptions extends SeedOptions {
  /** Test part: a fraction in (0, 1) (rounded up) or a row count. Default 0.25. */
  testSize?: PartSize;
  /** Validation part, same units; default none. */
  validationSize?: PartSize | null;
}

/**
 * sklearn's `_approximate_mode`: split `nDraws` over classes in proportion to `counts`, rounding
 * down, then hand the leftover rows to the largest remainders (ties broken at random).
 */
export function approximateMode(counts: number[], nDraws: number, draw: Rng): number[] {
  const total = counts.reduce((s, c) => s + c, 0);
  const continuous = counts.map((c) => (c / total) * nDraws);
  const floored = continuous.map(Math.floor);
  let needToAdd = nDraws - floored.reduce((s, c) => s + c, 0);
  const remainder = continuous.map((c, i) => c - floored[i]!);
  const values = Array.from(new Set(remainder)).sort((a, b) => b - a);
  for (const value of values) {
    if (needToAdd <= 0) break;
    const inds = remainder.map((r, i) => (r === value ? i : -1)).filter((i) => i >= 0);
    const chosen = draw.choice(inds, Math.min(inds.length, needToAdd));
    for (const i of chosen) floored[i]!++;
    needToAdd -= chosen.length;
  }
  return floored;
}

/**
 * One stratified split after sklearn's `StratifiedShuffleSplit`: each class is split in proportion,
 * train first (`approximateMode`), then validation, test taking the rest, so every part holds
 * floor or ceil of its share of each class.
 */
export class StratifiedHoldout extends BaseSplitter {
  private readonly testSize: number;
  private readonly validationSize: number | null;

  constructor(opts: StratifiedHoldoutOptions = {}) {
    const who = 'stratifiedHoldout';
    super(who, 1, { y: true }, resolveSeed(who, opts));
    this.testSize = checkPartSize(who, 'testSize', opts.testSize ?? 0.25, false)!;
    this.validationSize = checkPartSize(who, 'validationSize', opts.validationSize, true);
  }

  protected params() {
    return { testSize: this.testSize, validationSize: this.validationSize };
  }

  protected plan(data: Prepared, draw: Rng | null): FoldPlan {
    const y = encode(data.y!, 'sorted');
    checkClassSizes(this.name, y);
    const sizes = holdoutSizes(this.name, data.n, this.testSize, this.validationSize);
    const nClasses = y.values.length;
    for (const [name, size] of [['train', sizes.nTrain], ['test', sizes.nTest], ['validation', sizes.nValidation]] as const) {
      if ((name !== 'validation' || this.validationSize !== null) && size < nClasses) {
        throw invalid(`${this.name} ${name === 'train' ? 'testSize' : `${name}Size`}`, `a ${name} part of at least ${nClasses} rows (one per class)`, `${size} rows`, 'change the sizes or merge classes');
      }
    }
    const nTrainPer = approximateMode(y.counts, sizes.nTrain, draw!);
    const left = y.counts.map((c, i) => c - nTrainPer[i]!);
    const nValPer = approximateMode(left, sizes.nValidation, draw!);
    const rowsOf: number[][] = y.values.map(() => []);
    for (let r = 0; r < data.n; r++) rowsOf[y.codes[r]!]!.push(r);
    const train: number[] = [];
    const validation: number[] = [];
    const test: number[] = [];
    rowsOf.forEach((rows, c) => {
      const perm = draw!.permutation(rows.length);
      perm.forEach((p, i) => {
        const part = i < nTrainPer[c]! ? train : i < nTrainPer[c]! + nValPer[c]! ? validation : test;
        part.push(rows[p]!);
      });
    });
    return { folds: [this.validationSize === null ? { train, test } : { train, validation, test }] };
  }
}

/** `stratifiedHoldout({ testSize: 0.2, seed: 7 })`: one split keeping each class's share of `y`. */
export function stratifiedHoldout(opts: StratifiedHoldoutOptions = {}): StratifiedHoldout {
  return new StratifiedHoldout(opts);
}
