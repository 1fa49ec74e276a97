// Zhang et al. 2017's randomization tests (Section 2): replace labels or inputs by noise, keep
// everything else of the learning problem, and see whether a network still fits the training set.
export { corruptLabels, type CorruptedLabels } from './labels';
export { gaussianImages, type GaussianImages } from './inputs';
export { fitLabels, epochsToAccuracy, type FitLabelsOptions, type FitLabelsResult, type FitEpoch } from './fit';
