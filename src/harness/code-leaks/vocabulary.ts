import ts from 'typescript';
import type { FitKind, Part } from './types';

// The names the static check recognises. The library's own (src/library/splits,
// src/library/leakage/transforms) come first; the patterns catch the usual names of other
// libraries (scikit-learn, imbalanced-learn and their JS ports), so a hand-rolled pipeline is seen too.

/** Factories (or classes) whose object has `.split(input)`: src/library/splits. */
export const SPLITTER_FACTORIES = new Set([
  'holdout', 'stratifiedHoldout', 'kfold', 'stratifiedKfold', 'groupKfold', 'stratifiedGroupKfold', 'timeSeriesSplit',
  'Holdout', 'StratifiedHoldout', 'KFold', 'StratifiedKFold', 'GroupKFold', 'StratifiedGroupKFold', 'TimeSeriesSplit',
  'ShuffleSplit', 'StratifiedShuffleSplit', 'GroupShuffleSplit', 'LeaveOneOut', 'LeaveOneGroupOut',
]);

/** Functions that split the data of their arguments themselves. */
export const SPLIT_FUNCTIONS = /^(splitWithChecks|train_?test_?split|trainTestSplit|randomSplit)$/i;

/** The library's fit-recording transforms and what their fit is. */
const LIBRARY_TRANSFORMS: Record<string, FitKind> = {
  standardScaler: 'preprocessing', minMaxScaler: 'preprocessing', meanImputer: 'preprocessing', oneHotEncoder: 'preprocessing',
  randomOversampler: 'resampling', varianceThreshold: 'selection', selectKBestCorrelation: 'selection',
};

const KIND_PATTERNS: Array<[RegExp, FitKind]> = [
  [/smote|adasyn|over_?sampl|under_?sampl|resampl/i, 'resampling'],
  [/select|variance_?threshold|^rfe/i, 'selection'],
  [/scal|imput|encod|normali[sz]|standardi[sz]|pca|tfidf|vectori[sz]|discreti[sz]|binari[sz]|whiten/i, 'preprocessing'],
];

/** The kind of transform a factory, class or variable name suggests; undefined when it suggests none. */
export function kindFromName(name: string): FitKind | undefined {
  if (Object.hasOwn(LIBRARY_TRANSFORMS, name)) return LIBRARY_TRANSFORMS[name];
  return KIND_PATTERNS.find(([re]) => re.test(name))?.[1];
}

/** Methods that learn from the data they are given. */
export const FIT_METHODS = new Set(['fit', 'fitTransform', 'fit_transform', 'fitResample', 'fit_resample', 'fitPredict', 'fit_predict']);

/** Methods whose result is the data itself, transformed (not the fitted object). */
export const FIT_RETURNS_DATA = new Set(['fitTransform', 'fit_transform', 'fitResample', 'fit_resample', 'fitPredict', 'fit_predict']);

/** Plain functions that oversample the data they are given (SMOTE and the like). */
export const RESAMPLING_FUNCTIONS = /^(smote|adasyn|borderlineSmote|randomOversample|oversample|upsample)$/i;

/** Array methods that call their callback once per element: a loop over the receiver. */
export const LOOP_METHODS = new Set(['forEach', 'map', 'flatMap', 'filter', 'reduce', 'some', 'every', 'find', 'findIndex']);

/** Array methods whose result is still a list of the receiver's elements (splits stay splits). */
export const KEEPS_ELEMENTS = new Set(['slice', 'filter', 'concat', 'at', 'find', 'toReversed', 'values', 'entries']);

/** Calls that pick the best of several scores. */
export const SELECTING_FUNCTIONS = /^(max|min|argmax|argmin|maxBy|minBy|best\w*|pick\w*|select(Best|Model)\w*)$/;
export const SELECTING_METHODS = new Set(['sort', 'toSorted', 'reduce', 'indexOf', 'findIndex', 'max', 'min', 'argmax', 'argmin']);

/** Variable names that hold a choice. */
export const CHOICE_NAMES = /^(best|chosen|selected|winner)/i;

/** Names that say a variable holds one part (`xTest`, `test_rows`, `trainSet`), for data the check did not see split. */
const PART_NAME = /^(?:[a-z]{1,2}_?)?(train|training|val|valid|validation|test|holdout)(?:_?(?:set|data|rows|ids|idx|x|y|table|df|frame|part|split|features|labels))?$/i;

export function partFromName(name: string): Part | undefined {
  const m = PART_NAME.exec(name);
  if (!m) return undefined;
  const word = m[1]!.toLowerCase();
  if (word.startsWith('train')) return 'train';
  if (word.startsWith('val')) return 'validation';
  return 'test';
}

/** Property names of a split that hold one part (src/library/splits Split). */
export function partOfProperty(name: string): Part | undefined {
  if (name === 'train') return 'train';
  if (name === 'validation') return 'validation';
  if (name === 'test') return 'test';
  return undefined;
}

/** Type annotations that declare a split (a .ts helper's parameter `splits: readonly Split[]`). */
export const SPLIT_TYPE = /\bSplit\b/;

/** A factory or class of a transform: the library's own names, or a class-like (PascalCase) name that says what it fits. */
export function transformFactory(name: string): FitKind | undefined {
  const kind = kindFromName(name);
  return kind && (Object.hasOwn(LIBRARY_TRANSFORMS, name) || /^[A-Z]/.test(name)) ? kind : undefined;
}

/** A short name for what a method is called on: `scaler`, `standardScaler` (of `leakage.standardScaler(…).fit`). */
export function receiverName(callee: ts.Expression): string {
  if (!ts.isPropertyAccessExpression(callee)) return ts.isIdentifier(callee) ? callee.text : '';
  return nameOf(callee.expression);
}

/** The name a callee or constructor ends in: `kfold` of `splits.kfold`, `StandardScaler` of `new dfd.StandardScaler()`. */
export function nameOf(e: ts.Expression): string {
  while (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isCallExpression(e) || ts.isNewExpression(e)) return nameOf(e.expression);
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return '';
}
