/**
 * String rules shared by the schemas, each with the words an error shows for it (ajv only knows
 * the regular expression).
 */
export interface NamedPattern {
  pattern: string;
  expected: string;
}

export const SLUG: NamedPattern = {
  pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
  expected: 'a slug (lowercase letters and digits joined by single dashes, e.g. "zhang2017-random-labels")',
};

export const IDENTIFIER: NamedPattern = {
  pattern: '^[A-Za-z_$][A-Za-z0-9_$]*$',
  expected: 'a TypeScript identifier (letters, digits, _ or $, not starting with a digit)',
};

// New-style ids since 2007 (YYMM.NNNN or YYMM.NNNNN, optional version); old style archive/YYMMNNN.
export const ARXIV: NamedPattern = {
  pattern: '^([0-9]{4}\\.[0-9]{4,5}|[a-z-]+(\\.[A-Z]{2})?/[0-9]{7})(v[0-9]+)?$',
  expected: 'an arXiv id such as "1611.03530" or "hep-th/9901001"',
};

export const DOI: NamedPattern = {
  pattern: '^10\\.[0-9]{4,9}/\\S+$',
  expected: 'a DOI such as "10.1145/3446776" (no https://doi.org/ prefix)',
};

export const URL: NamedPattern = { pattern: '^https?://\\S+$', expected: 'an http(s) URL' };

export const COMMIT: NamedPattern = {
  pattern: '^([0-9a-f]{7,40}(-dirty)?|unknown)$',
  expected: 'a git commit (7-40 lowercase hex digits, optionally "-dirty") or "unknown"',
};

export const DATE_TIME: NamedPattern = {
  pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})$',
  expected: 'an ISO 8601 date and time with zone, e.g. "2026-11-23T13:30:00Z"',
};

export const FAILURE_ID: NamedPattern = { pattern: '^F[1-9][0-9]*$', expected: 'an id "F<n>", e.g. "F12"' };

const ALL = [SLUG, IDENTIFIER, ARXIV, DOI, URL, COMMIT, DATE_TIME, FAILURE_ID];

/** The words for a schema pattern, or a fallback that names the expression. */
export function describePattern(pattern: string): string {
  return ALL.find((p) => p.pattern === pattern)?.expected ?? `a string matching /${pattern}/`;
}
