/** Default number of example row ids a finding keeps. */
export const MAX_EXAMPLES = 5;

/** `(ids 3, 17, …)` — the examples of a finding, with an ellipsis when there are more. */
export function idList(examples: readonly (number | string)[], count: number, noun = 'ids'): string {
  if (examples.length === 0) return '';
  const more = count > examples.length ? ', …' : '';
  return `(${noun} ${examples.join(', ')}${more})`;
}

/** `1 row` / `14 rows`. */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}

/** Name of the evaluation side in sentences: `test`, or `test/validation` when there is a validation part. */
export function evalName(hasValidation: boolean): string {
  return hasValidation ? 'test/validation' : 'test';
}

/** `7.0 %` — a share in [0, 1] as a percentage; `< 0.1 %` rather than a misleading `0.0 %`. */
export function percent(share: number): string {
  if (share > 0 && share < 0.0005) return '< 0.1 %';
  return `${(share * 100).toFixed(1)} %`;
}

/** `14 test rows (7.0 % of the test set)`: a count of evaluation rows with its share of them. */
export function rowsOfSide(count: number, total: number, side: string): string {
  return `${plural(count, `${side} row`)} (${percent(total > 0 ? count / total : 0)} of the ${side} set)`;
}
