export { Rng } from './stream';
export { rng, setRootSeed, rootSeed, DEFAULT_ROOT_SEED } from './root';
