import { invalid } from '../errors/index';

/**
 * A part size: a fraction of the rows in (0, 1), or a row count (an integer >= 2). Test and
 * validation fractions round up (`ceil(fraction * nSamples)`, sklearn's `test_size`), train
 * fractions round down (`floor`, sklearn's `train_size`).
 *
 * `1` is refused: JavaScript cannot tell `1.0` ("all rows", which sklearn rejects as a fraction)
 * from `1` ("one row"), so the value is ambiguous. Pass a fraction below 1 or a count of 2 or more.
 */
export type PartSize = number;

/** Checks a size option when the splitter is built (`null` allowed where `optional`). */
export function checkPartSize(who: string, name: string, value: unknown, optional: boolean): number | null {
  if (optional && (value === null || value === undefined || value === 0)) return null;
  const expected = 'a fraction in (0, 1) or a row count >= 2';
  if (value === 1) {
    throw invalid(`${who} ${name}`, expected, '1',
      "1 is ambiguous (1.0 = all rows or 1 = one row? JavaScript cannot tell them apart); pass a fraction below 1 or a row count >= 2");
  }
  const ok = typeof value === 'number' && ((value > 0 && value < 1) || (Number.isSafeInteger(value) && value >= 2));
  if (!ok) throw invalid(`${who} ${name}`, expected, typeof value === 'number' ? String(value) : typeof value);
  return value as number;
}

/** Rows per part of a holdout, in sklearn's `_validate_shuffle_split` arithmetic. */
export interface HoldoutSizes {
  nTrain: number;
  nValidation: number;
  nTest: number;
}

/** Requested sizes; `null` means "the rest". `testSize` and `trainSize` are not both null. */
export interface SizeRequest {
  testSize: number | null;
  trainSize: number | null;
  validationSize: number | null;
}

function rows(who: string, name: string, size: number, n: number, round: (x: number) => number): number {
  const count = size < 1 ? round(size * n) : size;
  if (count > n) throw invalid(`${who} ${name}`, `at most nSamples=${n} rows`, String(size), 'lower it or add data');
  return count;
}

/**
 * Resolves sizes for `n` rows as sklearn's `_validate_shuffle_split` does (validation, ours, is
 * taken like a second test part): test rounds up, train rounds down; an absent test or train size
 * takes the rest. With both given the parts may leave rows out (sklearn's train_size + test_size
 * < 1); they may never overlap, and train and test keep at least one row each.
 */
export function holdoutSizes(who: string, n: number, req: SizeRequest): HoldoutSizes {
  const { testSize, trainSize, validationSize } = req;
  const nValidation = validationSize === null ? 0 : rows(who, 'validationSize', validationSize, n, Math.ceil);
  let nTest = testSize === null ? 0 : rows(who, 'testSize', testSize, n, Math.ceil);
  let nTrain = trainSize === null ? 0 : rows(who, 'trainSize', trainSize, n, Math.floor);
  if (trainSize === null) {
    nTrain = n - nTest - nValidation;
    if (nTrain < 1) {
      throw invalid(`${who} testSize`, `test + validation rows < nSamples=${n} so train keeps a row`,
        `${nTest} test + ${nValidation} validation rows`, 'lower testSize/validationSize or add data');
    }
    return { nTrain, nValidation, nTest };
  }
  if (nTrain < 1) {
    throw invalid(`${who} trainSize`, 'at least one train row', `0 rows (floor(${trainSize} * nSamples=${n}))`, 'raise trainSize or add data');
  }
  if (testSize === null) {
    nTest = n - nTrain - nValidation;
    if (nTest < 1) {
      throw invalid(`${who} trainSize`, `train + validation rows < nSamples=${n} so test keeps a row`,
        `${nTrain} train + ${nValidation} validation rows`, 'lower trainSize/validationSize or add data');
    }
    return { nTrain, nValidation, nTest };
  }
  if (nTrain + nValidation + nTest > n) {
    throw invalid(`${who} trainSize`, `train + validation + test rows <= nSamples=${n}`,
      `${nTrain} train + ${nValidation} validation + ${nTest} test rows`, 'lower trainSize, validationSize and/or testSize');
  }
  return { nTrain, nValidation, nTest };
}

/**
 * The size options of both holdouts, checked: sklearn's defaults (test 0.25 when neither test nor
 * train size is given; the absent one takes the rest).
 */
export function sizeOptions(who: string, opts: { testSize?: unknown; trainSize?: unknown; validationSize?: unknown }): SizeRequest {
  const trainSize = opts.trainSize === undefined || opts.trainSize === null ? null : checkPartSize(who, 'trainSize', opts.trainSize, false);
  const testGiven = opts.testSize !== undefined && opts.testSize !== null;
  const testSize = testGiven || trainSize === null ? checkPartSize(who, 'testSize', opts.testSize ?? 0.25, false) : null;
  const validationSize = checkPartSize(who, 'validationSize', opts.validationSize, true);
  if (testSize !== null && trainSize !== null && testSize < 1 && trainSize < 1 && trainSize + testSize > 1) {
    throw invalid(`${who} trainSize`, 'trainSize + testSize <= 1 (as fractions)', `${trainSize} + ${testSize} = ${trainSize + testSize}`,
      'lower trainSize and/or testSize');
  }
  return { testSize, trainSize, validationSize };
}
