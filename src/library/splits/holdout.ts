import { invalid } from '../errors/index';
import type { Rng } from '../random/index';
import { BaseSplitter, shuffleSeed, type FoldPlan } from './base';
import { holdoutSizes, sizeOptions, type PartSize, type SizeRequest } from './holdout-sizes';
import type { RawFold } from './manifest';
import type { SeedOptions } from './types';
import { checkInt, checkOptions, type Prepared } from './validate';

/** Options of `holdout`. */
export interface HoldoutOptions extends SeedOptions {
  /**
   * Test part: a fraction in (0, 1) (rounded up) or a row count >= 2. Default 0.25 (sklearn's
   * default) when `trainSize` is not given either; with only `trainSize`, test takes the rest.
   */
  testSize?: PartSize | null;
  /**
   * Train part (sklearn's `train_size`): a fraction in (0, 1) (rounded down) or a row count >= 2.
   * Default: the rest. With both sizes given the parts may leave rows out, as in sklearn.
   */
  trainSize?: PartSize | null;
  /** Validation part, same units as testSize; default none (train/test only). */
  validationSize?: PartSize | null;
  /**
   * Number of independent shuffled holdouts (sklearn's ShuffleSplit `n_splits`), drawn one after
   * another from the same seeded stream; split 0 is the single holdout of the same seed. Default 1.
   */
  nSplits?: number;
  /** Shuffle before cutting. Default true. Unshuffled: train first, then validation, then test. */
  shuffle?: boolean;
}

export const HOLDOUT_OPTIONS = ['testSize', 'trainSize', 'validationSize', 'nSplits', 'shuffle', 'seed', 'stream'] as const;

/** The parameters both holdouts show: unchanged for the classic options, new ones only when set. */
export function sizeParams(sizes: SizeRequest, k: number): Record<string, number | null> {
  const p: Record<string, number | null> = { testSize: sizes.testSize };
  if (sizes.trainSize !== null) p.trainSize = sizes.trainSize;
  p.validationSize = sizes.validationSize;
  if (k !== 1) p.nSplits = k;
  return p;
}

/**
 * Train/test (or train/validation/test) splits after sklearn's `train_test_split` /
 * `ShuffleSplit`: sizes equal sklearn's; shuffled, the test rows are the first `nTest` of a
 * permutation drawn from src/library/random (not numpy's, so the rows differ from sklearn's), then
 * validation, then train.
 */
export class Holdout extends BaseSplitter {
  private readonly sizes: SizeRequest;

  constructor(opts: HoldoutOptions = {}) {
    const who = 'holdout';
    checkOptions(who, opts, HOLDOUT_OPTIONS);
    const seed = shuffleSeed(who, opts, true);
    const k = checkInt(who, 'nSplits', opts.nSplits ?? 1, 1);
    if (seed === null && k > 1) {
      throw invalid(`${who} nSplits`, '1 when shuffle=false (every unshuffled holdout is the same rows)', String(k), 'set shuffle=true or nSplits=1');
    }
    super(who, k, {}, seed);
    this.sizes = sizeOptions(who, opts);
  }

  protected params() {
    return { ...sizeParams(this.sizes, this.k), shuffle: this.seed !== null };
  }

  protected plan(data: Prepared, draw: Rng | null): FoldPlan {
    const { nTrain, nValidation, nTest } = holdoutSizes(this.name, data.n, this.sizes);
    const folds: RawFold[] = [];
    for (let s = 0; s < this.k; s++) {
      const order = Array.from(draw ? draw.permutation(data.n) : Int32Array.from({ length: data.n }, (_, i) => i));
      let fold: RawFold;
      if (draw) {
        const v = nTest + nValidation;
        fold = { test: order.slice(0, nTest), validation: order.slice(nTest, v), train: order.slice(v, v + nTrain) };
      } else {
        const v = nTrain + nValidation;
        fold = { train: order.slice(0, nTrain), validation: order.slice(nTrain, v), test: order.slice(v, v + nTest) };
      }
      if (this.sizes.validationSize === null) delete fold.validation;
      folds.push(fold);
    }
    return { folds };
  }
}

/** `holdout({ testSize: 0.2, validationSize: 0.1, seed: 7 })`: one shuffled train/validation/test split. */
export function holdout(opts: HoldoutOptions = {}): Holdout {
  return new Holdout(opts);
}
