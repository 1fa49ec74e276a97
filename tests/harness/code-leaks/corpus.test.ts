import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cellsSource, checkCode, fileSource, type CodeCheck, type CodeFinding } from '../../../src/harness/code-leaks/index';
import { CLEAN, LEAKY, type CorpusCase } from './corpus';

// Scores the static check on the planted corpus, per check: recall over the marked leaks (found at
// the marked cell and line, by the marked check), precision over everything it reported.

interface Planted { check: string; cell?: number; line: number }

function planted(c: CorpusCase): Planted[] {
  return c.cells.flatMap((text, k) => text.split('\n').flatMap((line, i) => {
    const m = /\/\/ LEAK (\S+)/.exec(line);
    return m ? [{ check: m[1]!, cell: c.file ? undefined : k + 1, line: i + 1 }] : [];
  }));
}

function run(c: CorpusCase): CodeFinding[] {
  const name = c.name.replace(/\W+/g, '-');
  return checkCode(c.file ? fileSource(`${name}.ts`, c.cells[0]!) : cellsSource(`${name}.ipynb`, c.cells.map((text, k) => ({ cellIndex: 2 * k + 1, text }))));
}

const same = (p: Planted, f: CodeFinding) => p.check === f.check && p.cell === f.cell && p.line === f.line;

test('the static check finds every planted leak at its cell and line, and flags no clean control', () => {
  const checks: CodeCheck[] = ['code-preprocessing-fit', 'code-resampling-fit', 'code-selection-fit', 'code-test-reuse'];
  const score = new Map(checks.map((c) => [c, { tp: 0, fn: 0, fp: 0 }]));
  const missed: string[] = [];
  const wrong: string[] = [];
  for (const c of [...LEAKY, ...CLEAN]) {
    const found = run(c);
    const want = planted(c);
    for (const p of want) {
      const hit = found.some((f) => same(p, f));
      score.get(p.check as CodeCheck)![hit ? 'tp' : 'fn']++;
      if (!hit) missed.push(`${c.name}: ${p.check} at cell ${p.cell} line ${p.line}; found ${found.map((f) => `${f.check}@${f.cell}:${f.line}`).join(', ') || 'nothing'}`);
    }
    for (const f of found.filter((f) => !want.some((p) => same(p, f)))) {
      score.get(f.check)!.fp++;
      wrong.push(`${c.name}: ${f.check} at cell ${f.cell} line ${f.line}: ${f.message}`);
    }
  }
  const rows = checks.map((c) => {
    const s = score.get(c)!;
    const recall = s.tp / (s.tp + s.fn);
    const precision = s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp);
    return `${c.padEnd(24)} planted ${String(s.tp + s.fn).padStart(2)}  recall ${recall.toFixed(2)}  precision ${precision.toFixed(2)}`;
  });
  console.log(`static check on ${LEAKY.length} leaky and ${CLEAN.length} clean cases:\n${rows.join('\n')}`);
  assert.deepEqual(missed, [], 'every planted leak found');
  assert.deepEqual(wrong, [], 'nothing else reported');
  for (const c of checks) assert.ok(score.get(c)!.tp >= 1, `the corpus plants at least one ${c}`);
});

test('a finding names the rule, the cell as the user counts it, the nbformat index, the line and the remedy', () => {
  const [f, ...rest] = run(LEAKY[0]!);
  assert.equal(rest.length, 0);
  assert.deepEqual({ rule: f!.rule, severity: f!.severity, check: f!.check, cell: f!.cell, cellIndex: f!.cellIndex, line: f!.line }, { rule: 'L1.2', severity: 'warning', check: 'code-preprocessing-fit', cell: 3, cellIndex: 5, line: 1 });
  assert.equal(f!.message, 'leakage L1.2 (code): standardScaler is fitted on `t` before it is split (code cell 4, line 1); fit it on the training rows of each split (e.g. `.fit(t, split.train)`) and transform both parts with that fit');
  assert.match(f!.source, /^const scaled = standardScaler/);
  const reuse = run(LEAKY.find((c) => c.name.startsWith('test set reused'))!)[0]!;
  assert.deepEqual([reuse.rule, reuse.check, reuse.cell, reuse.line], ['L1.1', 'code-test-reuse', 4, 4]);
  assert.match(reuse.message, /once per candidate of a loop and the scores pick one \(code cell 4, line 5\)/);
});

test('config.yaml accept covers a code finding by rule and check, not by a data check\'s name', () => {
  const c = LEAKY[0]!;
  const source = cellsSource('nb.ipynb', c.cells.map((text, k) => ({ cellIndex: k, text })));
  assert.equal(checkCode(source, [{ rule: 'L1.2', check: 'preprocessing-fit', reason: 'x' }])[0]!.accepted, undefined);
  assert.deepEqual(checkCode(source, [{ rule: 'L1.2', check: 'code-preprocessing-fit', reason: 'the paper measures this leak' }])[0]!.accepted, { reason: 'the paper measures this leak' });
});
