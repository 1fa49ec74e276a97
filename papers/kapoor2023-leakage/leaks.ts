// Known leaks injected into a clean table, and the k-NN memorizer that exposes them: the case study
// of Kapoor & Narayanan 2023 (papers/kapoor2023-leakage) made of src/leakage's checker and transforms.
export { knnScores } from './knn';
export { dropExactDuplicates } from './deduplicate';
export { addNoiseColumns, appendDuplicates, repeatedMeasurements, type RepeatedMeasurementOptions } from './inject';
export { crossValidate, type PipelineOptions, type PipelineResult } from './cross-validate';
