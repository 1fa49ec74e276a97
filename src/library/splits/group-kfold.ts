import { BaseSplitter, type FoldPlan } from './base';
import { foldsFromAssignment } from './manifest';
import { numpyArgsort } from './numpy-argsort';
import { checkGroupsVsFolds, checkInt, checkOptions, encode, type Prepared } from './validate';

/** Options of `groupKfold`. */
export interface GroupKfoldOptions {
  /** Number of folds, >= 2 and at most the number of distinct groups. Default 5. */
  nSplits?: number;
}

/**
 * Group k-fold after sklearn 1.2 `GroupKFold`: groups, largest first, each go to the fold with the
 * fewest rows so far, so fold sizes are as even as whole groups allow and no group straddles folds.
 * Deterministic (sklearn 1.2 has no shuffle), hence no seed: the folds equal sklearn's row for row,
 * ties between equal-size groups included (numpy's argsort is ported for that).
 */
export class GroupKFold extends BaseSplitter {
  constructor(opts: GroupKfoldOptions = {}) {
    const who = 'groupKfold';
    checkOptions(who, opts, ['nSplits']);
    super(who, checkInt(who, 'nSplits', opts.nSplits ?? 5, 2), { groups: true }, null);
  }

  protected params() {
    return { nSplits: this.k };
  }

  protected plan(data: Prepared): FoldPlan {
    const groups = encode(data.groups!, 'sorted'); // np.unique order
    checkGroupsVsFolds(this.name, this.k, groups.values.length);
    const bySize = numpyArgsort(groups.counts).reverse(); // np.argsort(n_samples_per_group)[::-1]
    const rowsPerFold = new Array<number>(this.k).fill(0);
    const foldOfGroup = new Int32Array(groups.values.length);
    for (const g of bySize) {
      let lightest = 0; // np.argmin: the first minimum
      for (let f = 1; f < this.k; f++) if (rowsPerFold[f]! < rowsPerFold[lightest]!) lightest = f;
      rowsPerFold[lightest]! += groups.counts[g]!;
      foldOfGroup[g] = lightest;
    }
    const foldOf = Int32Array.from(groups.codes, (g) => foldOfGroup[g]!);
    return { folds: foldsFromAssignment(foldOf, this.k) };
  }
}

/** `groupKfold({ nSplits: 5 })`: k-fold where rows sharing `input.groups` stay in one part. */
export function groupKfold(opts: GroupKfoldOptions = {}): GroupKFold {
  return new GroupKFold(opts);
}
