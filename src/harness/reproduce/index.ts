// Replaying a paper folder: every seed (and ablation point) on a fresh kernel, claims judged,
// failures logged, one run folder per `paperlab run`. CLI-side: not for notebooks.
export { runPaper, writeSummary, sameSeeds, replay, replayLabel, hardLimitSeconds, failureEntries, appendAll, commitLabel, kindOf, wallFailures, budgetStops, type RunPaperOptions, type PaperRun, type NotebookRun } from './run-paper';
export { runParameters, ablationPoints, crossProduct, replayProfile, mainPlan, paperDirParam, BUILTIN_PARAMETERS, type AblationPoint, type ResolvedReplay } from './run-plan';
export { failuresFromRun, MAX_SYMPTOM_CHARS, type RunOutcome } from './run-failures';
export { buildRunManifest } from './manifest';
export { poolSize, type PoolSize } from './pool-size';
export { runPool } from './task-pool';
export { runDisplay, type RunDisplay } from './run-display';
export { reportFromRun, latestRun } from './to-report';
export { latestRuns, type LatestRuns } from './latest-runs';
export { readRunSummary, SUMMARY_FILE, type RunSummary } from './run-summary';
export { notebookKeyBase, replayKey, keyChanges, partDigests, backendPart, REPLAY_KEY_FORMAT, type ReplayKey, type ReplayKeyParts, type NotebookKeyBase } from './replay-key';
export { ReplayCache, defaultCacheDir, cacheTurnedOff, CACHE_DIR_ENV_VAR, CACHE_ENV_VAR, type CacheHit } from './replay-cache';
export { plannedReplayKeys, sinceAccepted, type SinceAccepted, type PlanOptions } from './accepted-keys';
