import type { Rng } from '../random/index';
import { BaseSplitter, shuffleSeed, type FoldPlan } from './base';
import { foldsFromAssignment } from './manifest';
import type { SeedOptions } from './types';
import { checkFoldsVsSamples, checkInt, checkOptions, type Prepared } from './validate';

/** Options of `kfold`. */
export interface KfoldOptions extends SeedOptions {
  /** Number of folds, >= 2. Default 5. */
  nSplits?: number;
  /** Shuffle rows before cutting folds. Default false (folds are consecutive rows, as sklearn). */
  shuffle?: boolean;
}

/** K-fold: rows (shuffled or not) cut into `nSplits` consecutive folds; each is the test part once. */
export class KFold extends BaseSplitter {
  constructor(opts: KfoldOptions = {}) {
    const who = 'kfold';
    checkOptions(who, opts, ['nSplits', 'shuffle', 'seed', 'stream']);
    super(who, checkInt(who, 'nSplits', opts.nSplits ?? 5, 2), {}, shuffleSeed(who, opts, false));
  }

  protected params() {
    return { nSplits: this.k, shuffle: this.seed !== null };
  }

  protected plan(data: Prepared, draw: Rng | null): FoldPlan {
    checkFoldsVsSamples(this.name, this.k, data.n);
    // sklearn KFold: the first n % k folds get one row more. Shuffled order comes from our rng, so
    // the rows differ from sklearn's numpy draws; the fold sizes do not.
    const order = draw ? draw.permutation(data.n) : Int32Array.from({ length: data.n }, (_, i) => i);
    const foldOf = new Int32Array(data.n);
    let start = 0;
    for (let f = 0; f < this.k; f++) {
      const size = Math.floor(data.n / this.k) + (f < data.n % this.k ? 1 : 0);
      for (let i = start; i < start + size; i++) foldOf[order[i]!] = f;
      start += size;
    }
    return { folds: foldsFromAssignment(foldOf, this.k) };
  }
}

/** `kfold({ nSplits: 5, shuffle: true, seed: 7 })`: sklearn's KFold, seeded from src/library/random. */
export function kfold(opts: KfoldOptions = {}): KFold {
  return new KFold(opts);
}
