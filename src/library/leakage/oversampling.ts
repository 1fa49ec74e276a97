import { invalid } from '../errors/index';
import { rng } from '../random/index';
import { hashColumns } from './duplicates';
import { checkParts, mask, type CheckedParts, type Parts } from './parts';
import { KdTree, nearestResult } from './neighbours';
import { hashRows } from './row-hash';
import { RowIndex } from './row-match';
import { poissonTail } from './spacing';
import { distinctMatrix, standardRow, trainSpace, type TrainSpace } from './train-space';
import { numericRank } from './rank';
import { BUDGET, closestSegment, K_NEIGHBOURS, ON_SEGMENT, TrainGrid } from './segments';
import { evalName, idList, MAX_EXAMPLES, plural } from './message';
import { column, nRows, type Table } from './table';
import type { Finding } from './types';

/** Options of {@link checkOversampling}. */
export interface OversamplingOptions {
  /** Label column: segments are looked for between training rows of the test row's class, and duplicated rows are tallied by class. */
  label?: string;
  /** Key columns (default: every column but the label); the numeric ones that vary in train are measured. */
  columns?: string[];
  /** Chance level (one-sided Poisson or binomial tail) under which a count is reported (default 1e-6). */
  alpha?: number;
  /**
   * Test rows searched for segments (default 50,000): more are a seeded sample of this many
   * (stream `rng('leakage').child('oversampling')`), and the finding says how many it examined.
   */
  maxSearched?: number;
  maxExamples?: number;
}

/** Chance is measured at this wider band and scaled down linearly, which over-counts it when the data span 2 or more dimensions. */
const CHANCE_BAND = 1e-2;
const REMEDY = 'oversample inside the training fold only, after splitting';

/**
 * L1.2 oversampling before the split, from the data alone (Kapoor & Narayanan 2023; SMOTE after
 * Chawla et al., JAIR 16, 2002). SMOTE makes a row a + t (b - a), t in (0, 1), between a minority
 * row and one of its nearest minority neighbours; when it ran before the split, test rows lie on
 * segments between two training rows of their class. Random oversampling before the split makes
 * exact copies of minority rows, so test copies of training rows concentrate in the oversampled class.
 * Errors: either way the test set holds rows made from training rows.
 */
export function checkOversampling(t: Table, parts: Parts, options: OversamplingOptions = {}): Finding[] {
  const n = nRows(t, 'checkOversampling(table)');
  const p = checkParts(parts, n, 'checkOversampling(parts)');
  const alpha = options.alpha ?? 1e-6;
  if (!(alpha > 0 && alpha < 1)) throw invalid('checkOversampling(options.alpha)', 'a number in (0, 1)', alpha);
  const labels = options.label === undefined ? undefined : classCodes(t, options.label, n);
  const names = options.columns ?? Object.keys(t.columns).filter((c) => c !== options.label);
  const maxExamples = options.maxExamples ?? MAX_EXAMPLES;
  const findings: Finding[] = [];
  const space = trainSpace(t, names, p.train, 'checkOversampling(options.columns)');
  if (space.dim >= 2 && p.evaluation.length > 0) {
    const found = interpolatedRows(space, p, searched(p, options.maxSearched ?? 50_000), labels);
    const expected = Math.max(found.chanceBand * (ON_SEGMENT / CHANCE_BAND), 0.01);
    if (found.ids.length > 0 && poissonTail(found.ids.length, expected) < alpha) {
      findings.push(interpolatedFinding(p, space, found, expected, maxExamples));
    }
  }
  if (labels) findings.push(...duplicatedMinority(t, names, p, labels, options.label!, alpha, maxExamples));
  return findings;
}

/** Most distinct label values read as classes; more is a numeric (regression) label, searched without classes. */
const MAX_CLASSES = 100;

/** Class codes of the label (-1 where it is missing), or undefined when the label is not a class label. */
function classCodes(t: Table, label: string, n: number): Classes | undefined {
  const col = column(t, label, 'checkOversampling(options.label)') as ArrayLike<number | string>;
  const codes = new Int32Array(n);
  const ids = new Map<number | string, number>();
  for (let i = 0; i < n; i++) {
    const v = col[i];
    if (v === undefined || v === null || (typeof v === 'number' && Number.isNaN(v))) {
      codes[i] = -1;
      continue;
    }
    let c = ids.get(v);
    if (c === undefined) {
      if (ids.size === MAX_CLASSES) return undefined;
      c = ids.size;
      ids.set(v, c);
    }
    codes[i] = c;
  }
  return { codes, nCodes: ids.size, values: col };
}

interface Classes {
  codes: Int32Array;
  nCodes: number;
  values: ArrayLike<number | string>;
}

interface Interpolated {
  ids: number[];
  /** Training rows (table ids) at the ends of the first segments found. */
  ends: [number, number][];
  tested: number;
  /** Evaluation rows searched (all, or the sample). */
  searched: number;
  /** Test rows within CHANCE_BAND of a segment: what chance alone puts near segments. */
  chanceBand: number;
}

/** One k-d tree per class of the training rows (one for all when there is no label). */
function classTrees(space: TrainSpace, train: Int32Array, labels?: { codes: Int32Array; nCodes: number }) {
  const nClasses = labels?.nCodes ?? 1;
  const members: number[][] = Array.from({ length: nClasses }, () => []);
  for (let i = 0; i < train.length; i++) {
    const c = labels ? labels.codes[train[i]!]! : 0;
    if (c >= 0) members[c]!.push(train[i]!);
  }
  return members.map((rows) => {
    const m = distinctMatrix(space, Int32Array.from(rows));
    return m.rows.length >= 3 ? { tree: new KdTree(m.x, space.dim), rows: m.rows } : undefined;
  });
}

/**
 * The evaluation rows to search, in their order: all of them, or a seeded sample of `max`. SMOTE
 * before the split puts synthetic rows all over the test set, so a sample of 50,000 finds it
 * whenever the full set would, and keeps 1M-row tables at ~1 s.
 */
function searched(p: CheckedParts, max: number): Int32Array {
  if (!(Number.isInteger(max) && max > 0)) throw invalid('checkOversampling(options.maxSearched)', 'a positive integer', max);
  if (p.evaluation.length <= max) return p.evaluation;
  const pick = rng('leakage').child('oversampling').permutation(p.evaluation.length).subarray(0, max).sort();
  return Int32Array.from(pick, (i) => p.evaluation[i]!);
}

function interpolatedRows(space: TrainSpace, p: CheckedParts, rows: Int32Array, labels?: { codes: Int32Array; nCodes: number }): Interpolated {
  // a rank-1 table puts every row on a segment between two others: nothing to judge
  const result: Interpolated = { ids: [], ends: [], tested: 0, searched: rows.length, chanceBand: 0 };
  if (numericRank(space, p.train) < 2) return result;
  const trees = classTrees(space, p.train, labels);
  const inTrain = mask(p.train, p.nRows);
  const q = new Float64Array(space.dim);
  const out = nearestResult(K_NEIGHBOURS);
  const grid = new TrainGrid(space, p.train);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const c = trees[labels ? labels.codes[row]! : 0]; // undefined for a missing label (-1)
    if (!c || inTrain[row] || !standardRow(space, row, q, 0)) continue;
    result.tested++;
    c.tree.nearest(q, 0, K_NEIGHBOURS, out, { budget: BUDGET });
    const best = closestSegment(c.tree, q, out, (a, b) => grid.has(row, c.tree, a, b));
    if (best.relative < CHANCE_BAND) result.chanceBand++;
    if (best.relative < ON_SEGMENT) {
      result.ids.push(row);
      if (result.ends.length < MAX_EXAMPLES) result.ends.push([c.rows[best.a]!, c.rows[best.b]!]);
    }
  }
  return result;
}

function interpolatedFinding(p: CheckedParts, space: TrainSpace, found: Interpolated, expected: number, maxExamples: number): Finding {
  const count = found.ids.length;
  const side = evalName(p.validation.length > 0);
  const examples = found.ids.slice(0, maxExamples);
  const fraction = count / found.searched;
  const of = found.searched < p.evaluation.length ? ` of ${found.searched} examined (a seeded sample of ${p.evaluation.length})` : '';
  return {
    rule: 'L1.2', severity: 'error', check: 'oversampled-test', count, unit: 'rows', examples, fraction,
    columns: space.columns, remedy: REMEDY,
    message: `leakage L1.2: ${plural(count, `${side} row`)}${of} (${(100 * fraction).toFixed(1)} % of the ${side} set) lie${count === 1 ? 's' : ''} on the segment between two training rows of ${count === 1 ? 'its' : 'their'} class ${idList(examples, count)}, as SMOTE makes rows, so oversampling ran before the split; ${REMEDY}`,
    details: {
      kind: 'interpolated',
      trainEnds: found.ends.map(([a, b]) => `${a}-${b}`).join(', '),
      expectedByChance: Number(expected.toPrecision(3)),
      testedRows: found.tested,
      searchedRows: found.searched,
    },
  };
}

/**
 * Random oversampling before the split: test rows that are exact copies of training rows, 90 % or
 * more of them in one class, beyond what that class's share of train explains (binomial tail).
 */
function duplicatedMinority(
  t: Table, names: string[], p: CheckedParts, labels: Classes,
  label: string, alpha: number, maxExamples: number,
): Finding[] {
  if (names.length === 0) return [];
  const cols = hashColumns(t, names, 'checkOversampling(options.columns)');
  const index = new RowIndex(cols, hashRows(cols, p.nRows), p.train);
  const inTrain = mask(p.train, p.nRows);
  const perClass = new Int32Array(labels.nCodes);
  const copies: number[] = [];
  for (let i = 0; i < p.evaluation.length; i++) {
    const row = p.evaluation[i]!;
    if (inTrain[row] || index.find(row) < 0) continue;
    if (labels.codes[row]! < 0) continue;
    copies.push(row);
    perClass[labels.codes[row]!]!++;
  }
  if (copies.length < 3) return [];
  let top = 0;
  for (let c = 1; c < labels.nCodes; c++) if (perClass[c]! > perClass[top]!) top = c;
  let inClass = 0;
  for (let i = 0; i < p.train.length; i++) inClass += Number(labels.codes[p.train[i]!] === top);
  const share = inClass / p.train.length;
  const k = perClass[top]!;
  // the class's share of train is the chance level: oversampling to balance makes it ~1/2, so no cut at 1/2
  if (k < 0.9 * copies.length || binomialTail(k, copies.length, share) >= alpha) return [];
  const rows = copies.filter((r) => labels.codes[r] === top);
  const examples = rows.slice(0, maxExamples);
  const side = evalName(p.validation.length > 0);
  const fraction = k / p.evaluation.length;
  const value = String(labels.values[rows[0]!]);
  return [{
    rule: 'L1.2', severity: 'error', check: 'oversampled-test', count: k, unit: 'rows', examples, fraction,
    columns: [...names, label], remedy: REMEDY,
    message: `leakage L1.2: ${plural(k, `${side} row`)} (${(100 * fraction).toFixed(1)} % of the ${side} set) ${k === 1 ? 'is an exact copy' : 'are exact copies'} of training rows of one class, ${label}=${value} (${(100 * share).toFixed(1)} % of train) ${idList(examples, k)}, as random oversampling makes them, so oversampling ran before the split; ${REMEDY}`,
    details: { kind: 'duplicated', class: value, classShareOfTrain: Number(share.toFixed(4)), copiesInOtherClasses: copies.length - k },
  }];
}

/** P(X >= k) for X ~ Binomial(n, p), summed in log space. */
function binomialTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  let logC = 0; // log C(n, k), built up
  for (let j = 1; j <= k; j++) logC += Math.log(n - k + j) - Math.log(j);
  let term = Math.exp(logC + k * Math.log(p) + (n - k) * Math.log1p(-p));
  let sum = 0;
  for (let j = k; j <= n && term > sum * 1e-16; j++) {
    sum += term;
    term *= ((n - j) / (j + 1)) * (p / (1 - p));
  }
  return Math.min(1, sum);
}
