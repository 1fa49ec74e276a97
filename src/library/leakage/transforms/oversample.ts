import { invalid } from '../../errors/index';
import { rng, type Rng } from '../../random/index';
import { LeakageLedger, defaultLedger } from '../ledger';
import { groupCodes } from '../groups';
import { rowIds } from '../parts';
import { column, nRows, type Table } from '../table';
import type { FitOptions } from './transform';

/** Options of {@link randomOversampler}. */
export interface OversampleOptions {
  /** The label column whose classes are balanced. */
  label: string;
  /** Random stream (default `rng('leakage').child('oversample')`). */
  rng?: Rng;
  ledger?: LeakageLedger;
}

/** Random oversampling (imbalanced-learn RandomOverSampler): minority rows drawn with replacement up to the majority count. */
export interface RandomOversampler {
  describe(): string;
  /**
   * The resampled row ids: every row of `rows`, then extra draws of each minority class. Records
   * `rows` as a resampling fit: oversampling before the split puts copies of a row on both sides (L1.2).
   */
  fitResample(t: Table, rows: ArrayLike<number>, options?: FitOptions): Int32Array;
}

/** A seeded random oversampler that records the rows it resampled. */
export function randomOversampler(options: OversampleOptions): RandomOversampler {
  if (!options || typeof options.label !== 'string') throw invalid('randomOversampler(options.label)', 'the name of the label column', options?.label);
  const stream = options.rng ?? rng('leakage').child('oversample');
  const ledger = options.ledger ?? defaultLedger();
  const describe = (): string => `randomOversampler(label=${options.label})`;
  return {
    describe,
    fitResample(t, rows, fitOptions = {}) {
      const ids = rowIds(rows, nRows(t, 'randomOversampler.fitResample(table)'), 'randomOversampler.fitResample(rows)');
      const labels = column(t, options.label, 'randomOversampler(options.label)') as ArrayLike<number | string>;
      const sub = Array.from(ids, (r) => labels[r]!);
      const { codes, nCodes } = groupCodes(sub, `randomOversampler(options.label) '${options.label}'`);
      const byClass: number[][] = Array.from({ length: nCodes }, () => []);
      codes.forEach((c, i) => byClass[c]!.push(ids[i]!));
      const target = Math.max(0, ...byClass.map((b) => b.length));
      const extra: number[] = [];
      for (const members of byClass) {
        for (let k = members.length; k < target; k++) extra.push(members[stream.integer(0, members.length)]!);
      }
      ledger.record({ transform: describe(), kind: 'resampling', rows: ids, fold: fitOptions.fold });
      const out = new Int32Array(ids.length + extra.length);
      out.set(ids, 0);
      out.set(extra, ids.length);
      return out;
    },
  };
}
