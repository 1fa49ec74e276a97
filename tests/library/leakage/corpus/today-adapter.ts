// ADAPTER TO DELETE when `checkTrainTest` (src/library/leakage/train-test.ts, the API part of issue 15)
// lands: it does what a user has to do today with two files, stacking train and test into one
// table with row-id parts and calling `checkLeakage`. Example ids come back as test-row indices.
import { checkLeakage, type Column, type Finding, type Table } from '../../../../src/library/leakage/index';
import type { Case } from './case';

/** Train rows then test rows in one table; the same columns of the same kind on both sides. */
export function stackTables(train: Table, test: Table): Table {
  const names = Object.keys(train.columns);
  const other = Object.keys(test.columns);
  if (names.length !== other.length || names.some((n) => !(n in test.columns))) {
    throw new Error(`stackTables: train columns (${names.join(', ')}) differ from test columns (${other.join(', ')})`);
  }
  const columns: Record<string, Column> = {};
  for (const name of names) {
    const a = train.columns[name]!;
    const b = test.columns[name]!;
    if (Array.isArray(a) !== Array.isArray(b) || (Array.isArray(a) && typeof a[0] !== typeof b[0])) {
      throw new Error(`stackTables: column '${name}' is ${Array.isArray(a) ? 'strings' : 'numbers'} in train but not in test`);
    }
    if (Array.isArray(a)) {
      columns[name] = [...(a as string[]), ...(b as string[])];
    } else {
      const out = new Float64Array(a.length + b.length);
      out.set(a as ArrayLike<number>, 0);
      out.set(b as ArrayLike<number>, a.length);
      columns[name] = out;
    }
  }
  return { columns };
}

/**
 * Today's checker on a case: `checkLeakage` on the stacked table with label, group and time.
 * `task` is not passed (today's `checkLeakage` has no such option; it infers the task).
 */
export function checkStacked(c: Case): Finding[] {
  const nTrain = Object.values(c.train.columns)[0]!.length;
  const t = stackTables(c.train, c.test);
  const nTest = Object.values(c.test.columns)[0]!.length;
  const parts = {
    train: Int32Array.from({ length: nTrain }, (_, i) => i),
    test: Int32Array.from({ length: nTest }, (_, i) => nTrain + i),
  };
  const { label, group, time } = c.options;
  const report = checkLeakage(t, parts, { label, group, time });
  // evaluation-side examples are stacked ids >= nTrain: as test-row indices they are 0-based in the test table
  return report.findings.map((f) => ({ ...f, examples: f.examples.map((e) => (e >= nTrain ? e - nTrain : e)) }));
}
