// Seeded randomness for paperlab: one root seed per run, named streams derived from it by name
// (rng('splits'), rng('init'), rng('batches')), TF.js seeds per layer name, epoch batch orders.
// The audit that finds randomness the root seed misses lives in src/harness/seed-audit (CLI only).
export { Rng } from './stream';
export { rng, setRootSeed, rootSeed, DEFAULT_ROOT_SEED } from './root';
export { epochPermutation, epochBatches, type EpochBatchOptions } from './batches';
export {
  initSeed, seededInitializer, RANDOM_INITIALIZERS, type RandomInitializerName, type InitializerConfig,
} from './tf-seeds';
