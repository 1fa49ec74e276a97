import type { Summary } from '../../library/stats/index';

import type { Claim as PaperClaim, Direction } from '../../library/paper-files/index';

export type { Direction, Tolerance } from '../../library/paper-files/index';

export const DIRECTIONS: readonly Direction[] = ['at-least', 'at-most', 'within'];

/**
 * What a verdict needs of a paper config's claim (src/library/paper-files `Claim`), e.g.
 * `{ id: 'tab2-acc', metric: 'test_accuracy', paperValue: 0.93, tolerance: { abs: 0.01 },
 * direction: 'at-least' }`: the config's claim itself, or the fields that judge it when a notebook
 * or test judges one by hand. `direction` defaults to 'within'.
 */
export type Claim = Pick<PaperClaim, 'id' | 'metric' | 'paperValue'> & Partial<Pick<PaperClaim, 'tolerance' | 'direction' | 'source' | 'statement'>>;

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
