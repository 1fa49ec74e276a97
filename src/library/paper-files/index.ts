// The paper-folder contract: papers/<id>/{config.yaml, reproduce.ipynb, failures.yaml, README.md}.
// Schemas (JSON Schema 2020-12, ajv), a loader whose errors name file:line and field, and the
// failure log. Notebooks read their own config through it (loadPaperConfig); the harness builds on it.
export type {
  PaperConfig, PaperMeta, Claim, Tolerance, Direction, Ablation, AblationVariant, DataConfig, SplitConfig, SplitKind,
  PaperBudget, ReplayProfile, SlurmSettings, FailureEntry, FailureWhere, FailureKind, FailureStatus, JsonValue,
} from './types';
export { paperConfigSchema, budgetSchema } from './config-schema';
export { failureEntrySchema, failureLogSchema, FAILURE_KINDS, FAILURE_STATUSES } from './failure-schema';
export { loadPaperConfig, checkPaperConfig, CONFIG_FILE, BUDGET_FILE, NOTEBOOK_FILE, README_FILE, type ConfigCheck } from './load-config';
export { readFailureLog, appendFailure, checkFailureLog, FAILURES_FILE, FAILURE_LOG_HEADER, type NewFailure } from './failure-log';
export { PaperFileError, issue, excerpt, type FileIssue } from './issues';
export { withFileLock } from './file-lock';
export { currentOwner, parseOwner, ownerState, type ProcessOwner } from './process-owner';
export { SLUG } from './patterns';
export { lineOf, locate, parseYaml, readYaml, MAX_YAML_BYTES } from './yaml-source';
