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
  /** 1-based, with `line`, when the place is a character (YAML syntax, a duplicate key, a control character). */
  column?: number;
  /** Dotted field path, e.g. `claims[0].tolerance.abs`; empty for the whole file. */
  field: string;
  expected: string;
  received: string;
  /** The fix, when there is an obvious one (`did you mean "title"?`). */
  hint?: string;
  message: string;
}

/** `file`, `file:line` or `file:line:column`. */
function place(fields: Pick<FileIssue, 'file' | 'line' | 'column'>): string {
  if (fields.line === undefined) return fields.file;
  return `${fields.file}:${fields.line}${fields.column === undefined ? '' : `:${fields.column}`}`;
}

/** Where an issue is, as its message starts: `file:line:column field` (the parts it has). */
export function issueWhere(fields: Pick<FileIssue, 'file' | 'line' | 'column' | 'field'>): string {
  return `${place(fields)}${fields.field ? ` ${fields.field}` : ''}`;
}

/** Builds an issue and its message from the fields. */
export function issue(fields: Omit<FileIssue, 'message'>): FileIssue {
  const where = issueWhere(fields);
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
      where: first ? issueWhere(first) : undefined,
      expected: first?.expected,
      received: first?.received,
      hint: first?.hint,
    });
    this.name = 'PaperFileError';
    this.issues = issues;
  }
}

/** Characters an excerpt shows of a value or a file's text. */
export const EXCERPT_CHARS = 60;

/**
 * A short, quoted, escaped excerpt of `text` for a message: at most `max` characters, control
 * characters written as escapes (`\u0000`, `\n`), cut with `…` when longer. Messages never
 * echo a whole file or value: a binary or huge one would flood the terminal.
 */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  const { head, cut } = cutAt(text, max);
  const quoted = JSON.stringify(head).replace(/[\u007f-\u009f\u2028\u2029]/g, unicodeEscape);
  return cut ? `${quoted.slice(0, -1)}…"` : quoted;
}

/** Like `excerpt`, unquoted and with only control characters escaped: for a parser's own message. */
export function shortText(text: string, max = 200): string {
  const { head, cut } = cutAt(text, max);
  return head.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, unicodeEscape) + (cut ? '…' : '');
}

function cutAt(text: string, max: number): { head: string; cut: boolean } {
  const chars = Array.from(text.slice(0, 2 * max + 2));
  return { head: chars.slice(0, max).join(''), cut: chars.length > max || text.length > 2 * max + 2 };
}

function unicodeEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Sorts issues by file, then line (those without a line first), keeping the order of equals. */
export function sortIssues(issues: readonly FileIssue[]): FileIssue[] {
  return issues
    .map((x, k) => ({ x, k }))
    .sort((a, b) => a.x.file.localeCompare(b.x.file) || (a.x.line ?? 0) - (b.x.line ?? 0) || (a.x.column ?? 0) - (b.x.column ?? 0) || a.k - b.k)
    .map(({ x }) => x);
}
