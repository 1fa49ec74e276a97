import { invalid } from '../errors/index';
import type { Split, SplitInput, Splitter } from '../splits/index';
import { assertNoLeakage } from './accept';
import { checkLeakage, type LeakageOptions } from './check';
import { column, nRows, type Table } from './table';
import type { LeakageReport } from './types';

/** A split with the leakage report of its data-level checks. */
export interface CheckedSplit {
  split: Split;
  report: LeakageReport;
}

/**
 * Splits `t` with `splitter` and runs the data-level leakage checks on every split, as the issue
 * asks of split creation. The split input comes from the declared columns (`label` -> `y`,
 * `group` -> `groups`, `time` -> `time`); `input` overrides any of them. Throws a PaperlabError
 * (code `leakage`) at the first split with an error-level finding that `options.accept` does not
 * cover; accepted findings stay in the report, marked with their reason.
 */
export function splitWithChecks(t: Table, splitter: Splitter, options: LeakageOptions = {}, input: Partial<SplitInput> = {}): CheckedSplit[] {
  if (!splitter || typeof splitter.split !== 'function' || typeof splitter.describe !== 'function') {
    throw invalid('splitWithChecks(splitter)', 'a Splitter of src/library/splits (kfold(), holdout(), …)', typeof splitter);
  }
  const n = nRows(t, 'splitWithChecks(table)');
  const col = (name: string | undefined, where: string) => (name === undefined ? undefined : (column(t, name, where) as ArrayLike<number | string>));
  const splitInput: SplitInput = {
    nSamples: n,
    y: col(options.label, 'splitWithChecks(options.label)'),
    groups: col(options.group, 'splitWithChecks(options.group)'),
    time: col(options.time, 'splitWithChecks(options.time)') as ArrayLike<number> | undefined,
    ...input,
  };
  const out: CheckedSplit[] = [];
  for (const split of splitter.split(splitInput)) {
    const report = checkLeakage(t, split, options);
    assertNoLeakage(report, `leakage in split ${split.fold} of ${splitter.describe()}`);
    out.push({ split, report });
  }
  return out;
}
