import { PaperlabError } from '../errors/index';

/**
 * One problem in a paper file, as data first: which file, line and field, what was expected and
 * what was found. `message` reads
 * `papers/x/config.yaml:12 budget.maxWallSeconds: expected a positive number, got -5`.
 */
export interface FileIssue {
  /** `yaml-syntax`, the ajv keyword (`type`, `required`, `additionalProperties`, …) or a check name. */
  code: string;
  file: string;
  /** 1-based; absent when the problem has no single place (e.g. a missing top-level section). */
  line?: number;
  /** Dotted field path, e.g. `claims[0].tolerance.abs`; empty for the whole file. */
  field: string;
  expected: string;
  received: string;
  /** The fix, when there is an obvious one (`did you mean "title"?`). */
  hint?: string;
  message: string;
}

/** Builds an issue and its message from the fields. */
export function issue(fields: Omit<FileIssue, 'message'>): FileIssue {
  const where = `${fields.file}${fields.line === undefined ? '' : `:${fields.line}`}${fields.field ? ` ${fields.field}` : ''}`;
  const message = `${where}: expected ${fields.expected}, got ${fields.received}${fields.hint ? `; ${fields.hint}` : ''}`;
  return { ...fields, message };
}

/**
 * A paper file that does not hold what it must. Carries every issue found (not just the first);
 * the message lists them one per line, in file order.
 */
export class PaperFileError extends PaperlabError {
  readonly issues: readonly FileIssue[];

  constructor(issues: readonly FileIssue[]) {
    const first = issues[0];
    const head = issues.length > 1 ? `${issues.length} problems in paper files:\n` : '';
    super('invalid-paper-file', head + issues.map((i) => i.message).join('\n'), {
      where: first ? `${first.file}${first.line === undefined ? '' : `:${first.line}`} ${first.field}`.trim() : undefined,
      expected: first?.expected,
      received: first?.received,
      hint: first?.hint,
    });
    this.name = 'PaperFileError';
    this.issues = issues;
  }
}

/** Sorts issues by file, then line (those without a line first), keeping the order of equals. */
export function sortIssues(issues: readonly FileIssue[]): FileIssue[] {
  return issues
    .map((x, k) => ({ x, k }))
    .sort((a, b) => a.x.file.localeCompare(b.x.file) || (a.x.line ?? 0) - (b.x.line ?? 0) || a.k - b.k)
    .map(({ x }) => x);
}
