// "Did you mean": the one typo hint of every error message (config keys, budget keys, data manifests, parameters).
/** Edit distance (insertions, deletions, substitutions, each cost 1) between two strings. */
export function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The candidate closest to `word` (case-insensitive edit distance), when it is close enough to be
 * a likely typo: at most 2 edits, or a third of the word's length for long words. Ties go to the
 * earlier candidate. Failing that, a candidate that `word` abbreviates (`test_acc` for
 * `test_accuracy`; 4 characters at least). Undefined when nothing is close.
 */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(2, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = levenshtein(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  if (bestDistance <= limit) return best;
  const lower = word.toLowerCase();
  return lower.length >= 4 ? candidates.find((c) => c.toLowerCase().startsWith(lower)) : undefined;
}

/** The "did you mean" hint every message uses: `did you mean "title"?`, or undefined when nothing is close. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const guess = nearest(word, candidates);
  return guess === undefined ? undefined : `did you mean "${guess}"?`;
}
