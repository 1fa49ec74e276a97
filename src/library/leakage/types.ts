/**
 * Findings of the leakage checks. Rule ids follow the taxonomy of Kapoor & Narayanan,
 * "Leakage and the reproducibility crisis in machine-learning-based science", Patterns 4(9), 2023,
 * Table 1: L1.x = no clean train/test separation, L2 = illegitimate features, L3.x = test set not
 * drawn from the distribution of scientific interest.
 */

/** Rule ids of the taxonomy (Kapoor & Narayanan 2023, Table 1). */
export type RuleId = 'L1.1' | 'L1.2' | 'L1.3' | 'L1.4' | 'L2' | 'L3.1' | 'L3.2' | 'L3.3';

/** Every rule id, in taxonomy order. */
export const RULE_IDS: readonly RuleId[] = ['L1.1', 'L1.2', 'L1.3', 'L1.4', 'L2', 'L3.1', 'L3.2', 'L3.3'];

/**
 * `error` stops a run unless accepted with a reason; `warning` goes into the report;
 * `question` is something the data cannot answer (L3.3) and the report asks it.
 */
export type Severity = 'error' | 'warning' | 'question';

/** One finding of one check. */
export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** Short machine name of the check that produced it, e.g. `exact-duplicates`. */
  check: string;
  /** Number of evaluation rows (or fits, features, groups; see `unit`) affected. */
  count: number;
  /** What `count` counts: `rows`, `groups`, `features`, `fits`, `images`. */
  unit: string;
  /** Up to `maxExamples` example row ids (evaluation side unless the check says otherwise). */
  examples: number[];
  /** One plain sentence: `leakage L1.4: 14 test rows also appear in train (ids 3, 17, …); deduplicate before splitting`. */
  message: string;
  /**
   * Share of the test rows (test and validation rows when there is a validation part) the finding
   * is about, in [0, 1]: `count / rows` for a finding that counts rows; for `shared-groups` (which
   * counts groups) the share of the test rows in those groups. Absent for findings about features,
   * fits or images.
   */
  fraction?: number;
  /** The columns involved (the key columns of a duplicate, the feature, the time or group column). */
  columns?: string[];
  /** What to do, one sentence; `message` ends with it. */
  remedy?: string;
  /**
   * 1-based line numbers in the user's test file of the `examples` (header = line 1; a record
   * with a quoted newline is named by its first line). Filled by `checkLeakageFiles` only.
   */
  lines?: number[];
  /** Extra figures for the report (e.g. `{ sharedGroups: 3 }`). */
  details?: Record<string, number | string>;
  /** Present when the run accepted this finding explicitly. */
  accepted?: { reason: string };
}

/** An explicit acceptance of a finding, written in the run config with its reason. */
export interface Acceptance {
  rule: RuleId;
  /** Why it is acceptable here; shown in the report. Must be non-empty. */
  reason: string;
  /** Limit the acceptance to one check (e.g. `near-duplicates`); all checks of the rule when absent. */
  check?: string;
}

/** What `checkLeakage` returns. */
export interface LeakageReport {
  findings: Finding[];
  /** True when no finding is an unaccepted error. */
  ok: boolean;
  /** Checks that ran, e.g. `['L1.1 overlap', 'L1.4 exact-duplicates', …]`. */
  checksRun: string[];
  /** The task the L2 single-feature check scored for, when it ran, and whether it was inferred from the label. */
  task?: { task: 'classification' | 'regression'; inferred: boolean };
}
