import { invalid } from '../errors/index';
import { rng, type Rng } from '../random/index';
import { checkParts, mask, type CheckedParts, type Parts } from './parts';
import { KdTree, nearestResult, type NearestResult } from './neighbours';
import { segmentTest, type SegmentTest } from './segments';
import { distinctMatrix, standardRow, trainSpace, type TrainSpace } from './train-space';
import { chanceRate, poissonTail, spacingDimension } from './spacing';
import { evalName, idList, MAX_EXAMPLES, plural } from './message';
import { nRows, type Table } from './table';
import type { Finding } from './types';

/** Options of {@link checkNearDuplicates}. */
export interface NearDuplicateOptions {
  /** Key columns; the numeric ones that vary in train are measured. Default: every column. */
  columns?: string[];
  /**
   * A test row is a near copy when its nearest training row is closer than `ratio` times the
   * distance to its third-nearest distinct training row (default 0.05), i.e. much closer than the
   * training rows around it are to each other.
   */
  ratio?: number;
  /** Chance level (one-sided Poisson tail) under which the count is reported (default 1e-6). */
  alpha?: number;
  /** Training rows sampled to measure the data's dimension at the scale of its spacing (default 2000; 10x as many for the chance band). */
  sample?: number;
  maxExamples?: number;
}

const RATIO = 0.05;
const K_SPACING = 3;

/**
 * L1.4 near duplicates (Kapoor & Narayanan 2023): evaluation rows that are near copies of training
 * rows, measured in train-standardised space. For each evaluation row q, with r1 the distance to
 * its nearest training row and r3 to its third-nearest distinct one, q is a near copy when
 * r1 < ratio * r3. Under independent sampling (locally a Poisson process of dimension d) this
 * happens with probability 1 - (1 - ratio^d)^2 whatever the density, so dense low-dimensional data
 * is judged by its own spacing; d is measured on training rows (leave-one-out nearest-neighbour
 * ratios, Facco et al. 2017), and the finding is made only when the count is beyond chance at the
 * conservative end of d's confidence interval. Exact copies (r1 = 0) are the exact check's.
 * Error: near copies inflate a test score exactly as exact ones do (a 1-NN scores them right).
 */
export function checkNearDuplicates(t: Table, parts: Parts, options: NearDuplicateOptions = {}): Finding[] {
  const n = nRows(t, 'checkNearDuplicates(table)');
  const p = checkParts(parts, n, 'checkNearDuplicates(parts)');
  const ratio = options.ratio ?? RATIO;
  if (!(ratio > 0 && ratio < 1)) throw invalid('checkNearDuplicates(options.ratio)', 'a number in (0, 1)', ratio);
  const alpha = options.alpha ?? 1e-6;
  if (!(alpha > 0 && alpha < 1)) throw invalid('checkNearDuplicates(options.alpha)', 'a number in (0, 1)', alpha);
  const space = trainSpace(t, options.columns ?? Object.keys(t.columns), p.train, 'checkNearDuplicates(options.columns)');
  if (space.dim === 0 || p.evaluation.length === 0) return [];
  const { x, rows } = distinctMatrix(space, p.train);
  if (rows.length < K_SPACING + 1) return [];
  const tree = new KdTree(x, space.dim);
  const near = nearCopies(tree, space, p, ratio, segmentTest(space, p.train));
  if (near.count === 0) return [];
  const stream = rng('leakage').child('near-duplicates');
  const dim = spacingDimension(tree, stream, options.sample ?? 2000);
  const band = chanceBand(tree, ratio, stream.child('band'), 10 * (options.sample ?? 2000));
  const expected = near.tested * Math.max(chanceRate(ratio, dim.lower, K_SPACING), band);
  if (poissonTail(near.count, expected) >= alpha) return [];
  return [finding(p, space, near, rows, { ratio, expected, dim, maxExamples: options.maxExamples ?? MAX_EXAMPLES })];
}

interface NearCopies {
  count: number;
  tested: number;
  /** Every near copy (evaluation row id) and its nearest training point (index into the tree). */
  ids: number[];
  partners: number[];
}

/**
 * Decides r1 < ratio * r3 exactly for point q (values `q[qOff ..]`), in three cheap steps: (1) the
 * leaf around q gives an upper bound u >= r3; (2) a search within ratio * u finds r1 or proves
 * r1 >= ratio * u >= ratio * r3; (3) only then, fewer than 3 points within r1 / ratio means
 * r3 > r1 / ratio. Returns r1^2 (partner in `out.ids[0]`) for a near copy, else -1; r1 = 0 is
 * an exact copy, the exact check's. `exclude` leaves a training point out of its own search.
 */
function nearPartner(tree: KdTree, q: ArrayLike<number>, qOff: number, ratio: number, out: NearestResult, exclude = -1): number {
  const r2 = ratio * ratio;
  const found = tree.nearest(q, qOff, K_SPACING, out, { budget: 4 * tree.leafSize, exclude });
  const upper3 = found === K_SPACING ? out.dist2[K_SPACING - 1]! : Infinity;
  if (tree.nearest(q, qOff, 1, out, { maxDist2: r2 * upper3, exclude }) === 0) return -1;
  const d1 = out.dist2[0]!;
  if (d1 === 0 || tree.countWithin(q, qOff, d1 / r2, K_SPACING, exclude) >= K_SPACING) return -1;
  return d1;
}

/** Near copies among the evaluation rows; rows on a segment between two training rows are left to the oversampling check (L1.2). */
function nearCopies(tree: KdTree, space: TrainSpace, p: CheckedParts, ratio: number, interpolated: SegmentTest): NearCopies {
  const inTrain = mask(p.train, p.nRows);
  const q = new Float64Array(space.dim);
  const out = nearestResult(K_SPACING);
  const result: NearCopies = { count: 0, tested: 0, ids: [], partners: [] };
  for (let i = 0; i < p.evaluation.length; i++) {
    const row = p.evaluation[i]!;
    if (inTrain[row] || !standardRow(space, row, q, 0)) continue; // same id on both sides: L1.1's
    result.tested++;
    if (nearPartner(tree, q, 0, ratio, out) < 0) continue;
    const partner = out.ids[0]!;
    if (interpolated(tree, q, row)) continue;
    result.count++;
    result.ids.push(row);
    result.partners.push(partner);
  }
  return result;
}

/**
 * The chance rate of r1 < ratio * r3 measured on training points left out of their own search:
 * the share in the band [ratio / 4, ratio), over 0.75 (the band's least share of chance below
 * ratio, in 1 dimension), plus 3 standard errors (0 when the band is empty: the model then rules).
 * Near copies inside train (noise 1e-3 sd gives ratios ~0.002) sit below the band, so they cannot
 * inflate it; rows that share discrete values and differ in one continuous column (locally 1-D at
 * the smallest scale, where the dimension measured from r2 / r1 says ~1.7) raise it, as they should.
 */
function chanceBand(tree: KdTree, ratio: number, stream: Rng, sample: number): number {
  const m = Math.min(sample, tree.n);
  const out = nearestResult(K_SPACING);
  const deep = (ratio / 4) ** 2;
  let c = 0;
  for (let s = 0; s < m; s++) {
    const i = stream.integer(0, tree.n);
    const d1 = nearPartner(tree, tree.points, i * tree.dim, ratio, out, tree.id(i));
    if (d1 > 0 && tree.countWithin(tree.points, i * tree.dim, d1 / deep, K_SPACING, tree.id(i)) >= K_SPACING) c++;
  }
  return (c + 3 * Math.sqrt(c)) / m / 0.75;
}

function finding(
  p: CheckedParts, space: TrainSpace, near: NearCopies, trainRows: Int32Array,
  o: { ratio: number; expected: number; dim: { estimate: number; lower: number }; maxExamples: number },
): Finding {
  const { count } = near;
  const side = evalName(p.validation.length > 0);
  const examples = near.ids.slice(0, o.maxExamples);
  const fraction = count / p.evaluation.length;
  const chance = o.expected >= 0.5 ? `, about ${Math.round(o.expected)} expected by chance` : '';
  const cols = space.dim <= 4 ? `train-standardised ${space.columns.join(', ')}` : `${space.dim} train-standardised columns`;
  const remedy = 'deduplicate near copies before splitting, or split by the unit they copy';
  return {
    rule: 'L1.4', severity: 'error', check: 'near-duplicates', count, unit: 'rows', examples,
    fraction, columns: space.columns, remedy,
    message: `leakage L1.4: ${plural(count, `${side} row`)} (${(100 * fraction).toFixed(1)} % of the ${side} set) ${count === 1 ? 'is a near copy' : 'are near copies'} of training rows ${idList(examples, count)}, closer to one than ${o.ratio} of the spacing of the training rows around ${count === 1 ? 'it' : 'them'} in ${cols}${chance}; ${remedy}`,
    details: {
      trainExamples: near.partners.slice(0, o.maxExamples).map((k) => trainRows[k]!).join(', '),
      ratio: o.ratio,
      expectedByChance: Number(o.expected.toPrecision(3)),
      dimension: Number(o.dim.estimate.toFixed(2)),
      dimensionLower: Number(o.dim.lower.toFixed(2)),
      testedRows: near.tested,
    },
  };
}
