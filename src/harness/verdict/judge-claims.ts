import { judgeClaim, type JudgeOptions } from './judge';
import { metricSeries, type RunResults } from './records';
import type { Claim, Judgement } from './types';

/**
 * Judges every claim on the runs of a paper, one run (results.json or its records) per seed, or
 * runs that each loop over seeds: values are taken per seed as `metricSeries` does, runs that
 * never recorded a claim's metric count as missing seeds. Options go to `judgeClaim`.
 */
export function judgeClaims(claims: readonly Claim[], recordsBySeed: readonly RunResults[], options: Omit<JudgeOptions, 'seeds' | 'missingSeeds'> = {}): Judgement[] {
  return claims.map((claim) => {
    const series = metricSeries(recordsBySeed, claim.metric);
    return judgeClaim(claim, series.values, { ...options, seeds: series.seeds, missingSeeds: series.missingSeeds });
  });
}
