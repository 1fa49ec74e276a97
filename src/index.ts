// The library notebooks import: `import { rng, record, splits } from './src/index'` (tslab needs the
// explicit /index). Keep CLI-only code (runner, env lock, seed audit) out of here: tslab compiles
// everything reachable from this file for every notebook. Paper configs, verdicts and reports are
// used by the CLI; a notebook that needs them imports './src/papers/index' and the like directly.
export { rng, setRootSeed, rootSeed, initSeed, seededInitializer, epochPermutation, epochBatches, Rng } from './random/index';
export { record, recorded, type RecordEntry } from './results/index';
export { useBackend, backendInfo, type BackendInfo } from './backend/index';
export { registerTrainingKernels } from './kernels/index';
export { plot, progress, show, liveDisplay, figureHtml, type Figure } from './display/index';
export { train, trainStep, type TrainOptions, type TrainResult } from './train/index';
export { budget } from './budget/index';
export { summarize } from './stats/index';
export { PaperlabError } from './errors/index';
// Whole capabilities as namespaces, so calls read like the domain: splits.kfold(...),
// leakage.checkLeakage(...), data.loadMnist(), models.mlp(...), metrics.f1(...), profile.profileStep(...).
export * as data from './data/index';
export * as splits from './splits/index';
export * as leakage from './leakage/index';
export * as models from './models/index';
export * as metrics from './metrics/index';
export * as profile from './profile/index';
