// The library notebooks import: `import { rng, record, splits } from './src/index'` (tslab needs the
// explicit /index). Keep CLI-only code (runner, env lock, seed audit) out of here: tslab compiles
// everything reachable from this file for every notebook.
export { rng, setRootSeed, rootSeed, initSeed, seededInitializer, epochPermutation, epochBatches, Rng } from './random/index';
export { record, recorded, type RecordEntry } from './results/index';
export { useBackend, backendInfo, type BackendInfo } from './backend/index';
export { plot, progress, show, liveDisplay, figureHtml, type Figure } from './display/index';
export { PaperlabError } from './errors/index';
// Whole capabilities as namespaces, so calls read like the domain: splits.kfold(...),
// leakage.checkLeakage(...), data.loadMnist().
export * as data from './data/index';
export * as splits from './splits/index';
export * as leakage from './leakage/index';
