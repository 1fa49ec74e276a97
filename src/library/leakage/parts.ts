import { invalid } from '../errors/index';

/**
 * Train / test (and optional validation) row ids into one table. Any `Split` of src/library/splits fits
 * (`{ fold, train: Int32Array, test: Int32Array, … }`).
 */
export interface Parts {
  train: ArrayLike<number>;
  test: ArrayLike<number>;
  validation?: ArrayLike<number>;
  /** Fold number, when the parts are one fold of a cross-validation. */
  fold?: number;
}

/** Parts after validation: Int32Array row ids, plus the evaluation rows (test then validation). */
export interface CheckedParts {
  train: Int32Array;
  test: Int32Array;
  validation: Int32Array;
  /** Test rows followed by validation rows: every row a model is evaluated (or tuned) on. */
  evaluation: Int32Array;
  fold?: number;
  nRows: number;
}

/** Checks that every id is an integer in [0, nRows) and returns Int32Array copies. */
export function checkParts(parts: Parts, nRows: number, where = 'parts'): CheckedParts {
  if (parts === null || typeof parts !== 'object') throw invalid(where, 'an object { train, test, validation? }', parts);
  const train = rowIds(parts.train, nRows, `${where}.train`);
  const test = rowIds(parts.test, nRows, `${where}.test`);
  const validation = parts.validation === undefined ? new Int32Array(0) : rowIds(parts.validation, nRows, `${where}.validation`);
  const evaluation = new Int32Array(test.length + validation.length);
  evaluation.set(test, 0);
  evaluation.set(validation, test.length);
  return { train, test, validation, evaluation, fold: parts.fold, nRows };
}

/** Validates one list of row ids against a table of `nRows` rows. */
export function rowIds(ids: ArrayLike<number> | undefined, nRows: number, where: string): Int32Array {
  if (ids === undefined || ids === null || typeof ids !== 'object' || typeof ids.length !== 'number') {
    throw invalid(where, 'an array of row ids', ids === undefined ? 'undefined' : typeof ids);
  }
  const out = Int32Array.from(ids);
  // Int32Array ids are integers already: only the range needs checking (1M ids: ~1 ms instead of ~10)
  const typed = ids instanceof Int32Array;
  for (let i = 0; i < ids.length; i++) {
    const id = typed ? out[i]! : ids[i]!;
    if (id < 0 || id >= nRows || (!typed && !Number.isInteger(id))) {
      throw invalid(`${where}[${i}]`, `an integer row id in [0, ${nRows})`, id, 'row ids index the table passed to the check');
    }
  }
  return out;
}

/** A mask of length `nRows` with 1 at each id of `ids`. */
export function mask(ids: Int32Array, nRows: number): Uint8Array {
  const m = new Uint8Array(nRows);
  for (let i = 0; i < ids.length; i++) m[ids[i]!] = 1;
  return m;
}
