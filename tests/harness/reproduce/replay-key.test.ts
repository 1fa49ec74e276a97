import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { PROJECT_ROOT } from '../../../src/harness/runner/index';
import { BACKEND_VARIABLE, keyChanges, notebookKeyBase, replayKey, type ReplayKey } from '../../../src/harness/reproduce/replay-key';
import { BACKEND_ENV_VAR } from '../../../src/library/backend/index';
import { NATIVE_ENV_VAR } from '../../../src/library/native/index';

// The replay key: what it covers, and what it leaves out.

/** A small project: a facade over two library folders, a runner, two papers. */
const PROJECT: Record<string, string> = {
  'src/index.ts': "export { stepSize, schedule } from './library/optim/index';\nexport { shuffle } from './library/random/index';\nexport * as stats from './library/stats/index';\nexport type { Shape } from './library/shape';\nexport { registered } from './library/register';\n",
  'src/library/optim/index.ts': "export * from './sgd';\nexport { schedule } from './schedule';\n",
  'src/library/optim/sgd.ts': "import { clamp } from '../util';\nexport function stepSize(lr: number): number { return clamp(lr); }\n",
  'src/library/optim/schedule.ts': 'export const schedule = (t: number) => 1 / (1 + t);\n',
  'src/library/util.ts': 'export const clamp = (x: number) => Math.min(1, Math.max(0, x));\n',
  'src/library/random/index.ts': "export { shuffle } from './shuffle';\n",
  'src/library/random/shuffle.ts': 'export function shuffle<T>(xs: T[]): T[] { return [...xs].reverse(); }\n',
  'src/library/stats/index.ts': 'export const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;\n',
  'src/library/shape.ts': 'export interface Shape { rows: number }\n',
  // Loaded by the facade, never named by a paper: its load registers a global, so it counts for every paper.
  'src/library/register.ts': "(globalThis as any).registered = true;\nexport const registered = 1;\n",
  'src/library/types-only.ts': "import type { Shape } from './shape';\nexport const rows = (s: Shape) => s.rows;\n",
  'src/harness/runner/execute.ts': 'export const runner = 1;\n',
  'environment.lock': 'lockVersion: 1\n',
  'data/manifest.yaml': 'datasets: []\n',
  'papers/a2026-uses/config.yaml': 'paper: a\n',
  'papers/a2026-uses/helper.ts': "import { stepSize } from '../../src/index';\nexport const step = () => stepSize(0.1);\n",
  'papers/a2026-uses/helper.test.ts': 'export {};\n',
  'papers/b2026-other/config.yaml': 'paper: b\n',
};

function notebook(cells: Array<{ type?: 'code' | 'markdown'; source: string; tags?: string[]; outputs?: unknown[] }>): string {
  return JSON.stringify({
    nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: 'paperlab' } },
    cells: cells.map((c, i) => ({ id: `c${i}`, cell_type: c.type ?? 'code', source: c.source, metadata: c.tags ? { tags: c.tags } : {}, ...(c.type === 'markdown' ? {} : { outputs: c.outputs ?? [], execution_count: null }) })),
  });
}

const NOTEBOOK_A = [
  { type: 'markdown' as const, source: '# Paper A' },
  { source: 'const lr = 0.1;', tags: ['parameters'] },
  { source: "import { stepSize } from './src/index';\nimport { step } from './papers/a2026-uses/helper';\nconsole.log(stepSize(lr), step());" },
];
const NOTEBOOK_B = [
  { source: "import { shuffle, stats } from './src/index';\nimport type { Shape } from './src/index';\nconsole.log(shuffle([1, 2]), stats.mean([1]));" },
];

function makeProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'paperlab-key-'));
  for (const [path, text] of Object.entries(PROJECT)) write(root, path, text);
  write(root, 'papers/a2026-uses/reproduce.ipynb', notebook(NOTEBOOK_A));
  write(root, 'papers/b2026-other/reproduce.ipynb', notebook(NOTEBOOK_B));
  return root;
}

function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

function keyOf(root: string, paper: string, seed = 0, parameters: Record<string, number> = { lr: 0.1 }): ReplayKey {
  const base = notebookKeyBase(join(root, 'papers', paper, 'reproduce.ipynb'), join(root, 'papers', paper), root);
  return replayKey(base, { parameters: { ...parameters, seed }, seed });
}

const A = 'a2026-uses';
const B = 'b2026-other';

test('the key is stable across calls and names the files each notebook depends on, per imported name', () => {
  const root = makeProject();
  assert.equal(keyOf(root, A).key, keyOf(root, A).key);
  assert.deepEqual(Object.keys(keyOf(root, A).parts.files), [
    'papers/a2026-uses/helper.ts', // the paper's own code (its test aside)
    'src/index.ts', // the facade: a barrel on the way
    'src/library/optim/index.ts', // the next barrel
    'src/library/optim/sgd.ts', // declares stepSize (reached through `export *`)
    'src/library/register.ts', // loaded with the facade and runs code at load
    'src/library/util.ts', // what sgd.ts imports
  ]);
  assert.deepEqual(Object.keys(keyOf(root, B).parts.files), [
    'src/index.ts',
    'src/library/random/index.ts',
    'src/library/random/shuffle.ts',
    'src/library/register.ts',
    'src/library/stats/index.ts', // a namespace export: the whole module
  ], 'no optim files, and no shape.ts: a type-only import changes no result');
});

test('editing a library file one paper imports and the other does not changes exactly the first key', () => {
  const root = makeProject();
  const [a, b] = [keyOf(root, A), keyOf(root, B)];
  appendFileSync(join(root, 'src/library/util.ts'), '// an edit\n'); // sgd.ts (stepSize) imports clamp from it
  const [a2, b2] = [keyOf(root, A), keyOf(root, B)];
  assert.notEqual(a2.key, a.key);
  assert.deepEqual(keyChanges(a.parts, a2.parts), ['files: src/library/util.ts changed']);
  assert.equal(b2.key, b.key);
  // and the other way round
  appendFileSync(join(root, 'src/library/random/shuffle.ts'), '// an edit\n');
  assert.equal(keyOf(root, A).key, a2.key);
  assert.notEqual(keyOf(root, B).key, b2.key);
  // a file that every facade import loads and that runs code at load changes both
  appendFileSync(join(root, 'src/library/register.ts'), '// an edit\n');
  assert.notEqual(keyOf(root, A).key, a2.key);
});

test('the key changes with the code cells, the paper\'s code, config, parameters, seed, environment lock, data manifest, runner and backend', () => {
  const root = makeProject();
  const before = keyOf(root, A);
  const changed = (why: string, edit: () => void, parts: string[], after = () => keyOf(root, A)) => {
    edit();
    const now = after();
    assert.notEqual(now.key, before.key, why);
    assert.deepEqual(keyChanges(before.parts, now.parts), parts, why);
    return now;
  };
  const nb = join(root, 'papers', A, 'reproduce.ipynb');
  const saved = readFileSync(nb, 'utf8');
  changed('a code cell', () => writeFileSync(nb, saved.replace('console.log(stepSize(lr), step());', 'console.log(stepSize(lr));')), ['notebookCode']);
  changed('a cell tag (parameters are injected after the tagged cell)', () => writeFileSync(nb, notebook(NOTEBOOK_A.map((c) => ({ ...c, tags: undefined })))), ['notebookCode']);
  writeFileSync(nb, saved);
  assert.equal(keyOf(root, A).key, before.key, 'restored');
  changed('the paper\'s code', () => appendFileSync(join(root, 'papers', A, 'helper.ts'), '// edit\n'), ['files: papers/a2026-uses/helper.ts changed']);
  writeFileSync(join(root, 'papers', A, 'helper.ts'), PROJECT['papers/a2026-uses/helper.ts']!);
  assert.equal(keyOf(root, A).key, before.key, 'restored');
  // the paper's tests run no replay
  appendFileSync(join(root, 'papers', A, 'helper.test.ts'), '// edit\n');
  assert.equal(keyOf(root, A).key, before.key, 'a test file of the paper does not count');
  assert.deepEqual(keyChanges(before.parts, keyOf(root, A, 1).parts), ['parameters', 'seed 0 → 1']);
  assert.deepEqual(keyChanges(before.parts, keyOf(root, A, 0, { lr: 0.2 }).parts), ['parameters']);
  const edits: Array<[string, string]> = [['papers/a2026-uses/config.yaml', 'config'], ['environment.lock', 'environmentLock'], ['data/manifest.yaml', 'dataManifest'], ['src/harness/runner/execute.ts', 'runner']];
  for (const [file, part] of edits) {
    const text = readFileSync(join(root, file), 'utf8');
    changed(file, () => appendFileSync(join(root, file), '# edit\n'), [part]);
    writeFileSync(join(root, file), text);
  }
  const saved2 = process.env[NATIVE_ENV_VAR];
  process.env[NATIVE_ENV_VAR] = 'off';
  try {
    const off = keyOf(root, A);
    assert.equal(off.parts.backend.native, 'off');
    assert.deepEqual(keyChanges(before.parts, off.parts), before.parts.backend.native === 'on' ? ['backend'] : [], 'the compute path is part of the key');
  } finally {
    if (saved2 === undefined) delete process.env[NATIVE_ENV_VAR];
    else process.env[NATIVE_ENV_VAR] = saved2;
  }
  const saved3 = process.env[BACKEND_VARIABLE];
  process.env[BACKEND_VARIABLE] = 'cpu';
  try {
    assert.deepEqual(keyChanges(before.parts, keyOf(root, A).parts), ['backend'], 'PAPERLAB_BACKEND overrides the notebook\'s backend');
  } finally {
    if (saved3 === undefined) delete process.env[BACKEND_VARIABLE];
    else process.env[BACKEND_VARIABLE] = saved3;
  }
  assert.equal(BACKEND_VARIABLE, BACKEND_ENV_VAR);
});

test('markdown edits and outputs leave the key alone', () => {
  const root = makeProject();
  const before = keyOf(root, A).key;
  const nb = join(root, 'papers', A, 'reproduce.ipynb');
  const edited = NOTEBOOK_A.map((c, i) => (c.type === 'markdown' ? { ...c, source: '# Paper A, retitled' } : { ...c, outputs: i === 2 ? [{ output_type: 'stream', name: 'stdout', text: '0.1\n' }] : [] }));
  writeFileSync(nb, notebook(edited));
  assert.equal(keyOf(root, A).key, before);
});

// The test on the real notebooks: gromov2023 trains with adamw, kapoor2023 does not.
test('real papers: editing the file declaring adamw (a copy of the project) re-keys gromov2023 and not kapoor2023', () => {
  const root = mkdtempSync(join(tmpdir(), 'paperlab-key-real-'));
  cpSync(join(PROJECT_ROOT, 'src'), join(root, 'src'), { recursive: true, filter: (from) => !/[\\/](build|runs)$/.test(from) });
  for (const id of ['gromov2023-grokking', 'kapoor2023-leakage']) cpSync(join(PROJECT_ROOT, 'papers', id), join(root, 'papers', id), { recursive: true, filter: (from) => !/[\\/]runs$/.test(from) });
  for (const f of ['environment.lock', 'data/manifest.yaml']) cpSync(join(PROJECT_ROOT, f), join(root, f));
  const key = (id: string) => {
    const base = notebookKeyBase(join(root, 'papers', id, 'reproduce.ipynb'), join(root, 'papers', id), root);
    return replayKey(base, { parameters: { seed: 0 }, seed: 0 });
  };
  const [g, k] = [key('gromov2023-grokking'), key('kapoor2023-leakage')];
  assert.ok('src/library/optim/adamw.ts' in g.parts.files);
  assert.ok(!('src/library/optim/adamw.ts' in k.parts.files), 'kapoor2023 imports no optimizer');
  assert.ok(Object.keys(k.parts.files).length < 120 && !('src/library/models/mlp.ts' in k.parts.files), 'not all of src/library');
  appendFileSync(join(root, 'src/library/optim/adamw.ts'), '\n// an edit\n');
  const [g2, k2] = [key('gromov2023-grokking'), key('kapoor2023-leakage')];
  assert.deepEqual(keyChanges(g.parts, g2.parts), ['files: src/library/optim/adamw.ts changed']);
  assert.equal(k2.key, k.key);
});
