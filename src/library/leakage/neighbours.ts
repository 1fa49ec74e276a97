import { invalid } from '../errors/index';

/**
 * A k-d tree over float64 points (row-major, `dim` values per point) for the near-duplicate and
 * oversampling checks. Exact: `nearest` returns the true k nearest points within `maxDist2` unless
 * a `budget` of distance evaluations is given and runs out (then `exact` is false and the points
 * found are upper bounds); `countWithin` counts exactly. Leaves hold up to `leafSize` points;
 * cells are split at the median of their widest dimension (Friedman, Bentley & Finkel 1977), and
 * the search prunes a cell by its exact distance to the query, kept incrementally per dimension
 * (Arya & Mount 1993), so no bounding boxes are stored.
 */
export class KdTree {
  readonly n: number;
  /** The points in leaf order (a copy): a leaf's points are contiguous, so its scan streams memory. */
  readonly points: Float64Array;
  /** Point ids (row of the input) in leaf order; a leaf owns positions `start[node] .. end[node]`. */
  private readonly order: Int32Array;
  /** Scratch coordinates of the cell being split. */
  private keys: Float64Array;
  private readonly splitDim: Int32Array;
  private readonly splitVal: Float64Array;
  private readonly start: Int32Array;
  private readonly end: Int32Array;
  private readonly left: Int32Array;
  private readonly right: Int32Array;
  private nodes = 0;
  private readonly off: Float64Array;
  private evaluations = 0;
  private budgetLeft = Infinity;

  constructor(input: Float64Array, readonly dim: number, readonly leafSize = 16) {
    if (!Number.isInteger(dim) || dim < 1) throw invalid('KdTree(dim)', 'an integer >= 1', dim);
    if (input.length % dim !== 0) throw invalid('KdTree(points)', `a multiple of dim=${dim} values`, input.length);
    if (!Number.isInteger(leafSize) || leafSize < 1) throw invalid('KdTree(leafSize)', 'an integer >= 1', leafSize);
    this.n = input.length / dim;
    this.order = Int32Array.from({ length: this.n }, (_, i) => i);
    const maxNodes = 2 * Math.ceil(this.n / Math.max(1, Math.floor(leafSize / 2))) + 1;
    this.splitDim = new Int32Array(maxNodes);
    this.splitVal = new Float64Array(maxNodes);
    this.start = new Int32Array(maxNodes);
    this.end = new Int32Array(maxNodes);
    this.left = new Int32Array(maxNodes).fill(-1);
    this.right = new Int32Array(maxNodes).fill(-1);
    this.off = new Float64Array(dim);
    this.keys = new Float64Array(this.n);
    this.points = input;
    if (this.n > 0) this.build(0, this.n);
    this.keys = new Float64Array(0);
    const ordered = new Float64Array(input.length);
    for (let i = 0; i < this.n; i++) ordered.set(input.subarray(this.order[i]! * dim, (this.order[i]! + 1) * dim), i * dim);
    this.points = ordered;
  }

  /** The input row of the point at leaf position `i`: `points[i * dim ..]` is input row `id(i)`. */
  id(i: number): number {
    return this.order[i]!;
  }

  private build(lo: number, hi: number): number {
    const node = this.nodes++;
    this.start[node] = lo;
    this.end[node] = hi;
    if (hi - lo <= this.leafSize) return node;
    let d = this.widestDim(lo, hi, hi - lo > 1024 ? Math.floor((hi - lo) / 512) : 1);
    if (d < 0) d = this.widestDim(lo, hi, 1); // the sample saw one value: look at every point
    if (d < 0) return node; // every point equal: a leaf, however large
    const mid = (lo + hi) >> 1;
    this.select(lo, hi - 1, mid, d);
    this.splitDim[node] = d;
    this.splitVal[node] = this.keys[mid]!;
    this.left[node] = this.build(lo, mid);
    this.right[node] = this.build(mid, hi);
    return node;
  }

  /**
   * The dimension with the largest range over every `step`-th point of order[lo..hi), or -1 when
   * they are all equal. Cells over 1,024 points are judged on ~512 of them: the split stays exact
   * (the median), only the choice of axis is estimated.
   */
  private widestDim(lo: number, hi: number, step: number): number {
    const { dim, points, order } = this;
    let best = -1;
    let bestRange = 0;
    for (let d = 0; d < dim; d++) {
      let min = Infinity;
      let max = -Infinity;
      for (let i = lo; i < hi; i += step) {
        const v = points[order[i]! * dim + d]!;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      if (max - min > bestRange) {
        bestRange = max - min;
        best = d;
      }
    }
    return best;
  }

  /** Quickselect (Hoare) on order[lo..hi] by coordinate d, so order[k] is the median and smaller ones sit left. */
  private select(lo: number, hi: number, k: number, d: number): void {
    const { order, points, dim, keys } = this;
    // the coordinates copied once into a dense scratch array: the partition loops then read memory in order
    for (let i = lo; i <= hi; i++) keys[i] = points[order[i]! * dim + d]!;
    while (hi > lo) {
      const pivot = keys[(lo + hi) >> 1]!;
      let i = lo;
      let j = hi;
      while (i <= j) {
        while (keys[i]! < pivot) i++;
        while (keys[j]! > pivot) j--;
        if (i <= j) {
          const t = order[i]!;
          order[i] = order[j]!;
          order[j] = t;
          const u = keys[i]!;
          keys[i] = keys[j]!;
          keys[j] = u;
          i++;
          j--;
        }
      }
      if (k <= j) hi = j;
      else if (k >= i) lo = i;
      else return;
    }
  }

  /** Squared Euclidean distance from query `q` (at `qOff`) to the point at leaf position `p`. */
  dist2(q: ArrayLike<number>, qOff: number, p: number): number {
    const { points, dim } = this;
    const base = p * dim;
    let s = 0;
    for (let d = 0; d < dim; d++) {
      const t = q[qOff + d]! - points[base + d]!;
      s += t * t;
    }
    return s;
  }

  /**
   * The `k` nearest points to `q` (values `q[qOff .. qOff + dim)`), written nearest first into
   * `out.ids` / `out.dist2` (length >= k); returns how many were found. Only points with squared
   * distance <= `maxDist2` (default Infinity) count, and point `exclude` is skipped (leave-one-out).
   * With `budget`, the search stops after that many distance evaluations; `out.exact` says whether
   * it finished (when not, every distance found is an upper bound of the true k-th).
   */
  nearest(q: ArrayLike<number>, qOff: number, k: number, out: NearestResult, options: NearestOptions = {}): number {
    out.found = 0;
    out.exact = true;
    if (this.n === 0 || k < 1) return 0;
    this.off.fill(0);
    this.budgetLeft = options.budget ?? Infinity;
    const bound = { k, maxDist2: options.maxDist2 ?? Infinity, exclude: options.exclude ?? -1 };
    this.searchNearest(0, 0, q, qOff, out, bound);
    if (this.budgetLeft <= 0) out.exact = false;
    return out.found;
  }

  private searchNearest(node: number, rd: number, q: ArrayLike<number>, qOff: number, out: NearestResult, b: Bound): void {
    if (this.budgetLeft <= 0) return;
    const l = this.left[node]!;
    if (l < 0) {
      const { order } = this;
      for (let i = this.start[node]!; i < this.end[node]!; i++) {
        const p = order[i]!;
        if (p === b.exclude) continue;
        const d2 = this.dist2(q, qOff, i);
        this.budgetLeft--;
        this.evaluations++;
        if (d2 <= b.maxDist2 && (out.found < b.k || d2 < out.dist2[out.found - 1]!)) insertSorted(out, b.k, p, i, d2);
      }
      return;
    }
    const d = this.splitDim[node]!;
    const diff = q[qOff + d]! - this.splitVal[node]!;
    const near = diff < 0 ? l : this.right[node]!;
    const far = diff < 0 ? this.right[node]! : l;
    this.searchNearest(near, rd, q, qOff, out, b);
    // the far cell is at least rd with this dimension's offset replaced by the distance to the plane
    const old = this.off[d]!;
    const farRd = rd - old * old + diff * diff;
    const worst = out.found < b.k ? b.maxDist2 : Math.min(b.maxDist2, out.dist2[out.found - 1]!);
    if (farRd <= worst) {
      this.off[d] = diff;
      this.searchNearest(far, farRd, q, qOff, out, b);
      this.off[d] = old;
    }
  }

  /** How many points lie within squared distance `radius2` of `q` (inclusive), counting up to `stopAt`. */
  countWithin(q: ArrayLike<number>, qOff: number, radius2: number, stopAt = Infinity, exclude = -1): number {
    if (this.n === 0) return 0;
    this.off.fill(0);
    return this.searchCount(0, 0, q, qOff, radius2, stopAt, exclude, 0);
  }

  private searchCount(node: number, rd: number, q: ArrayLike<number>, qOff: number, r2: number, stopAt: number, exclude: number, count: number): number {
    const l = this.left[node]!;
    if (l < 0) {
      for (let i = this.start[node]!; i < this.end[node]! && count < stopAt; i++) {
        if (this.order[i] !== exclude && this.dist2(q, qOff, i) <= r2) count++;
      }
      this.evaluations += this.end[node]! - this.start[node]!;
      return count;
    }
    const d = this.splitDim[node]!;
    const diff = q[qOff + d]! - this.splitVal[node]!;
    const near = diff < 0 ? l : this.right[node]!;
    const far = diff < 0 ? this.right[node]! : l;
    count = this.searchCount(near, rd, q, qOff, r2, stopAt, exclude, count);
    if (count >= stopAt) return count;
    const old = this.off[d]!;
    const farRd = rd - old * old + diff * diff;
    if (farRd <= r2) {
      this.off[d] = diff;
      count = this.searchCount(far, farRd, q, qOff, r2, stopAt, exclude, count);
      this.off[d] = old;
    }
    return count;
  }

  /** Distance evaluations since construction: what the benchmarks and tests read as the work done. */
  get distanceEvaluations(): number {
    return this.evaluations;
  }
}

/** Options of {@link KdTree.nearest}. */
export interface NearestOptions {
  /** Only points within this squared distance count (default Infinity). */
  maxDist2?: number;
  /** A point id to skip (the query itself, for leave-one-out). */
  exclude?: number;
  /** Stop after this many distance evaluations (default: no limit, exact). */
  budget?: number;
}

/** Output buffer of {@link KdTree.nearest}: reuse one per loop, so queries allocate nothing. */
export interface NearestResult {
  /** Input rows of the neighbours, nearest first. */
  ids: Int32Array;
  /** Their leaf positions: neighbour j's values are `tree.points[positions[j] * dim ..]`. */
  positions: Int32Array;
  dist2: Float64Array;
  found: number;
  exact: boolean;
}

/** A result buffer for up to `k` neighbours. */
export function nearestResult(k: number): NearestResult {
  return { ids: new Int32Array(k), positions: new Int32Array(k), dist2: new Float64Array(k), found: 0, exact: true };
}

interface Bound {
  k: number;
  maxDist2: number;
  exclude: number;
}

function insertSorted(out: NearestResult, k: number, p: number, position: number, d2: number): void {
  let i = Math.min(out.found, k - 1);
  while (i > 0 && out.dist2[i - 1]! > d2) {
    out.dist2[i] = out.dist2[i - 1]!;
    out.ids[i] = out.ids[i - 1]!;
    out.positions[i] = out.positions[i - 1]!;
    i--;
  }
  out.dist2[i] = d2;
  out.ids[i] = p;
  out.positions[i] = position;
  if (out.found < k) out.found++;
}
