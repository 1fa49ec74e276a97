// The training loop: seeded batch order, evaluation, early stop, budgets, NaN/Inf stop, checkpoints
// with exact resume, live progress (notebook line or CLI bar).
export { train } from './train';
export { trainStep } from './step';
export { progressMode, progressView, type ProgressMode, type ProgressView, type ProgressTick } from './progress-view';
export { BatchPlan, type StepBatch } from './batches';
export { saveCheckpoint, loadCheckpoint, restoreCheckpoint, checkpointDir, CHECKPOINT_FILE, CHECKPOINT_FORMAT, type CheckpointState, type StoredTensor } from './checkpoint';
export type {
  TrainOptions, TrainResult, TrainStatus, TrainFailure, HistoryEntry, Metrics, EarlyStop, CheckpointOptions, BatchProvider, TrainData,
} from './types';
