export { type Transform, type TransformOptions, type FitOptions } from './transform';
export { standardScaler, minMaxScaler, type StandardScaler, type MinMaxScaler } from './scalers';
export { meanImputer, type MeanImputer } from './imputer';
export { oneHotEncoder, type OneHotEncoder, type OneHotOptions } from './one-hot';
export { randomOversampler, type RandomOversampler, type OversampleOptions } from './oversample';
export {
  varianceThreshold, selectKBestCorrelation, absCorrelation,
  type VarianceThreshold, type CorrelationSelector, type VarianceThresholdOptions, type CorrelationSelectorOptions,
} from './selectors';
