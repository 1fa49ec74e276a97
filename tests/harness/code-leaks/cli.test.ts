import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { paperlab } from '../../cli';

// The static leakage check as a user meets it: `paperlab validate` and `paperlab run`'s preflight
// on a scaffolded paper whose notebook scales every row before it splits them.

const LEAKY_CELL = `const t = data.loadTable('breast-cancer-table');
const allRows = Int32Array.from({ length: t.columns.label.length }, (_, i) => i);
const scaled = leakage.standardScaler({}).fit(t, allRows).transform(t);
const [split] = splits.holdout({ testSize: 0.2, shuffle: true }).split({ nSamples: allRows.length });
`;

function leakyPaper(): { dir: string; notebook: string; config: string } {
  const root = mkdtempSync(join(tmpdir(), 'paperlab-code-leaks-'));
  const made = paperlab(['new', 'leaky-paper', '--root', root]);
  assert.equal(made.code, 0, made.out);
  const dir = join(root, 'papers', 'leaky-paper');
  const notebook = join(dir, 'reproduce.ipynb');
  const nb = JSON.parse(readFileSync(notebook, 'utf8')) as { cells: Array<{ cell_type: string; source: string | string[] }> };
  // cells[5] is the scaffold's "load the data and split it" cell: the third code cell.
  assert.match([nb.cells[5]!.source].flat().join(''), /TODO: load the data/);
  nb.cells[5]!.source = LEAKY_CELL;
  writeFileSync(notebook, JSON.stringify(nb, null, 1));
  return { dir, notebook, config: join(dir, 'config.yaml') };
}

test('paperlab validate prints a leak in the notebook with its cell, line and source; a warning unless --strict-leakage', () => {
  const { dir, notebook } = leakyPaper();
  const r = paperlab(['validate', dir]);
  assert.equal(r.code, 0, r.out);
  assert.equal(r.stdout, `paperlab: ${dir} is valid\n`);
  assert.equal(r.stderr, [
    `${notebook} code cell 3 (cells[5]), line 3: warning: leakage L1.2 (code): standardScaler is fitted on \`t\` before it is split (code cell 3, line 4); fit it on the training rows of each split (e.g. \`.fit(t, split.train)\`) and transform both parts with that fit`,
    '    const scaled = leakage.standardScaler({}).fit(t, allRows).transform(t);',
    'paperlab: 1 leakage warning from the static check of the code; if one is intended, accept it in config.yaml: accept: [{ rule: L1.2, check: code-preprocessing-fit, reason: "…" }]',
    '',
  ].join('\n'));
  const strict = paperlab(['validate', dir, '--strict-leakage']);
  assert.equal(strict.code, 1);
  assert.equal(strict.stdout, '');
  assert.match(strict.stderr, /code cell 3 \(cells\[5\]\), line 3: warning: leakage L1\.2/);
});

test('an acceptance in config.yaml (rule, check, reason) is shown with its reason and satisfies --strict-leakage', () => {
  const { dir, config } = leakyPaper();
  writeFileSync(config, readFileSync(config, 'utf8').replace(/^accept: \[\]$/m, 'accept:\n  - rule: L1.2\n    check: code-preprocessing-fit\n    reason: "the paper measures what scaling before the split does"'));
  const r = paperlab(['validate', dir, '--strict-leakage']);
  assert.equal(r.code, 0, r.out);
  assert.match(r.stderr, /warning: leakage L1\.2 \(code\): .* \(accepted: the paper measures what scaling before the split does\)\n/);
  assert.match(r.stderr, /paperlab: 0 leakage warnings from the static check of the code \(1 accepted\)\n$/);
});

test('paperlab run prints the same warning before the run, and --strict-leakage stops it before any kernel starts', () => {
  const { dir, notebook } = leakyPaper();
  const r = paperlab(['run', dir, '--strict-leakage', '--no-failures']);
  assert.equal(r.code, 1, r.out);
  // (a first run in a fresh checkout may print a native build line first)
  assert.match(r.stderr, new RegExp(`(^|\n)${notebook.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} code cell 3 \\(cells\\[5\\]\\), line 3: warning: leakage L1\\.2 \\(code\\)`));
  assert.match(r.stderr, /\npaperlab: nothing ran \(--strict-leakage\): fix or accept the leakage warnings above\n$/);
  assert.equal(r.stdout, '');
});

test('paperlab sweep checks the code too: --strict-leakage stops it before a sweep folder or a task exists', () => {
  const { dir } = leakyPaper();
  const r = paperlab(['sweep', dir, '--seeds', '0-1', '--strict-leakage', '--no-failures']);
  assert.equal(r.code, 1, r.out);
  assert.match(r.stderr, /code cell 3 \(cells\[5\]\), line 3: warning: leakage L1\.2 \(code\)/);
  assert.match(r.stderr, /\npaperlab: nothing ran \(--strict-leakage\): fix or accept the leakage warnings above\n$/);
  assert.equal(existsSync(join(dir, 'runs')) ? readdirSync(join(dir, 'runs')).length : 0, 0, 'no sweep folder was made');
});
