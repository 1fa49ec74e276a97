import { invalid } from '../errors/index';

/**
 * A part size: a fraction of the rows in (0, 1), or a row count (an integer >= 1). Fractions round
 * up (`ceil(fraction * nSamples)`), as sklearn's `test_size`.
 */
export type PartSize = number;

/** Checks a size option when the splitter is built (`null` allowed where `optional`). */
export function checkPartSize(who: string, name: string, value: unknown, optional: boolean): number | null {
  if (optional && (value === null || value === undefined || value === 0)) return null;
  const ok = typeof value === 'number' && ((value > 0 && value < 1) || (Number.isSafeInteger(value) && value >= 1));
  if (!ok) throw invalid(`${who} ${name}`, 'a fraction in (0, 1) or a row count >= 1', typeof value === 'number' ? String(value) : typeof value);
  return value as number;
}

/** Rows per part of a holdout, in sklearn's `_validate_shuffle_split` arithmetic. */
export interface HoldoutSizes {
  nTrain: number;
  nValidation: number;
  nTest: number;
}

function rows(who: string, name: string, size: number, n: number): number {
  const count = size < 1 ? Math.ceil(size * n) : size;
  if (count > n) throw invalid(`${who} ${name}`, `at most nSamples=${n} rows`, String(size), 'lower it or add data');
  return count;
}

/** Resolves sizes for `n` rows; train takes the rest and must keep at least one row. */
export function holdoutSizes(who: string, n: number, testSize: number, validationSize: number | null): HoldoutSizes {
  const nTest = rows(who, 'testSize', testSize, n);
  const nValidation = validationSize === null ? 0 : rows(who, 'validationSize', validationSize, n);
  const nTrain = n - nTest - nValidation;
  if (nTrain < 1) {
    throw invalid(`${who} testSize`, `test + validation rows < nSamples=${n} so train keeps a row`,
      `${nTest} test + ${nValidation} validation rows`, 'lower testSize/validationSize or add data');
  }
  return { nTrain, nValidation, nTest };
}
