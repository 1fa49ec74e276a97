// Replaying a paper folder: every seed (and ablation point) on a fresh kernel, claims judged,
// failures logged, one run folder per `paperlab run`. CLI-side: not for notebooks.
export { runPaper, kindOf, wallFailures, budgetStops, type RunPaperOptions, type PaperRun, type NotebookRun } from './run-paper';
export { buildRunManifest } from './manifest';
export { reportFromRun, latestRun } from './to-report';
export { readRunSummary, SUMMARY_FILE, type RunSummary } from './run-summary';
