import type { Rng } from '../random/index';
import { BaseSplitter, shuffleSeed, type FoldPlan } from './base';
import { checkPartSize, holdoutSizes, type PartSize } from './holdout-sizes';
import type { RawFold } from './manifest';
import type { SeedOptions } from './types';
import type { Prepared } from './validate';

/** Options of `holdout`. */
export interface HoldoutOptions extends SeedOptions {
  /** Test part: a fraction in (0, 1) (rounded up) or a row count. Default 0.25 (sklearn's default). */
  testSize?: PartSize;
  /** Validation part, same units; default none (train/test only). */
  validationSize?: PartSize | null;
  /** Shuffle before cutting. Default true. Unshuffled: train first, then validation, then test. */
  shuffle?: boolean;
}

/**
 * One train/test (or train/validation/test) split after sklearn's `train_test_split` /
 * `ShuffleSplit`: sizes equal sklearn's; shuffled, the test rows are the first `nTest` of a
 * permutation drawn from src/random (not numpy's, so the rows differ from sklearn's).
 */
export class Holdout extends BaseSplitter {
  private readonly testSize: number;
  private readonly validationSize: number | null;

  constructor(opts: HoldoutOptions = {}) {
    const who = 'holdout';
    super(who, 1, {}, shuffleSeed(who, opts, true));
    this.testSize = checkPartSize(who, 'testSize', opts.testSize ?? 0.25, false)!;
    this.validationSize = checkPartSize(who, 'validationSize', opts.validationSize, true);
  }

  protected params() {
    return { testSize: this.testSize, validationSize: this.validationSize, shuffle: this.seed !== null };
  }

  protected plan(data: Prepared, draw: Rng | null): FoldPlan {
    const { nTrain, nValidation, nTest } = holdoutSizes(this.name, data.n, this.testSize, this.validationSize);
    const order = Array.from(draw ? draw.permutation(data.n) : Int32Array.from({ length: data.n }, (_, i) => i));
    let fold: RawFold;
    if (draw) {
      fold = { test: order.slice(0, nTest), validation: order.slice(nTest, nTest + nValidation), train: order.slice(nTest + nValidation) };
    } else {
      fold = { train: order.slice(0, nTrain), validation: order.slice(nTrain, nTrain + nValidation), test: order.slice(nTrain + nValidation) };
    }
    if (this.validationSize === null) delete fold.validation;
    return { folds: [fold] };
  }
}

/** `holdout({ testSize: 0.2, validationSize: 0.1, seed: 7 })`: one shuffled train/validation/test split. */
export function holdout(opts: HoldoutOptions = {}): Holdout {
  return new Holdout(opts);
}
