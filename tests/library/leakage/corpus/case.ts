import type { Finding, RuleId, Table } from '../../../../src/library/leakage/index';

/** What a user declares about the two files: the options every case passes to the checker. */
export interface CaseOptions {
  label?: string;
  group?: string;
  time?: string;
  task?: 'classification' | 'regression';
}

/**
 * One planted-leakage case: a train and a test table as a user would have them in two files, the
 * options the user would pass, and the rules whose leakage was planted (none for a clean control).
 */
export interface Case {
  /** Unique, e.g. `near-duplicates-3`: the kind, then the variant. */
  name: string;
  /** What this case is, in one line with its strength and size (printed next to misses). */
  description: string;
  train: Table;
  test: Table;
  options: CaseOptions;
  /** Rules whose leakage was planted; empty for a clean control. */
  planted: RuleId[];
  /** The check name expected for the planted rule (e.g. `near-duplicates`; none when two rules are planted); informational, not scored. */
  check?: string;
  /**
   * Rules the data also honestly shows, so finding them is neither required nor a false positive:
   * random oversampling before the split leaves exact copies across it (L1.4), and a SMOTE row
   * drawn close to an end of its segment is a near copy (L1.4).
   */
  tolerated?: RuleId[];
  /** Test rows that carry the planted leak, when the rule counts rows (informational). */
  leakyTestRows?: number;
  /** The strengths drawn for this variant (e.g. `{ noiseSd: 1e-4, share: 0.3 }`), for checks of the corpus itself. */
  params?: Record<string, number>;
}

/** A checker under test: the findings it reports for one case. */
export type Checker = (c: Case) => Finding[];
