import type { Rng } from '../random/index';
import { BaseSplitter, shuffleSeed, type FoldPlan } from './base';
import type { KfoldOptions } from './kfold';
import { foldsFromAssignment } from './manifest';
import { checkClassSizes, checkFoldsVsClasses, checkInt, checkOptions, encode, type Prepared } from './validate';

/** Options of `stratifiedKfold` (same as `kfold`). */
export type StratifiedKfoldOptions = KfoldOptions;

/**
 * Stratified k-fold after sklearn 1.2 `StratifiedKFold._make_test_folds`: classes are coded in order
 * of first appearance, the rows sorted by class are dealt round-robin to folds (so each fold gets
 * floor or ceil of its share of every class and fold sizes equal KFold's), then each class's rows,
 * in row order, take that class's fold labels — shuffled per class when `shuffle` is set.
 */
export class StratifiedKFold extends BaseSplitter {
  constructor(opts: StratifiedKfoldOptions = {}) {
    const who = 'stratifiedKfold';
    checkOptions(who, opts, ['nSplits', 'shuffle', 'seed', 'stream']);
    super(who, checkInt(who, 'nSplits', opts.nSplits ?? 5, 2), { y: true }, shuffleSeed(who, opts, false));
  }

  protected params() {
    return { nSplits: this.k, shuffle: this.seed !== null };
  }

  protected plan(data: Prepared, draw: Rng | null): FoldPlan {
    const y = encode(data.y!, 'appearance');
    checkClassSizes(this.name, y);
    const warnings = checkFoldsVsClasses(this.name, this.k, y);
    const foldOf = new Int32Array(data.n);
    const rowsOf: number[][] = y.values.map(() => []);
    for (let r = 0; r < data.n; r++) rowsOf[y.codes[r]!]!.push(r);
    let start = 0; // position of the class's first row in the class-sorted order
    rowsOf.forEach((rows) => {
      // Round-robin dealing of positions start..start+len-1: position p goes to fold p % k.
      let labels = rows.map((_, i) => (start + i) % this.k).sort((a, b) => a - b);
      if (draw) labels = draw.shuffle(labels);
      rows.forEach((r, i) => (foldOf[r] = labels[i]!));
      start += rows.length;
    });
    return { folds: foldsFromAssignment(foldOf, this.k), warnings };
  }
}

/** `stratifiedKfold({ nSplits: 5, shuffle: true, seed: 7 })`: folds keep each class's share of `y`. */
export function stratifiedKfold(opts: StratifiedKfoldOptions = {}): StratifiedKFold {
  return new StratifiedKFold(opts);
}
