// The library notebooks import: `import { rng, record } from './src/index'` (tslab needs the explicit /index).
// Keep CLI-only code (runner, env lock, seed audit) out of here: tslab compiles all of it per notebook.
export { rng, setRootSeed, rootSeed, initSeed, seededInitializer, epochPermutation, epochBatches, Rng } from './random/index';
export { record, recorded, type RecordEntry } from './results/index';
export { useBackend, backendInfo, type BackendInfo } from './backend/index';
export { plot, progress, show, liveDisplay, figureHtml, type Figure } from './display/index';
export { PaperlabError } from './errors/index';
