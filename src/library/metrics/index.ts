// Evaluation metrics on plain arrays (float64, pure JS), each equal to scikit-learn 1.2's on
// random cases (tests/library/metrics). Labels are class codes 0..K-1; probabilities are rows of K.
// Ill-defined precision/recall follow sklearn's zero_division ('warn' by default: 0 and a warning, listed
// in precisionRecallFscore(...).warnings and passed to onWarning, where sklearn warns).
// Tensors are read through dataSync() (duck typing).
export type { Values, Scores, TensorLike } from './inputs';
export { accuracy, confusionMatrix, type LabelOptions, type ConfusionNormalize } from './confusion';
export { balancedAccuracy, matthewsCorrcoef, type BalancedAccuracyOptions } from './agreement';
export { precision, recall, f1, fbeta, precisionRecallFscore, type Average, type PrfOptions, type PrfResult, type PerClass, type WarnFor } from './prf';
export { rocAuc, rocAucPerClass, type AucAverage, type RocAucOptions } from './roc-auc';
export { logLoss, type LogLossOptions } from './log-loss';
export { mse, rmse, mae, r2, psnr, type RegressionOptions } from './regression';
// numpy-faithful float64 summation, shared with src/library/splits (sklearn agreement to the last bit).
export { pairwiseSum } from './numpy-sum';
