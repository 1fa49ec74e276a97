import type { SeedAuditResult, SeedFinding } from './audit';
import type { SeedRule } from './audit-rules';

/** The fix for each rule, printed once per rule under the findings. */
export const SEED_RULE_HINTS: Record<SeedRule, string> = {
  'math-random': "draw from a named stream: rng('<name>').uniform() (src/library/random)",
  'tf-util-shuffle': "tf.util.shuffle cannot be seeded: use rng('<name>').shuffle() or epochPermutation()",
  'random-op-unseeded': "pass a non-zero seed, e.g. rng('<name>').tfSeed() (TF.js treats seed 0 as no seed)",
  'initializer-unseeded': "pass { seed: initSeed('<layer>') } or use seededInitializer(kind, '<layer>')",
  'initializer-string': "replace the string by seededInitializer('<kind>', '<layer>')",
  'layer-default-initializer': "set the initializer explicitly: kernelInitializer: seededInitializer('glorotNormal', '<layer>')",
  'dropout-layer': 'TF.js dropout/noise layers are unseeded, or with a seed reuse one mask every step; review and allow with a reason',
  'data-shuffle-unseeded': "pass a seed: ds.shuffle(bufferSize, String(rng('data').tfSeed()))",
  'fit-shuffle': 'pass shuffle: false and order samples with epochPermutation(n, epoch) from rng(\'batches\')',
  'library-unseeded': 'this library call uses Math.random: index the data with a named rng stream instead',
  'allow-without-reason': 'write the reason: // seed-audit: allow <why this randomness is fine>',
};

/** `file:line:col` or, in a notebook, `file:cell<index>:line:col` (line within the cell). */
export function seedFindingLocation(f: SeedFinding): string {
  return f.cell === undefined ? `${f.file}:${f.line}:${f.col}` : `${f.file}:cell${f.cell}:${f.line}:${f.col}`;
}

/** One line per finding (`location  rule  snippet`), then a summary and the hint of each rule found. */
export function formatSeedAudit(result: SeedAuditResult): string {
  const lines = result.findings.map((f) => `${seedFindingLocation(f)}  ${f.rule}  ${f.snippet}`);
  const files = new Set(result.findings.map((f) => f.file)).size;
  const scanned = `scanned ${count(result.filesScanned, 'source file')} and ${count(result.notebooksScanned, 'notebook')} (${count(result.cellsScanned, 'code cell')})`;
  const allowed = result.allowed.length > 0 ? `; ${result.allowed.length} allowed by seed-audit comments` : '';
  if (result.findings.length === 0) {
    lines.push(`seed audit: clean; ${scanned}${allowed}`);
    return lines.join('\n');
  }
  lines.push('', `seed audit: ${count(result.findings.length, 'finding')} in ${count(files, 'file')}; ${scanned}${allowed}`);
  const rules = Array.from(new Set(result.findings.map((f) => f.rule))).sort();
  for (const rule of rules) lines.push(`  ${rule}: ${SEED_RULE_HINTS[rule]}`);
  return lines.join('\n');
}


function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
