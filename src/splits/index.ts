/**
 * Splitters, one interface (after scikit-learn's model_selection). Every `split(input)` returns
 * `Split[]`: `{ fold, train, validation?, test, manifest }` where the index arrays are sorted row
 * positions (Int32Array) and `manifest` records splitter, parameters, seed, sizes, class and group
 * counts and a sha256 digest of each part's row ids. src/leakage consumes this shape: keep it stable.
 */
export type { Label, PartManifest, SeedOptions, SeedRecord, Split, SplitInput, SplitManifest, Splitter } from './types';
export { DEFAULT_SPLIT_STREAM } from './base';
export { digestIds } from './manifest';
export { holdout, Holdout, type HoldoutOptions } from './holdout';
export type { PartSize } from './holdout-sizes';
export { stratifiedHoldout, StratifiedHoldout, type StratifiedHoldoutOptions } from './stratified-holdout';
export { kfold, KFold, type KfoldOptions } from './kfold';
export { stratifiedKfold, StratifiedKFold, type StratifiedKfoldOptions } from './stratified-kfold';
export { groupKfold, GroupKFold, type GroupKfoldOptions } from './group-kfold';
export { stratifiedGroupKfold, StratifiedGroupKFold, type StratifiedGroupKfoldOptions } from './stratified-group-kfold';
export { timeSeriesSplit, TimeSeriesSplit, type TimeSeriesSplitOptions } from './time-series-split';
