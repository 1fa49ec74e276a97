import type { Rng } from '../../../../src/library/random/index';
import type { Column, Table } from '../../../../src/library/leakage/index';
import { takeRows } from './sources';

/** Rows made by oversampling: the new rows, and for each the row(s) of the input it came from. */
export interface Oversampled {
  /** The new rows, with every column of the input. */
  rows: Table;
  /** Input row each new row starts from. */
  base: Int32Array;
  /** SMOTE: the neighbour it moves towards (-1 for a plain copy). */
  neighbour: Int32Array;
  /** SMOTE: the position on the segment, in (0, 1) (0 for a plain copy). */
  u: Float64Array;
}

/**
 * SMOTE (Chawla et al. 2002, as imbalanced-learn 0.10 draws it): each new row picks a random
 * minority row and one of its `k` nearest minority neighbours (Euclidean, on the features as given,
 * as imbalanced-learn does unscaled), then lands at row + u * (neighbour - row), u uniform in
 * (0, 1). Columns other than `features` (the label) are copied from the base row.
 */
export function smote(r: Rng, t: Table, minority: Int32Array, nNew: number, features: readonly string[], k = 5): Oversampled {
  const cols = features.map((f) => numeric(t, f));
  const neighbours = nearestNeighbours(cols, minority, Math.min(k, minority.length - 1));
  const kk = neighbours.length / minority.length;
  const base = new Int32Array(nNew);
  const neighbour = new Int32Array(nNew);
  const u = new Float64Array(nNew);
  for (let s = 0; s < nNew; s++) {
    const i = r.integer(0, minority.length);
    base[s] = minority[i]!;
    neighbour[s] = minority[neighbours[i * kk + r.integer(0, kk)]!]!;
    let v = r.uniform();
    while (v === 0) v = r.uniform(); // strictly inside the segment
    u[s] = v;
  }
  const rows = takeRows(t, base);
  for (const f of features) {
    const src = numeric(t, f);
    const out = rows.columns[f] as Float64Array;
    for (let s = 0; s < nNew; s++) out[s] = src[base[s]!]! + u[s]! * (src[neighbour[s]!]! - src[base[s]!]!);
  }
  return { rows, base, neighbour, u };
}

/** Random oversampling: `nNew` copies of minority rows drawn with replacement (imbalanced-learn's RandomOverSampler). */
export function randomOversample(r: Rng, t: Table, minority: Int32Array, nNew: number): Oversampled {
  const base = Int32Array.from({ length: nNew }, () => minority[r.integer(0, minority.length)]!);
  return { rows: takeRows(t, base), base, neighbour: new Int32Array(nNew).fill(-1), u: new Float64Array(nNew) };
}

function numeric(t: Table, name: string): ArrayLike<number> {
  const col: Column | undefined = t.columns[name];
  if (col === undefined || (Array.isArray(col) && typeof col[0] === 'string')) throw new Error(`smote: '${name}' is not a numeric column`);
  return col as ArrayLike<number>;
}

/** For each of `rows`, the positions (in `rows`) of its k nearest others: brute force with a top-k insertion list. */
function nearestNeighbours(cols: ArrayLike<number>[], rows: Int32Array, k: number): Int32Array {
  const m = rows.length;
  const out = new Int32Array(m * k);
  const best = new Float64Array(k);
  const who = new Int32Array(k);
  for (let a = 0; a < m; a++) {
    best.fill(Infinity);
    for (let b = 0; b < m; b++) {
      if (b === a) continue;
      let s = 0;
      for (const c of cols) s += (c[rows[a]!]! - c[rows[b]!]!) ** 2;
      if (s >= best[k - 1]!) continue;
      let j = k - 1;
      for (; j > 0 && best[j - 1]! > s; j--) { best[j] = best[j - 1]!; who[j] = who[j - 1]!; }
      best[j] = s;
      who[j] = b;
    }
    out.set(who, a * k);
  }
  return out;
}
