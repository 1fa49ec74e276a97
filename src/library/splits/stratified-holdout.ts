import { invalid } from '../errors/index';
import type { Rng } from '../random/index';
import { BaseSplitter, resolveSeed, type FoldPlan } from './base';
import { HOLDOUT_OPTIONS, sizeParams } from './holdout';
import { holdoutSizes, sizeOptions, type PartSize, type SizeRequest } from './holdout-sizes';
import type { RawFold } from './manifest';
import type { SeedOptions } from './types';
import { checkClassSizes, checkInt, checkOptions, encode, type Prepared } from './validate';

/** Options of `stratifiedHoldout` (always shuffled: sklearn has no unshuffled stratified split either). */
export interface StratifiedHoldoutOptions extends SeedOptions {
  /** Test part: a fraction in (0, 1) (rounded up) or a row count >= 2. Default 0.25 unless only `trainSize` is given. */
  testSize?: PartSize | null;
  /** Train part: a fraction in (0, 1) (rounded down) or a row count >= 2; default the rest. */
  trainSize?: PartSize | null;
  /** Validation part, same units as testSize; default none. */
  validationSize?: PartSize | null;
  /** Number of independent stratified holdouts (sklearn's StratifiedShuffleSplit `n_splits`). Default 1. */
  nSplits?: number;
  /**
   * Only `true` (the default) is accepted: a stratified split is drawn at random. sklearn's
   * StratifiedShuffleSplit has no shuffle=False and `train_test_split(shuffle=False, stratify=y)`
   * raises; `false` is an error here too.
   */
  shuffle?: true;
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
  private readonly sizes: SizeRequest;

  constructor(opts: StratifiedHoldoutOptions = {}) {
    const who = 'stratifiedHoldout';
    checkOptions(who, opts, HOLDOUT_OPTIONS);
    if (opts.shuffle !== undefined && (opts.shuffle as unknown) !== true) {
      throw invalid(`${who} shuffle`, 'true (a stratified split is always drawn at random)', String(opts.shuffle),
        'drop shuffle (sklearn has no unshuffled stratified split: train_test_split(shuffle=False, stratify=y) raises), or use holdout({ shuffle: false }) without stratification');
    }
    const k = checkInt(who, 'nSplits', opts.nSplits ?? 1, 1);
    super(who, k, { y: true }, resolveSeed(who, opts));
    this.sizes = sizeOptions(who, opts);
  }

  protected params() {
    return sizeParams(this.sizes, this.k);
  }

  protected plan(data: Prepared, draw: Rng | null): FoldPlan {
    const y = encode(data.y!, 'sorted');
    checkClassSizes(this.name, y);
    const sizes = holdoutSizes(this.name, data.n, this.sizes);
    const nClasses = y.values.length;
    const withValidation = this.sizes.validationSize !== null;
    for (const [name, size] of [['train', sizes.nTrain], ['test', sizes.nTest], ['validation', sizes.nValidation]] as const) {
      if ((name !== 'validation' || withValidation) && size < nClasses) {
        // A part that takes the rest is too small because of the other size option: name that one.
        const option = name === 'train' ? (this.sizes.trainSize === null ? 'testSize' : 'trainSize')
          : name === 'test' ? (this.sizes.testSize === null ? 'trainSize' : 'testSize') : 'validationSize';
        throw invalid(`${this.name} ${option}`, `a ${name} part of at least ${nClasses} rows (one per class)`, `${size} rows`, 'change the sizes or merge classes');
      }
    }
    const rowsOf: number[][] = y.values.map(() => []);
    for (let r = 0; r < data.n; r++) rowsOf[y.codes[r]!]!.push(r);
    const folds: RawFold[] = [];
    for (let s = 0; s < this.k; s++) {
      const nTrainPer = approximateMode(y.counts, sizes.nTrain, draw!);
      const left = y.counts.map((c, i) => c - nTrainPer[i]!);
      const nValPer = approximateMode(left, sizes.nValidation, draw!);
      const rest = left.map((c, i) => c - nValPer[i]!);
      // Test takes the rest, unless both train and test sizes leave rows out (sklearn's second
      // _approximate_mode); only then are draws spent on it, so the classic split is unchanged.
      const nRest = rest.reduce((a, b) => a + b, 0);
      const nTestPer = sizes.nTest === nRest ? rest : approximateMode(rest, sizes.nTest, draw!);
      const train: number[] = [];
      const validation: number[] = [];
      const test: number[] = [];
      rowsOf.forEach((rows, c) => {
        const perm = draw!.permutation(rows.length);
        const a = nTrainPer[c]!;
        const b = a + nValPer[c]!;
        const e = b + nTestPer[c]!;
        perm.forEach((p, i) => {
          if (i < a) train.push(rows[p]!);
          else if (i < b) validation.push(rows[p]!);
          else if (i < e) test.push(rows[p]!);
        });
      });
      folds.push(withValidation ? { train, validation, test } : { train, test });
    }
    return { folds };
  }
}

/** `stratifiedHoldout({ testSize: 0.2, seed: 7 })`: one split keeping each class's share of `y`. */
export function stratifiedHoldout(opts: StratifiedHoldoutOptions = {}): StratifiedHoldout {
  return new StratifiedHoldout(opts);
}
