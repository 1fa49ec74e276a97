import { invalid } from '../../library/errors/index';
import { DIRECTIONS, type Claim, type Direction, type Verdict } from './types';

/**
 * Band edges are compared with a slack of 1e-12 · max(|paperValue|, tolerance): a value on the
 * edge in decimal (0.91 against 0.93 − 0.02, which is 0.9100000000000001 in binary) counts as on
 * it. Far below any real difference between seeds.
 */
export const EDGE_SLACK = 1e-12;

/** A checked claim: direction and tolerance filled in, band computed. */
export interface ClaimBand {
  direction: Direction;
  tolerance: { abs: number; rel: number; value: number };
  band: [number, number];
  /** Absolute slack for edge comparisons (see EDGE_SLACK). */
  slack: number;
}

/**
 * The band a claim accepts for the true value, tol = max(abs, rel · |paperValue|):
 * within [p − tol, p + tol]; at-least [p − tol, ∞); at-most (−∞, p + tol]. Direction defaults to
 * 'within', missing tolerance parts to 0. Throws on a malformed claim, naming the field.
 */
export function claimBand(claim: Claim): ClaimBand {
  checkClaim(claim);
  const direction = claim.direction ?? 'within';
  const abs = claim.tolerance?.abs ?? 0;
  const rel = claim.tolerance?.rel ?? 0;
  const p = claim.paperValue;
  const value = Math.max(abs, rel * Math.abs(p));
  const lo = direction === 'at-most' ? -Infinity : p - value;
  const hi = direction === 'at-least' ? Infinity : p + value;
  return { direction, tolerance: { abs, rel, value }, band: [lo, hi], slack: EDGE_SLACK * Math.max(Math.abs(p), value) };
}

/** Where an interval lies against a band (closed on both sides, with slack). */
export type Placement = 'inside' | 'overlaps' | 'below' | 'above';

/** Places `[lo, hi]` against `band`: inside it, overlapping it, or wholly below or above it. */
export function placeInterval(interval: readonly [number, number], band: readonly [number, number], slack = 0): Placement {
  const [lo, hi] = interval;
  if (hi < band[0] - slack) return 'below';
  if (lo > band[1] + slack) return 'above';
  if (lo >= band[0] - slack && hi <= band[1] + slack) return 'inside';
  return 'overlaps';
}

/**
 * The verdict from where the CI lies: inside → reproduced, overlaps → partially, below/above →
 * not-reproduced. `capped` (one seed only, or some seeds NaN or missing) turns reproduced into
 * partially: such evidence can support a claim but not confirm it.
 */
export function verdictFor(placement: Placement, capped: boolean): Verdict {
  if (placement === 'inside') return capped ? 'partially' : 'reproduced';
  return placement === 'overlaps' ? 'partially' : 'not-reproduced';
}

function checkClaim(claim: Claim): void {
  if (typeof claim !== 'object' || claim === null) throw invalid('claim', 'an object with id, metric, paperValue', String(claim));
  if (typeof claim.id !== 'string' || claim.id === '') throw invalid('claim.id', 'a non-empty string', claim.id);
  const where = `claim "${claim.id}"`;
  if (typeof claim.metric !== 'string' || claim.metric === '') throw invalid(`${where}.metric`, 'a recorded result name', claim.metric);
  if (typeof claim.paperValue !== 'number' || !Number.isFinite(claim.paperValue)) {
    throw invalid(`${where}.paperValue`, 'a finite number', shown(claim.paperValue));
  }
  if (claim.direction !== undefined && !DIRECTIONS.includes(claim.direction)) {
    throw invalid(`${where}.direction`, "'at-least', 'at-most' or 'within'", claim.direction);
  }
  for (const key of ['abs', 'rel'] as const) {
    const v = claim.tolerance?.[key];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) {
      throw invalid(`${where}.tolerance.${key}`, 'a finite number >= 0', shown(v));
    }
  }
}

/** NaN as NaN (JSON would print null), a string quoted so "0.93" does not read as a number. */
function shown(value: unknown): string {
  return typeof value === 'number' ? String(value) : JSON.stringify(value) ?? String(value);
}
