/**
 * Splitters, one interface (after scikit-learn's model_selection; see README.md for the deviations).
 *
 *   const splits = stratifiedGroupKfold({ nSplits: 5, shuffle: true, seed: 7 }).split({ nSamples, y, groups });
 *   splits[0].train; splits[0].test;           // sorted row positions (Int32Array), disjoint
 *   splits[0].manifest.parts.test.digest;      // sha256 of the test rows' ids
 *
 * `Split` = `{ fold, train, validation?, test, manifest }` is what src/library/leakage consumes: keep it stable.
 */
export type { Label, PartManifest, SeedOptions, SeedRecord, Split, SplitInput, SplitManifest, Splitter } from './types';
export { DEFAULT_SPLIT_STREAM } from './base';
export { digestIds, digestSplits } from './manifest';
export { holdout, Holdout, type HoldoutOptions } from './holdout';
export type { PartSize } from './holdout-sizes';
export { stratifiedHoldout, StratifiedHoldout, type StratifiedHoldoutOptions } from './stratified-holdout';
export { kfold, KFold, type KfoldOptions } from './kfold';
export { stratifiedKfold, StratifiedKFold, type StratifiedKfoldOptions } from './stratified-kfold';
export { groupKfold, GroupKFold, type GroupKfoldOptions } from './group-kfold';
export { stratifiedGroupKfold, StratifiedGroupKFold, type StratifiedGroupKfoldOptions } from './stratified-group-kfold';
export { timeSeriesSplit, TimeSeriesSplit, type TimeSeriesSplitOptions } from './time-series-split';
