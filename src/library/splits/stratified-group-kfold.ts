import type { Rng } from '../random/index';
import { BaseSplitter, shuffleSeed, type FoldPlan } from './base';
import type { KfoldOptions } from './kfold';
import { foldsFromAssignment } from './manifest';
import { isclose, pairwiseSum, std1d, stdAxis0 } from './numpy-reduce';
import { checkClassSizes, checkFoldsVsClasses, checkGroupsVsFolds, checkInt, checkOptions, encode, type Prepared } from './validate';

/** Options of `stratifiedGroupKfold` (same as `kfold`). */
export type StratifiedGroupKfoldOptions = KfoldOptions;

/**
 * Stratified group k-fold after sklearn 1.2 `StratifiedGroupKFold`: groups, in order of decreasing
 * spread of their class counts, each go to the fold that keeps class shares across folds most even
 * (ties: the fold with fewer rows). Unshuffled it reproduces sklearn's folds exactly.
 *
 * Deviation: with `shuffle`, sklearn 1.2 shuffles the rows of its per-group class-count table but
 * keeps using the row number as the group id, so groups are placed by another group's counts and
 * stratification suffers (fixed in scikit-learn 1.3). Here the group order is shuffled and each group
 * keeps its own counts.
 */
export class StratifiedGroupKFold extends BaseSplitter {
  constructor(opts: StratifiedGroupKfoldOptions = {}) {
    const who = 'stratifiedGroupKfold';
    checkOptions(who, opts, ['nSplits', 'shuffle', 'seed', 'stream']);
    super(who, checkInt(who, 'nSplits', opts.nSplits ?? 5, 2), { y: true, groups: true }, shuffleSeed(who, opts, false));
  }

  protected params() {
    return { nSplits: this.k, shuffle: this.seed !== null };
  }

  protected plan(data: Prepared, draw: Rng | null): FoldPlan {
    const y = encode(data.y!, 'sorted');
    const groups = encode(data.groups!, 'sorted');
    checkClassSizes(this.name, y);
    const warnings = checkFoldsVsClasses(this.name, this.k, y);
    checkGroupsVsFolds(this.name, this.k, groups.values.length);
    const nClasses = y.values.length;
    const countsOf = groups.values.map(() => new Array<number>(nClasses).fill(0));
    for (let r = 0; r < data.n; r++) countsOf[groups.codes[r]!]![y.codes[r]!]!++;
    const order = draw ? Array.from(draw.permutation(countsOf.length)) : countsOf.map((_, g) => g);
    const spread = countsOf.map(std1d);
    // np.argsort(-std, kind="mergesort"): stable, so equal spreads keep the (shuffled) order.
    order.sort((a, b) => -spread[a]! - -spread[b]!);
    const perFold = Array.from({ length: this.k }, () => new Array<number>(nClasses).fill(0));
    const foldOfGroup = new Int32Array(countsOf.length);
    for (const g of order) {
      const best = this.bestFold(perFold, y.counts, countsOf[g]!);
      countsOf[g]!.forEach((c, j) => (perFold[best]![j]! += c));
      foldOfGroup[g] = best;
    }
    const foldOf = Int32Array.from(groups.codes, (g) => foldOfGroup[g]!);
    const folds = foldsFromAssignment(foldOf, this.k);
    folds.forEach((f, i) => {
      if (f.test.length === 0) warnings.push(`fold ${i} has an empty test part: too few groups to fill ${this.k} folds`);
    });
    return { folds, warnings };
  }

  /** sklearn's `_find_best_fold`: least mean per-class std of fold shares; ties go to the smaller fold. */
  private bestFold(perFold: number[][], classCounts: number[], groupCounts: number[]): number {
    let best = -1;
    let minEval = Infinity;
    let minSamples = Infinity;
    for (let i = 0; i < this.k; i++) {
      const trial = perFold.map((row, f) => row.map((c, j) => (f === i ? c + groupCounts[j]! : c) / classCounts[j]!));
      const stdPerClass = stdAxis0(trial);
      const evalI = pairwiseSum(stdPerClass) / stdPerClass.length;
      const samples = perFold[i]!.reduce((s, c) => s + c, 0);
      if (evalI < minEval || (isclose(evalI, minEval) && samples < minSamples)) {
        minEval = evalI;
        minSamples = samples;
        best = i;
      }
    }
    return best;
  }
}

/** `stratifiedGroupKfold({ nSplits: 5 })`: group k-fold that also keeps class shares even. */
export function stratifiedGroupKfold(opts: StratifiedGroupKfoldOptions = {}): StratifiedGroupKFold {
  return new StratifiedGroupKFold(opts);
}
