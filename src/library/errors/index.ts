/**
 * One base for every error paperlab raises on purpose. Errors are data first (zod-style): `code`
 * says what kind, `where` names the file/argument/field, `expected`/`received` say the rule. The
 * message is built from those fields so it always reads: "<where>: expected <expected>, got <received>".
 */
export class PaperlabError extends Error {
  readonly code: string;
  readonly where?: string;
  readonly expected?: string;
  readonly received?: string;
  readonly hint?: string;

  constructor(code: string, message: string, fields: { where?: string; expected?: string; received?: string; hint?: string } = {}) {
    super(message);
    this.name = 'PaperlabError';
    this.code = code;
    this.where = fields.where;
    this.expected = fields.expected;
    this.received = fields.received;
    this.hint = fields.hint;
  }
}

/** `where: expected X, got Y; hint` — the standard shape for bad input. */
export function invalid(where: string, expected: string, received: unknown, hint?: string): PaperlabError {
  const got = typeof received === 'string' ? received : JSON.stringify(received);
  const message = `${where}: expected ${expected}, got ${got}${hint ? `; ${hint}` : ''}`;
  return new PaperlabError('invalid', message, { where, expected, received: got, hint });
}

export { didYouMean, nearest, levenshtein } from './did-you-mean';
