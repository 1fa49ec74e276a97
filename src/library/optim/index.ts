// Optimizers TF.js 4.22 lacks, usable with train(): AdamW (decoupled weight decay).
export { adamw, AdamWOptimizer, type AdamWOptions } from './adamw';
