import { invalid } from '../../library/errors/index';
import { summarize, type SummarizeOptions } from '../../library/stats/index';
import { judgementReason } from './reason';
import { claimBand, placeInterval, verdictFor } from './rules';
import type { Claim, Judgement } from './types';

/** Options of `judgeClaim`: the interval (`summarize` options) and what is known about the seeds. */
export interface JudgeOptions extends SummarizeOptions {
  /** The seed of each measured value, same order and length; named in the reason for NaN seeds. */
  seeds?: readonly number[];
  /** Seeds of runs that did not record the metric at all; they count like NaN seeds. */
  missingSeeds?: readonly number[];
}

/**
 * Judges one claim on its metric measured once per seed: `judgeClaim(claim, [0.92, 0.93, 0.925])`.
 * NaN and ±Infinity values (diverged seeds) are counted and named, never dropped silently; the CI is
 * taken over the finite ones. Rules: see the src/harness/verdict index.
 */
export function judgeClaim(claim: Claim, measured: readonly number[], options: JudgeOptions = {}): Judgement {
  const band = claimBand(claim);
  checkMeasured(claim, measured, options.seeds);
  const seedOf = (i: number) => (options.seeds ? (options.seeds[i] as number) : i);
  const finite: number[] = [];
  const nonFiniteSeeds: number[] = [];
  measured.forEach((v, i) => (Number.isFinite(v) ? finite.push(v) : nonFiniteSeeds.push(seedOf(i))));
  const missingSeeds = [...(options.missingSeeds ?? [])];
  const base = {
    claimId: claim.id, metric: claim.metric, paperValue: claim.paperValue, direction: band.direction,
    tolerance: band.tolerance, band: band.band, seedsTotal: measured.length + missingSeeds.length,
    nonFinite: { count: nonFiniteSeeds.length, seeds: options.seeds ? nonFiniteSeeds : [] },
    missing: { count: missingSeeds.length, seeds: missingSeeds },
  };
  const nonFiniteText = [...new Set(measured.filter((v) => !Number.isFinite(v)).map(String))];
  if (finite.length === 0) {
    const partial = { ...base, summary: null, verdict: 'not-measured' as const };
    return { ...partial, reason: judgementReason(partial, null, nonFiniteText) };
  }
  const summary = summarize(finite, options);
  const placement = placeInterval(summary.ci, band.band, band.slack);
  const capped = !summary.ciAvailable || nonFiniteSeeds.length > 0 || missingSeeds.length > 0;
  const partial = { ...base, summary, verdict: verdictFor(placement, capped) };
  const meanInside = placeInterval([summary.mean, summary.mean], band.band, band.slack) === 'inside';
  return { ...partial, reason: judgementReason(partial, { placement, meanInside }, nonFiniteText) };
}

function checkMeasured(claim: Claim, measured: readonly number[], seeds: readonly number[] | undefined): void {
  const where = `judgeClaim("${claim.id}") measured`;
  if (!Array.isArray(measured)) throw invalid(where, 'an array with one number per seed', typeof measured);
  const bad = measured.findIndex((v) => typeof v !== 'number');
  if (bad >= 0) throw invalid(`${where}[${bad}]`, 'a number (NaN allowed for a diverged seed)', measured[bad]);
  if (seeds !== undefined && (!Array.isArray(seeds) || seeds.length !== measured.length)) {
    throw invalid(`judgeClaim("${claim.id}") options.seeds`, `one seed per measured value (${measured.length})`, seeds);
  }
}
