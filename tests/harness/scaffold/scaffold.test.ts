import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { executeNotebook } from '../../../src/harness/runner/index';
import { loadPaperConfig, readFailureLog } from '../../../src/library/paper-files/index';
import { checkPaperFolder, scaffoldPaper } from '../../../src/harness/scaffold/index';

const tempRoot = () => mkdtempSync(join(tmpdir(), 'paperlab-scaffold-'));

interface Cell {
  cell_type: string;
  id: string;
  metadata: { tags?: string[] };
  source: string[];
  outputs?: unknown[];
  execution_count?: null;
}

describe('scaffoldPaper', () => {
  test('writes the four files of the contract, and the config loads', () => {
    const root = tempRoot();
    const { dir, files } = scaffoldPaper(root, 'zhang2017-random-labels', { title: 'Understanding deep learning: "rethinking" generalization' });
    assert.equal(dir, join(root, 'papers', 'zhang2017-random-labels'));
    assert.deepEqual(readdirSync(dir).sort(), ['README.md', 'config.yaml', 'failures.yaml', 'reproduce.ipynb']);
    assert.deepEqual(files.map((f) => f.slice(dir.length + 1)), ['config.yaml', 'reproduce.ipynb', 'failures.yaml', 'README.md']);
    const config = loadPaperConfig(dir);
    assert.equal(config.paper.id, 'zhang2017-random-labels');
    assert.equal(config.paper.title, 'Understanding deep learning: "rethinking" generalization');
    assert.deepEqual(config.claims.map((c) => [c.metric, c.direction, c.tolerance]), [['test_accuracy', 'within', { abs: 0.02 }]]);
    assert.ok(config.budget.maxWallSeconds > 0);
    assert.deepEqual(readFailureLog(join(dir, 'failures.yaml')), []);
    assert.match(readFileSync(join(dir, 'config.yaml'), 'utf8'), /^# papers\/zhang2017-random-labels\/config\.yaml: /, 'commented');
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    assert.match(readme, /^# Understanding deep learning: "rethinking" generalization\n/);
    assert.match(readme, /## Claim\n[\s\S]*## Paper vs ours\n\n\| claim \| metric \| paper \| ours \(mean ± std, n seeds\) \|[\s\S]*## Deviations\n/);
    assert.deepEqual(checkPaperFolder(dir), [], 'validate finds nothing to fix');
  });

  test('the notebook is nbformat 4.5 for the paperlab kernel, with a parameters cell and every section', () => {
    const { dir } = scaffoldPaper(tempRoot(), 'demo-paper');
    const nb = JSON.parse(readFileSync(join(dir, 'reproduce.ipynb'), 'utf8')) as { nbformat: number; nbformat_minor: number; metadata: { kernelspec: { name: string } }; cells: Cell[] };
    assert.deepEqual([nb.nbformat, nb.nbformat_minor, nb.metadata.kernelspec.name], [4, 5, 'paperlab']);
    const ids = nb.cells.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length, 'cell ids are unique');
    assert.ok(ids.every((id) => /^[a-zA-Z0-9-_]{1,64}$/.test(id)), 'nbformat 4.5 id syntax');
    for (const c of nb.cells.filter((x) => x.cell_type === 'code')) assert.deepEqual([c.outputs, c.execution_count], [[], null]);
    const params = nb.cells.filter((c) => c.metadata.tags?.includes('parameters'));
    assert.equal(params.length, 1);
    assert.match(params[0]!.source.join(''), /^const seed = 0;[\s\S]*const paperDir = 'papers\/demo-paper';[\s\S]*const steps = 100;[\s\S]*const learningRate = 0\.001;/);
    const headings = nb.cells.filter((c) => c.cell_type === 'markdown').map((c) => c.source[0]!.trim());
    assert.deepEqual(headings, ['# TODO: the paper title', '## Setup', '## Data, split and leakage check', '## Baseline', '## Main result', '## Ablations', '## Failure cases']);
    const code = nb.cells.map((c) => c.source.join('')).join('\n');
    assert.match(code, /from '\.\/src\/index'/);
    assert.match(code, /record\('test_accuracy', /);
  });

  test('refuses an existing folder and leaves it alone; the id must be a slug', () => {
    const root = tempRoot();
    mkdirSync(join(root, 'papers', 'taken'), { recursive: true });
    writeFileSync(join(root, 'papers', 'taken', 'notes.md'), 'mine');
    assert.throws(() => scaffoldPaper(root, 'taken'), (err: unknown) => {
      assert.match((err as Error).message, /papers\/taken: expected a new folder, got one that exists; pick another id or edit the folder$/);
      assert.equal((err as { code?: string }).code, 'exists');
      return true;
    });
    assert.deepEqual(readdirSync(join(root, 'papers', 'taken')), ['notes.md']);
    for (const bad of ['Zhang2017', 'zhang_2017', '-x', 'a--b', '../escape', '']) {
      assert.throws(() => scaffoldPaper(root, bad), /^PaperlabError: paper id: expected a slug \(lowercase letters and digits joined by single dashes/, bad);
    }
    assert.deepEqual(readdirSync(join(root, 'papers')), ['taken']);
  });

  test('validate notices missing files of the contract', () => {
    const { dir } = scaffoldPaper(tempRoot(), 'demo-paper');
    for (const name of ['README.md', 'reproduce.ipynb', 'failures.yaml']) rmSync(join(dir, name));
    assert.deepEqual(checkPaperFolder(dir).map((i) => i.message), [
      `${join(dir, 'failures.yaml')}: expected a failure log (an empty list \`[]\` to start), got no file`,
      `${join(dir, 'reproduce.ipynb')}: expected the reproduction notebook, got no file`,
      `${join(dir, 'README.md')}: expected a README (claim, paper-vs-ours table, deviations), got no file`,
    ]);
  });

  test('validate notices a config parameter the notebook never declares', () => {
    const { dir } = scaffoldPaper(tempRoot(), 'demo-paper');
    const path = join(dir, 'config.yaml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('parameters:\n', 'parameters:\n  batchSize: 32\n'));
    const messages = checkPaperFolder(dir).map((i) => i.message);
    assert.deepEqual(messages, [
      `${join(dir, 'reproduce.ipynb')} cells[1] (parameters): expected a declaration of \`batchSize\` (config.yaml parameters), got none; add \`const batchSize = ...;\` with its default`,
    ]);
  });

  test('validate notices a claim on a metric the notebook never records, and suggests the recorded name', () => {
    const { dir } = scaffoldPaper(tempRoot(), 'demo-paper');
    const path = join(dir, 'config.yaml');
    const text = readFileSync(path, 'utf8').replace('metric: test_accuracy', 'metric: test_acc');
    writeFileSync(path, text);
    const line = text.split('\n').findIndex((l) => l.includes('metric: test_acc')) + 1;
    assert.deepEqual(checkPaperFolder(dir).map((i) => i.message), [
      `${path}:${line} claims[0].metric: expected the name of a record reproduce.ipynb makes (test_accuracy), got "test_acc", which no code cell mentions; did you mean "test_accuracy"?`,
    ]);
  });
});

describe('the scaffolded notebook on the real kernel', () => {
  test('runs top to bottom with injected parameters and records one value per claim metric', async () => {
    const { dir } = scaffoldPaper(tempRoot(), 'demo-paper', { title: 'A demo' });
    const result = await executeNotebook({
      input: join(dir, 'reproduce.ipynb'),
      outputDir: join(dir, 'runs', 'test'),
      parameters: { seed: 5, paperDir: dir },
      cellTimeoutMs: 120_000,
    });
    assert.equal(result.ok, true, result.failure ? `${result.failure.detail}\n${result.failure.errorText}` : '');
    assert.deepEqual(result.records.map((r) => [r.name, r.value, r.seed, r.cellId]), [['test_accuracy', 'NaN', 5, 'main']]);
    const setup = result.cells.find((c) => c.cellId === 'setup');
    assert.equal(setup?.status, 'ok');
    const executed = JSON.parse(readFileSync(result.notebookPath, 'utf8')) as { cells: Array<{ id: string; outputs?: Array<{ text?: string[] | string }> }> };
    const outputs = executed.cells.find((c) => c.id === 'setup')?.outputs ?? [];
    const printed = outputs.map((o) => [o.text ?? ''].flat().join('')).join('');
    assert.match(printed, /main-result: test_accuracy = 0\.9 in the paper \(Table 1\)/, 'the notebook reads its claims from config.yaml');
  });
});
