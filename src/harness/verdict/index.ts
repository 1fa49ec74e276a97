/**
 * Claim verdicts and regression checks.
 *
 * Verdict rules (`judgeClaim(claim, valuesPerSeed)`), with tol = max(abs, rel · |paperValue|):
 * - band: within [p − tol, p + tol]; at-least [p − tol, ∞); at-most (−∞, p + tol]. Direction
 *   defaults to 'within', missing tolerance parts to 0. Edges are closed (a CI exactly on an edge
 *   is inside), compared with a 1e-12 relative slack for binary rounding (EDGE_SLACK).
 * - CI: `summarize` over the finite values (95% t interval by default).
 * - reproduced: the whole CI lies in the band. partially: the CI overlaps the band without lying
 *   in it (its mean may be in or out; the reason says which). not-reproduced: the CI is disjoint.
 *   The same rule for all three directions: at-least/at-most are bands open on one side.
 * - at most partially: one seed only (its value is a point, no CI: inside → partially, outside →
 *   not-reproduced), or some seeds gave NaN/±Infinity, or some runs did not record the metric.
 *   Such seeds are counted and named in the reason, never dropped silently.
 * - not-measured: no values, or none finite (the reason says which).
 *
 * Regression: papers/<id>/accepted.json holds metric → { value (mean), atol?, rtol?, seeds, values };
 * `compareToAccepted` / `diffRuns` give rows with status ok | regressed | missing | new, where
 * within = |now − accepted| ≤ atol + rtol · |accepted| (default exact). `paperlab diff` reads any
 * run folder (`readDiffSide`) and `diffSides` adds strings, statuses and budget rows to the numbers.
 */
export { judgeClaim, type JudgeOptions } from './judge';
export { judgeClaims } from './judge-claims';
export { claimBand, placeInterval, verdictFor, EDGE_SLACK, type ClaimBand, type Placement } from './rules';
export { DIRECTIONS, VERDICTS, VERDICT_LABELS, type Claim, type Direction, type Judgement, type Tolerance, type Verdict } from './types';
export { verdictTable, type VerdictRow } from './table';
export { metricSeries, numericMetrics, toNumber, type MetricSeries, type RecordLike, type ResultsLike, type RunResults } from './records';
export {
  acceptResults, acceptedPath, computePathOf, replayKeysOf, stampReplayKeys, type ComputePath, readAccepted, readAcceptedIfAny, writeAccepted, ACCEPTED_FILE, ACCEPTED_REPLAY_FILE, ACCEPTED_FORMAT,
  type AcceptedProfile,
  type AcceptedMetric, type AcceptedResults, type NonFiniteMetric,
} from './accepted-file';
export {
  compareToAccepted, diffRuns, checkAgainstAccepted, runMeans, diffOk, asRuns, DEFAULT_DIFF_TOLERANCE,
  type DiffRow, type DiffStatus, type DiffTolerance, type AcceptedValues,
} from './compare';
export { diffCells, formatDiffTable, formatRunDiffTable, type DiffLabels, type TableRow } from './diff-table';
export { readDiffSide, statusRank, type DiffSide, type DiffUnit } from './diff-side';
export { diffSides, runDiffOk, type RunDiff, type RunDiffRow, type RunDiffKind, type RunDiffStatus } from './diff-runs';
export { variantTable, type Variant, type VariantRow, type MetricEstimate } from './variant-table';
