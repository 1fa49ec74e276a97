// What a notebook imports: `import { rng, record, splits, loadMnist } from './src/index'` (tslab needs
// the explicit /index). It re-exports the notebook library, src/library/, and nothing else: the
// harness (src/harness: runs and judges notebooks) and the CLI (src/cli) stay out of every kernel,
// and tests/layers.test.ts fails if they become reachable from here.
export { rng, setRootSeed, rootSeed, initSeed, seededInitializer, epochPermutation, epochBatches, Rng } from './library/random/index';
export { record, recorded, type RecordEntry } from './library/results/index';
export { useBackend, backendInfo, type BackendInfo } from './library/backend/index';
export { registerTrainingKernels } from './library/kernels/index';
export { plot, progress, show, liveDisplay, figureHtml, type Figure } from './library/display/index';
export { train, trainStep, type TrainOptions, type TrainResult } from './library/train/index';
export { budget } from './library/budget/index';
export { summarize } from './library/stats/index';
export { PaperlabError } from './library/errors/index';
// The paper's own config.yaml, as the harness reads it (claims, parameters, budget).
export { loadPaperConfig, type PaperConfig, type Claim } from './library/paper-files/index';
// The domain nouns the papers use most, flat: loadMnist(), stratifiedHoldout(), splitWithChecks(), mlp().
export { loadMnist, loadTable, takeRows, modularArithmetic, powerLawNoiseImage, glyphImage } from './library/data/index';
export { holdout, stratifiedHoldout, kfold, stratifiedKfold, groupKfold, stratifiedGroupKfold } from './library/splits/index';
export { LeakageLedger, splitWithChecks, checkOverlap, checkImageDuplicates, formatFinding, randomOversampler, featureTable } from './library/leakage/index';
export { mlp, randomFourierFeatures } from './library/models/index';
export { accuracy, psnr } from './library/metrics/index';
export { adamw } from './library/optim/index';
// Whole capabilities as namespaces, so calls read like the domain: splits.kfold(...),
// leakage.checkLeakage(...), data.loadMnist(), models.mlp(...), metrics.f1(...), profile.profileStep(...).
export * as data from './library/data/index';
export * as splits from './library/splits/index';
export * as leakage from './library/leakage/index';
export * as models from './library/models/index';
export * as metrics from './library/metrics/index';
export * as profile from './library/profile/index';
