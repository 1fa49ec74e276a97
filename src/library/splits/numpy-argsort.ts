/**
 * `np.argsort(v)` with numpy's default kind ('quicksort'), ported from numpy 1.24
 * `npysort/quicksort.cpp` (`aquicksort_`) and `npysort/heapsort.cpp` (`aheapsort_`).
 *
 * Why a port: numpy's quicksort is not stable, and sklearn's GroupKFold orders groups with it, so
 * groups of equal size land in folds in numpy's tie order. Reproducing that order exactly is what
 * lets `groupKfold` give sklearn's folds row for row (checked against sklearn in tests).
 */
const SMALL_QUICKSORT = 15;

/** Index of the most significant bit (numpy's `npy_get_msb`). */
function msb(n: number): number {
  let depth = 0;
  while ((n >>= 1) > 0) depth++;
  return depth;
}

/** Heap sort of `idx[lo..lo+n-1]` by `v[idx[i]]`, as numpy's `aheapsort_` (1-based heap). */
function aheapsort(v: ArrayLike<number>, idx: Int32Array, lo: number, n: number): void {
  const a = (i: number) => lo + i - 1; // heap position i (1-based) -> array position
  const sift = (start: number, tmp: number, size: number) => {
    let i = start;
    for (let j = start << 1; j <= size; ) {
      if (j < size && v[idx[a(j)]!]! < v[idx[a(j + 1)]!]!) j += 1;
      if (v[tmp]! < v[idx[a(j)]!]!) {
        idx[a(i)] = idx[a(j)]!;
        i = j;
        j += j;
      } else break;
    }
    idx[a(i)] = tmp;
  };
  for (let l = n >> 1; l > 0; --l) sift(l, idx[a(l)]!, n);
  for (let size = n; size > 1; ) {
    const tmp = idx[a(size)]!;
    idx[a(size)] = idx[a(1)]!;
    size -= 1;
    sift(1, tmp, size);
  }
}

function swap(idx: Int32Array, i: number, j: number): void {
  const t = idx[i]!;
  idx[i] = idx[j]!;
  idx[j] = t;
}

/** Median-of-3 partition of idx[pl..pr]; returns the pivot's final position (numpy's loop body). */
function partition(v: ArrayLike<number>, idx: Int32Array, pl: number, pr: number): number {
  const pm = pl + ((pr - pl) >> 1);
  if (v[idx[pm]!]! < v[idx[pl]!]!) swap(idx, pm, pl);
  if (v[idx[pr]!]! < v[idx[pm]!]!) swap(idx, pr, pm);
  if (v[idx[pm]!]! < v[idx[pl]!]!) swap(idx, pm, pl);
  const vp = v[idx[pm]!]!;
  let pi = pl;
  let pj = pr - 1;
  swap(idx, pm, pj);
  for (;;) {
    do ++pi; while (v[idx[pi]!]! < vp);
    do --pj; while (vp < v[idx[pj]!]!);
    if (pi >= pj) break;
    swap(idx, pi, pj);
  }
  swap(idx, pi, pr - 1);
  return pi;
}

function insertionSort(v: ArrayLike<number>, idx: Int32Array, pl: number, pr: number): void {
  for (let pi = pl + 1; pi <= pr; ++pi) {
    const vi = idx[pi]!;
    const vp = v[vi]!;
    let pj = pi;
    while (pj > pl && vp < v[idx[pj - 1]!]!) {
      idx[pj] = idx[pj - 1]!;
      pj--;
    }
    idx[pj] = vi;
  }
}

/** Indices that sort `v` ascending, ties broken exactly as numpy 1.24's `np.argsort(v)`. */
export function numpyArgsort(v: ArrayLike<number>): Int32Array {
  const num = v.length;
  const idx = Int32Array.from({ length: num }, (_, i) => i);
  const stack: Array<[number, number, number]> = [];
  let pl = 0;
  let pr = num - 1;
  let cdepth = msb(num) * 2;
  for (;;) {
    if (cdepth < 0) {
      aheapsort(v, idx, pl, pr - pl + 1);
    } else {
      while (pr - pl > SMALL_QUICKSORT) {
        const pi = partition(v, idx, pl, pr);
        // numpy pushes the larger side and loops on the smaller one.
        if (pi - pl < pr - pi) {
          stack.push([pi + 1, pr, --cdepth]);
          pr = pi - 1;
        } else {
          stack.push([pl, pi - 1, --cdepth]);
          pl = pi + 1;
        }
      }
      insertionSort(v, idx, pl, pr);
    }
    const next = stack.pop();
    if (!next) break;
    [pl, pr, cdepth] = next;
  }
  return idx;
}
