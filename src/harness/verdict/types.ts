import type { Summary } from '../../library/stats/index';

/** Which side of the paper's value a claim is about. */
export type Direction = 'at-least' | 'at-most' | 'within';

export const DIRECTIONS: readonly Direction[] = ['at-least', 'at-most', 'within'];

/** Absolute and relative tolerance of a claim; the band uses the larger, max(abs, rel · |paperValue|). */
export interface Tolerance {
  /** In the metric's unit; default 0. */
  abs?: number;
  /** A fraction of |paperValue| (0.01 is 1%); default 0. */
  rel?: number;
}

/**
 * A claim of a paper about one metric, e.g. `{ id: 'tab2-acc', metric: 'test_accuracy',
 * paperValue: 0.93, tolerance: { abs: 0.01 }, direction: 'at-least' }`. Structurally the claim of
 * a paper config (src/papers); `direction` defaults to 'within'.
 */
export interface Claim {
  id: string;
  /** Name of the recorded result (`record(name, …)`) that measures it. */
  metric: string;
  paperValue: number;
  tolerance?: Tolerance;
  direction?: Direction;
  /** Where in the paper, e.g. "Table 2". */
  source?: string;
  /** The claim in words. */
  statement?: string;
}

export type Verdict = 'reproduced' | 'partially' | 'not-reproduced' | 'not-measured';

export const VERDICTS: readonly Verdict[] = ['reproduced', 'partially', 'not-reproduced', 'not-measured'];

/** Each verdict in words, for sentences, tables and report badges. */
export const VERDICT_LABELS: Readonly<Record<Verdict, string>> = {
  'reproduced': 'reproduced',
  'partially': 'partially reproduced',
  'not-reproduced': 'not reproduced',
  'not-measured': 'not measured',
};

/** The verdict on one claim, with everything that led to it. */
export interface Judgement {
  claimId: string;
  metric: string;
  paperValue: number;
  direction: Direction;
  /** The tolerance as given (missing parts 0) and the value used, max(abs, rel · |paperValue|). */
  tolerance: { abs: number; rel: number; value: number };
  /** Accepted interval for the true value; -Infinity/Infinity for an open side (null in JSON). */
  band: [number, number];
  /** Summary of the finite values; null when there are none. */
  summary: Summary | null;
  /** Seeds (runs) given, including NaN and missing ones. */
  seedsTotal: number;
  /** Seeds whose value was NaN or ±Infinity (diverged); their seed numbers when known. */
  nonFinite: { count: number; seeds: number[] };
  /** Runs that did not record the metric at all; their seed numbers when known. */
  missing: { count: number; seeds: number[] };
  verdict: Verdict;
  /** One plain sentence with the numbers that decided the verdict. */
  reason: string;
}
