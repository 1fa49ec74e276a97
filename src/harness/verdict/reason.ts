import { distinctDigits, formatValue } from '../../library/stats/index';
import type { Placement } from './rules';
import { VERDICT_LABELS, type Judgement } from './types';

type Unexplained = Omit<Judgement, 'reason'>;


/**
 * One plain sentence with the numbers behind a verdict, e.g. "test_accuracy: ours 0.925 ± 0.004,
 * 95% CI [0.92, 0.93] over 5 seeds, lies within the band [0.91, 0.95] (paper 0.93 ± 0.02):
 * reproduced." Values print with as many digits as it takes to tell CI bounds from band edges.
 */
export function judgementReason(j: Unexplained, where: { placement: Placement; meanInside: boolean } | null, nonFiniteText: string[]): string {
  const tail = `: ${VERDICT_LABELS[j.verdict]}.`;
  if (j.summary === null || where === null) return `${j.metric}: ${nothingMeasured(j, nonFiniteText)}${tail}`;
  const s = j.summary;
  const f = numberFormat([s.mean, s.ci[0], s.ci[1], j.band[0], j.band[1], j.paperValue]);
  const target = describeTarget(j, f);
  const ours = s.ciAvailable
    ? `ours ${f(s.mean)} ± ${formatValue(s.std)}, ${formatValue(100 * s.confidence)}% ${s.method === 't' ? 't' : 'bootstrap'} CI [${f(s.ci[0])}, ${f(s.ci[1])}] over ${s.n} seeds`
    : `ours ${f(s.mean)} from 1 seed (no CI)`;
  const verb = placementPhrase(j.direction, where.placement, where.meanInside, target);
  return `${j.metric}: ${ours}, ${verb}${caveats(j, nonFiniteText, where.placement === 'inside')}${tail}`;
}

/** in / out / reach words per direction: a band has an inside, a threshold a side. */
const WORDS = {
  'within': { in: 'within', out: 'outside', reach: 'outside', overlap: 'overlaps it' },
  'at-least': { in: 'at or above', out: 'below', reach: 'below', overlap: 'reaches it' },
  'at-most': { in: 'at or below', out: 'above', reach: 'above', overlap: 'reaches it' },
} as const;

function placementPhrase(direction: Judgement['direction'], placement: Placement, meanInside: boolean, target: string): string {
  const w = WORDS[direction];
  if (placement === 'inside') return `lies ${w.in} ${target}`;
  if (placement === 'below' || placement === 'above') return `lies entirely ${placement} ${target}`;
  return meanInside ? `has its mean ${w.in} ${target} but its CI reaches ${w.reach}` : `has its mean ${w.out} ${target} but its CI ${w.overlap}`;
}

function nothingMeasured(j: Unexplained, nonFiniteText: string[]): string {
  if (j.seedsTotal === 0) return 'no values given';
  const parts: string[] = [];
  if (j.nonFinite.count > 0) parts.push(`${countOf(j.nonFinite.count, j.seedsTotal)} gave ${nonFiniteText.join('/')}${seedList(j.nonFinite.seeds)}`);
  if (j.missing.count > 0) parts.push(`${countOf(j.missing.count, j.seedsTotal)} did not record it${seedList(j.missing.seeds)}`);
  return parts.join(' and ');
}

function caveats(j: Unexplained, nonFiniteText: string[], inside: boolean): string {
  const parts: string[] = [];
  if (j.nonFinite.count > 0) parts.push(`${countOf(j.nonFinite.count, j.seedsTotal)} gave ${nonFiniteText.join('/')}${seedList(j.nonFinite.seeds)}`);
  if (j.missing.count > 0) parts.push(`${countOf(j.missing.count, j.seedsTotal)} did not record it${seedList(j.missing.seeds)}`);
  if (j.summary !== null && !j.summary.ciAvailable && inside) parts.push('one seed cannot confirm it');
  if (parts.length === 0) return '';
  return `${inside ? ', but' : ';'} ${parts.join(' and ')}`;
}

function countOf(k: number, total: number): string {
  if (total !== k) return `${k} of ${total} seeds`;
  return total === 1 ? 'the only seed' : total === 2 ? 'both seeds' : `all ${total} seeds`;
}

function seedList(seeds: number[]): string {
  return seeds.length === 0 ? '' : ` (seed${seeds.length > 1 ? 's' : ''} ${seeds.join(', ')})`;
}

function describeTarget(j: Unexplained, f: (v: number) => string): string {
  const tol = formatValue(j.tolerance.value);
  if (j.direction === 'within') return `the band [${f(j.band[0])}, ${f(j.band[1])}] (paper ${f(j.paperValue)} ± ${tol})`;
  const [edge, op] = j.direction === 'at-least' ? [j.band[0], '−'] : [j.band[1], '+'];
  const paper = j.tolerance.value === 0 ? `paper ${f(j.paperValue)}` : `paper ${f(j.paperValue)} ${op} ${tol}`;
  return `the threshold ${f(edge)} (${paper})`;
}

function numberFormat(values: number[]): (v: number) => string {
  // At most 10 digits: closer values are equal for the verdict anyway (EDGE_SLACK).
  const digits = distinctDigits(values, 4, 10);
  return (v) => formatValue(v, digits);
}
