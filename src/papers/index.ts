// The paper-folder contract: papers/<id>/{config.yaml, reproduce.ipynb, failures.yaml, README.md}.
// Schemas (JSON Schema 2020-12, ajv), a loader whose errors name file:line and field, the failure
// log, and the scaffold behind `paperlab new`.
export type {
  PaperConfig, PaperMeta, Claim, Tolerance, Direction, Ablation, AblationVariant, DataConfig, SplitConfig, SplitKind,
  Budget, ReplayProfile, FailureEntry, FailureWhere, FailureKind, FailureStatus, JsonValue,
} from './types';
export { paperConfigSchema, budgetSchema } from './config-schema';
export { failureEntrySchema, failureLogSchema, FAILURE_KINDS, FAILURE_STATUSES } from './failure-schema';
export { loadPaperConfig, checkPaperConfig, CONFIG_FILE, BUDGET_FILE, type ConfigCheck } from './load-config';
export { readFailureLog, appendFailure, checkFailureLog, FAILURES_FILE, FAILURE_LOG_HEADER, type NewFailure } from './failure-log';
export { runParameters, ablationPoints, replayProfile, BUILTIN_PARAMETERS, type AblationPoint, type ResolvedReplay } from './run-plan';
export { failuresFromRun, MAX_SYMPTOM_CHARS, type RunOutcome } from './run-failures';
export { scaffoldPaper, NOTEBOOK_FILE, README_FILE, type ScaffoldOptions, type ScaffoldResult } from './scaffold';
export { checkPaperFolder } from './check-folder';
export { PaperFileError, type FileIssue } from './issues';
export { nearest, levenshtein } from './nearest';
