import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { PROJECT_ROOT } from '../../../src/harness/runner/index';

// The real CLI entry point, as a user runs it.
function paperlab(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/cli/main.ts'), ...args], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('paperlab new scaffolds a folder that paperlab validate accepts', () => {
  const root = mkdtempSync(join(tmpdir(), 'paperlab-cli-'));
  const made = paperlab('new', 'demo-paper', '--title', 'A demo paper', '--root', root);
  assert.equal(made.code, 0, made.stderr);
  const dir = join(root, 'papers', 'demo-paper');
  assert.match(made.stdout, new RegExp(`^paperlab: created ${dir}/\n  ${dir}/config\\.yaml\n  ${dir}/reproduce\\.ipynb\n  ${dir}/failures\\.yaml\n  ${dir}/README\\.md\n`));
  assert.match(readFileSync(join(dir, 'config.yaml'), 'utf8'), /title: "A demo paper"/);
  const ok = paperlab('validate', dir);
  assert.deepEqual([ok.code, ok.stdout, ok.stderr], [0, `paperlab: ${dir} is valid\n`, '']);
  assert.equal(paperlab('validate', join(dir, 'config.yaml')).stdout, `paperlab: ${dir} is valid\n`, 'a file names its folder');
  const again = paperlab('new', 'demo-paper', '--root', root);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /demo-paper: expected a new folder, got one that exists/);
  const bad = paperlab('new', 'Demo_Paper', '--root', root);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /^paper id: expected a slug .*, got Demo_Paper\n$/);
});

test('paperlab validate prints every problem with file and line, and exits 1', () => {
  const root = mkdtempSync(join(tmpdir(), 'paperlab-cli-'));
  assert.equal(paperlab('new', 'demo-paper', '--root', root).code, 0);
  const dir = join(root, 'papers', 'demo-paper');
  const config = join(dir, 'config.yaml');
  // Uncomment the arXiv line without its quotes, and break the budget.
  writeFileSync(config, readFileSync(config, 'utf8').replace(/# arxiv: "1611\.03530".*\n/, 'arxiv: 1706.10\n').replace('maxWallSeconds: 600', 'maxWallSeconds: -5'));
  writeFileSync(join(dir, 'failures.yaml'), '- id: F1\n  kind: nan\n');
  const r = paperlab('validate', dir);
  assert.equal(r.code, 1);
  const lines = r.stderr.trimEnd().split('\n');
  const lineOf = (needle: string) => readFileSync(config, 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;
  assert.equal(lines[0], `${config}:${lineOf('arxiv: 1706.10')} paper.arxiv: expected a string (quote it: "1706.10"), got the number 1706.1`);
  assert.equal(lines[1], `${config}:${lineOf('maxWallSeconds')} budget.maxWallSeconds: expected a positive number, got -5`);
  assert.match(lines[2]!, /failures\.yaml:1 \[0\]\.date: expected a value \(required\), got nothing \(the key is missing\)$/);
  assert.equal(lines.at(-1), `paperlab: ${lines.length - 1} problems in ${dir}`);
  assert.equal(r.stdout, '');
});

test('paperlab validate on a folder that does not exist', () => {
  const r = paperlab('validate', join(tmpdir(), 'no-such-paper-folder'));
  assert.equal(r.code, 1);
  assert.match(r.stderr, /no-such-paper-folder: expected a paper folder, got nothing; create one with `paperlab new <id>`\n/);
});

test('paperlab validate checks every value config.yaml gives a parameter against the type the parameters cell declares', () => {
  const root = mkdtempSync(join(tmpdir(), 'paperlab-cli-'));
  assert.equal(paperlab('new', 'demo-paper', '--root', root).code, 0);
  const dir = join(root, 'papers', 'demo-paper');
  const config = join(dir, 'config.yaml');
  const notebook = join(dir, 'reproduce.ipynb');
  // A null default declares the type null: an ablation giving it numbers needs an annotation.
  writeFileSync(notebook, readFileSync(notebook, 'utf8').replace('const steps = 100;', 'const steps = 100;\\nconst sigma = null;'));
  writeFileSync(config, readFileSync(config, 'utf8')
    .replace('learningRate: 0.001 ', 'learningRate: fast \n  sigma: null')
    .replace('ablations: []', 'ablations:\n  - name: sweep\n    grid: { steps: [10, "20"], sigma: [2] }'));
  const r = paperlab('validate', dir);
  assert.equal(r.code, 1, r.stderr);
  const lineOf = (needle: string) => readFileSync(config, 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines[0], `${config}:${lineOf('learningRate: fast')} parameters.learningRate: expected a number (reproduce.ipynb's parameters cell declares \`const learningRate = 0.001\`), got "fast"`);
  assert.equal(lines[1], `${config}:${lineOf('grid:')} ablations[0].grid.steps[1]: expected a number (reproduce.ipynb's parameters cell declares \`const steps = 100\`), got "20"`);
  assert.equal(lines[2], `${config}:${lineOf('grid:')} ablations[0].grid.sigma[0]: expected null (reproduce.ipynb's parameters cell declares \`const sigma = null\`), got 2; annotate the declaration to allow other values, e.g. \`const sigma: number | null = null\``);
  assert.equal(lines.at(-1), `paperlab: 3 problems in ${dir}`);

  writeFileSync(notebook, readFileSync(notebook, 'utf8').replace('const sigma = null;', 'const sigma: number | null = null;'));
  assert.doesNotMatch(paperlab('validate', dir).stderr, /sigma/, 'the annotation wins');
});
