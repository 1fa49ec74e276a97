import { nearestResult, type KdTree, type NearestResult } from './neighbours';
import { numericRank } from './rank';
import type { TrainSpace } from './train-space';

/**
 * The geometry of the oversampling check (L1.2, oversampling.ts): whether a row lies on the
 * segment between two training rows, as SMOTE's rows do (Chawla et al., JAIR 16, 2002), judged
 * so that locally flat and grid-valued data are not.
 */

/** Training neighbours of a test row among which segment ends are looked for. */
export const K_NEIGHBOURS = 16;
/** Distance evaluations per neighbour search: the ends of a SMOTE segment are close, so a bounded search finds them. */
export const BUDGET = 512;
/** On a segment: distance to it below this share of its length (SMOTE's rows are on it to rounding, ~1e-15). */
export const ON_SEGMENT = 1e-6;
/** Neighbours all within this share of the segment's length from its line: locally one-dimensional, not judged. */
const FLAT = 1e-3;

/** Whether a row (values q, train-standardised) lies on a segment between two points of `tree`. */
export type SegmentTest = (tree: KdTree, q: Float64Array, row: number) => boolean;

/**
 * The oversampling check's segment test for another caller (the near-duplicate check leaves such rows
 * to L1.2): a bounded search of the row's 16 nearest points of `tree`, every pair judged as here.
 */
export function segmentTest(space: TrainSpace, train: Int32Array): SegmentTest {
  if (space.dim < 2 || numericRank(space, train) < 2) return () => false;
  const grid = new TrainGrid(space, train);
  const out = nearestResult(K_NEIGHBOURS);
  return (tree, q, row) => {
    tree.nearest(q, 0, K_NEIGHBOURS, out, { budget: BUDGET });
    return closestSegment(tree, q, out, (a, b) => grid.has(row, tree, a, b)).relative < ON_SEGMENT;
  };
}

/**
 * The segment between two of the neighbours in `out` that passes closest to q, relative to its
 * length, with q strictly between its ends. Pairs whose other neighbours all lie on their line are
 * skipped: there the data is locally one-dimensional and every row is between two others. So are
 * segments q is on only because the data sit on a grid (`onGrid`, see {@link TrainGrid}).
 */
export function closestSegment(
  tree: KdTree, q: Float64Array, out: NearestResult, onGrid: (a: number, b: number) => boolean,
): { relative: number; a: number; b: number } {
  const { dim, points } = tree;
  const best = { relative: Infinity, a: -1, b: -1 };
  for (let i = 0; i < out.found; i++) {
    if (out.dist2[i] === 0) continue; // q is a copy of a: the duplicate checks' case
    const a = out.positions[i]! * dim;
    for (let j = i + 1; j < out.found; j++) {
      const b = out.positions[j]! * dim;
      let vv = 0;
      let wv = 0;
      for (let d = 0; d < dim; d++) {
        const v = points[b + d]! - points[a + d]!;
        vv += v * v;
        wv += (q[d]! - points[a + d]!) * v;
      }
      const t = wv / vv;
      if (!(t > 0 && t < 1)) continue;
      let r2 = 0;
      for (let d = 0; d < dim; d++) {
        const e = q[d]! - points[a + d]! - t * (points[b + d]! - points[a + d]!);
        r2 += e * e;
      }
      const relative = Math.sqrt(r2 / vv);
      if (relative < best.relative && !flatAround(tree, out, a, b, vv) && !(relative < ON_SEGMENT && onGrid(a, b))) {
        best.relative = relative;
        best.a = out.ids[i]!;
        best.b = out.ids[j]!;
      }
    }
  }
  return best;
}

/**
 * Integer or rounded columns put many rows exactly between two others (3 between 2 and 4), and
 * rows that share their discrete values lie on a line in the one continuous column left. A SMOTE
 * row differs from its ends in every column where they differ, with fresh values a + t (b - a);
 * a grid row takes values training rows already have. So a segment is judged only when its ends
 * differ in 2 or more columns and the row has a value no training row has in one of them. Each
 * column's training values are sorted when first asked about.
 */
export class TrainGrid {
  private readonly sorted = new Map<number, Float64Array>();

  constructor(private readonly space: TrainSpace, private readonly train: Int32Array) {}

  /** True when the segment between leaf points a and b (offsets into tree.points) cannot be judged for `row`. */
  has(row: number, tree: KdTree, a: number, b: number): boolean {
    let differing = 0;
    let fresh = false;
    for (let d = 0; d < tree.dim; d++) {
      if (tree.points[b + d] === tree.points[a + d]) continue;
      differing++;
      if (!fresh && !this.isTrainValue(d, this.space.values[d]![row]!)) fresh = true;
    }
    return differing < 2 || !fresh;
  }

  private isTrainValue(d: number, v: number): boolean {
    const values = this.values(d);
    let lo = 0;
    let hi = values.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    return values[lo] === v;
  }

  private values(d: number): Float64Array {
    let v = this.sorted.get(d);
    if (!v) {
      const col = this.space.values[d]!;
      v = Float64Array.from(this.train, (r) => col[r]!).sort();
      this.sorted.set(d, v);
    }
    return v;
  }
}

/** True when every neighbour lies within FLAT * |b - a| of the line through a and b. */
function flatAround(tree: KdTree, out: NearestResult, a: number, b: number, vv: number): boolean {
  const { dim, points } = tree;
  for (let k = 0; k < out.found; k++) {
    const c = out.positions[k]! * dim;
    let wv = 0;
    for (let d = 0; d < dim; d++) wv += (points[c + d]! - points[a + d]!) * (points[b + d]! - points[a + d]!);
    const t = wv / vv;
    let r2 = 0;
    for (let d = 0; d < dim; d++) {
      const e = points[c + d]! - points[a + d]! - t * (points[b + d]! - points[a + d]!);
      r2 += e * e;
    }
    if (r2 > FLAT * FLAT * vv) return false;
  }
  return true;
}

