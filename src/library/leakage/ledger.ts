import { invalid } from '../errors/index';
import { checkParts, mask, rowIds, type Parts } from './parts';
import { evalName, idList, MAX_EXAMPLES, rowsOfSide } from './message';
import type { Finding } from './types';

/** What a fit learns from data: preprocessing (L1.2), resampling (L1.2) or feature selection (L1.3). */
export type FitKind = 'preprocessing' | 'resampling' | 'selection';

/** One recorded fit: which transform learned from which rows. */
export interface FitRecord {
  /** `describe()` of the transform, e.g. `standardScaler(columns=a,b)`. */
  transform: string;
  kind: FitKind;
  /** Row ids the fit read. */
  rows: Int32Array;
  /** Fold the fit belongs to; a fit without a fold is compared with every fold. */
  fold?: number;
}

/**
 * Collects the fits of a run, so L1.2/L1.3 can be checked from what actually happened rather than
 * from what the code claims. Transforms of src/library/leakage/transforms record into one automatically;
 * a hand-written transform calls `record` itself.
 */
export class LeakageLedger {
  readonly fits: FitRecord[] = [];

  /** Records that `transform` (of `kind`) was fitted on `rows`. */
  record(fit: { transform: string; kind: FitKind; rows: ArrayLike<number>; fold?: number }): FitRecord {
    if (!fit || typeof fit.transform !== 'string' || !fit.transform) throw invalid('ledger.record(fit.transform)', 'a non-empty transform name', fit?.transform);
    if (fit.kind !== 'preprocessing' && fit.kind !== 'resampling' && fit.kind !== 'selection') {
      throw invalid('ledger.record(fit.kind)', "'preprocessing', 'resampling' or 'selection'", fit.kind);
    }
    const rows = rowIds(fit.rows, 2 ** 31 - 1, 'ledger.record(fit.rows)');
    const rec: FitRecord = { transform: fit.transform, kind: fit.kind, rows, fold: fit.fold };
    this.fits.push(rec);
    return rec;
  }

  /** Forgets every fit (e.g. between notebook runs). */
  clear(): void {
    this.fits.length = 0;
  }
}

// On globalThis: tslab re-evaluates modules, and fits recorded in one cell must reach the check in the next.
const KEY = Symbol.for('paperlab.leakageLedger');
type LedgerHolder = { [KEY]?: LeakageLedger };

/** The run's default ledger, used by transforms created without `{ ledger }`. */
export function defaultLedger(): LeakageLedger {
  const g = globalThis as LedgerHolder;
  if (!g[KEY]) g[KEY] = new LeakageLedger();
  return g[KEY]!;
}

/**
 * L1.2 (preprocessing and resampling on train+test) and L1.3 (feature selection on train+test),
 * Kapoor & Narayanan 2023: every recorded fit that read an evaluation row is an error.
 * Fits of another fold (both `fold`s set and different) are not compared.
 */
export function checkFits(parts: Parts, ledger: LeakageLedger = defaultLedger(), maxExamples = MAX_EXAMPLES): Finding[] {
  if (!(ledger instanceof LeakageLedger)) throw invalid('checkFits(ledger)', 'a LeakageLedger', typeof ledger);
  if (parts === null || typeof parts !== 'object') throw invalid('checkFits(parts)', 'an object { train, test, validation? }', String(parts));
  // the parts alone fix the table size here: a fit row beyond every part is no evaluation row
  let n = 0;
  const bump = (ids: ArrayLike<number>): void => {
    for (let i = 0; i < ids.length; i++) if (ids[i]! + 1 > n) n = ids[i]! + 1;
  };
  bump(parts.train ?? []);
  bump(parts.test ?? []);
  bump(parts.validation ?? []);
  const p = checkParts(parts, Math.max(n, 1), 'checkFits(parts)');
  const isEval = mask(p.evaluation, p.nRows);
  const side = evalName(p.validation.length > 0);
  const findings: Finding[] = [];
  for (const fit of ledger.fits) {
    if (fit.fold !== undefined && p.fold !== undefined && fit.fold !== p.fold) continue;
    const seen = new Set<number>();
    const ex: number[] = [];
    for (let i = 0; i < fit.rows.length; i++) {
      const r = fit.rows[i]!;
      if (r >= p.nRows || !isEval[r] || seen.has(r)) continue;
      seen.add(r);
      if (ex.length < maxExamples) ex.push(r);
    }
    if (seen.size === 0) continue;
    const rule = fit.kind === 'selection' ? 'L1.3' : 'L1.2';
    const what = fit.kind === 'selection' ? 'feature selection' : fit.kind === 'resampling' ? 'resampling' : 'preprocessing';
    const remedy = `fit it on the training rows only${p.fold !== undefined ? ', inside each fold' : ''}`;
    findings.push({
      rule, severity: 'error', check: `${fit.kind}-fit`, count: seen.size, unit: 'rows', examples: ex,
      fraction: seen.size / p.evaluation.length, remedy,
      message: `leakage ${rule}: ${fit.transform} (${what}) was fitted on ${rowsOfSide(seen.size, p.evaluation.length, side)} ${idList(ex, seen.size)}; ${remedy}`,
      details: { transform: fit.transform, fitRows: fit.rows.length },
    });
  }
  return findings;
}
