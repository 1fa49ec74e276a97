// The library notebooks import: `import { rng, record } from './src/index'` (tslab needs the explicit /index).
export { rng, setRootSeed, rootSeed, Rng } from './random/index';
export { record, recorded, type RecordEntry } from './results/index';
export { PaperlabError } from './errors/index';
