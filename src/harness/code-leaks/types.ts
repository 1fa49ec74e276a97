import type { RuleId } from '../../library/leakage/index';

/**
 * A leak the static check of a paper's code suspects. Always a warning: the check reads code, not
 * what ran, so it can be wrong both ways (README.md lists what it cannot see).
 */
export interface CodeFinding {
  /** Kapoor & Narayanan 2023 rule: L1.2 preprocessing or resampling, L1.3 feature selection, L1.1 test reuse. */
  rule: RuleId;
  severity: 'warning';
  /** `code-preprocessing-fit`, `code-resampling-fit`, `code-selection-fit` or `code-test-reuse`. */
  check: CodeCheck;
  /** The notebook or .ts file, as given. */
  file: string;
  /** 1-based number of the code cell as the user counts them (markdown cells not counted); notebooks only. */
  cell?: number;
  /** Index of that cell in the notebook's `cells` array (what nbformat and `validate` call `cells[i]`). */
  cellIndex?: number;
  /** 1-based line within the cell (notebooks) or the file. */
  line: number;
  /** The source line, trimmed. */
  source: string;
  /** One sentence ending with the remedy. */
  message: string;
  /** What to do, one sentence. */
  remedy: string;
  /** Present when config.yaml `accept` covers this finding. */
  accepted?: { reason: string };
}

/** Check names of the static check; prefixed `code-` so that an acceptance of a data check never covers them by accident. */
export type CodeCheck = 'code-preprocessing-fit' | 'code-resampling-fit' | 'code-selection-fit' | 'code-test-reuse';

/** What a fit learns, as the library's LeakageLedger names it, plus `fit` for a fit of unknown kind (a model). */
export type FitKind = 'preprocessing' | 'resampling' | 'selection' | 'fit';

/** One part of a split. */
export type Part = 'train' | 'validation' | 'test';
