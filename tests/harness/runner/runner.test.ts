// test-lane: alone (it writes a file under src/ and a paper folder under papers/, which tests that read those trees would see)
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { executeNotebook, PROJECT_ROOT, readNotebook } from '../../../src/harness/runner/index';
import { makeNotebook } from './fixtures';

// Every test here starts a real tslab kernel over the Jupyter wire protocol: no mocks.

test('a good notebook runs in order; outputs, timings and records are kept', async () => {
  const input = makeNotebook([
    { source: '# A title', markdown: true },
    "import { record, setRootSeed } from './src/index';\nsetRootSeed(11);\nlet total = 0;",
    "for (let i = 1; i <= 4; i++) total += i;\nconsole.log('total is', total);\nrecord('total', total, { unit: 'count' });",
  ]);
  const result = await executeNotebook({ input });
  assert.equal(result.ok, true);
  assert.deepEqual(result.records.map((r) => [r.name, r.value, r.cell, r.seed, r.unit]), [['total', 10, 2, 11, 'count']]);
  const saved = readNotebook(result.notebookPath);
  const cell = saved.cells[2]!;
  assert.match(JSON.stringify(cell.outputs), /total is 10/);
  const info = (cell.metadata as { paperlab: { status: string; duration_s: number; start_time: string } }).paperlab;
  assert.equal(info.status, 'ok');
  assert.ok(info.duration_s >= 0 && Date.parse(info.start_time) > 0);
  assert.equal(cell.execution_count, 2);
  assert.notEqual(result.notebookPath, input, 'the input notebook is never overwritten');
});

test('a failing cell: real error text, saved notebook, later cells skipped', async () => {
  const input = makeNotebook(["const ok = 1;", "throw new Error('planted failure 42')", "console.log('never runs')"]);
  const lines: string[] = [];
  const result = await executeNotebook({ input, log: (l) => lines.push(l) });
  assert.equal(result.ok, false);
  assert.equal(result.failure?.cell, 1);
  assert.equal(result.failure?.status, 'error');
  assert.match(result.failure?.errorText ?? '', /Error: planted failure 42/);
  assert.match(lines.join('\n'), /planted failure 42/, 'the runner prints the real error');
  const saved = JSON.parse(readFileSync(result.notebookPath, 'utf8')) as { cells: Array<{ metadata: { paperlab?: { status: string }; tags?: string[] }; outputs?: unknown[] }> };
  assert.match(JSON.stringify(saved.cells), /planted failure 42/, 'the error text is in the saved notebook');
  assert.deepEqual(saved.cells.map((c) => c.metadata.tags?.[0] ?? c.metadata.paperlab?.status), ['ok', 'paperlab-error', 'error', 'skipped']);
});

test('a hung cell is interrupted at its timeout and reported', async () => {
  const input = makeNotebook(['let before = 1;', 'while (true) {}', 'console.log("after")']);
  const started = Date.now();
  const result = await executeNotebook({ input, cellTimeoutMs: 3_000 });
  const cellSeconds = result.cells[1]!.duration_s!;
  assert.equal(result.failure?.status, 'timeout');
  assert.equal(result.failure?.cell, 1);
  assert.match(result.failure?.detail ?? '', /cell timeout 3 s: interrupted after 3\.0 s/);
  assert.ok(cellSeconds >= 3 && cellSeconds < 3 + 1.5, `cell stopped after ${cellSeconds} s`);
  assert.ok(Date.now() - started < 30_000);
});

test('a cell that ignores the interrupt is killed with its process group', async () => {
  // SIGINT cannot stop a synchronous loop that runs after an await (STACK.md): kill is the only way.
  const input = makeNotebook(['await new Promise((r) => setTimeout(r, 10));\nwhile (true) {}']);
  const result = await executeNotebook({ input, cellTimeoutMs: 2_000 });
  const cellSeconds = result.cells[0]!.duration_s!;
  assert.equal(result.failure?.status, 'timeout');
  assert.match(result.failure?.detail ?? '', /kernel process group killed/);
  assert.ok(cellSeconds >= 2 && cellSeconds < 2 + 2 + 1.5, `cell stopped after ${cellSeconds} s`);
});

test('the whole-notebook timeout names the cell that was running', async () => {
  // Blocked rather than spinning (same timeout path, no core burnt for 12 s).
  const input = makeNotebook(['await new Promise((r) => setTimeout(r, 500));', 'Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);']);
  const result = await executeNotebook({ input, timeoutMs: 12_000, cellTimeoutMs: 60_000 });
  assert.equal(result.failure?.cell, 1);
  assert.match(result.failure?.detail ?? '', /notebook timeout 12 s/);
});

test('a cell that kills the kernel is reported at once', async () => {
  const input = makeNotebook(["console.log('bye');\nprocess.exit(3);", "console.log('unreachable')"]);
  const result = await executeNotebook({ input, cellTimeoutMs: 60_000 });
  assert.equal(result.failure?.status, 'dead');
  assert.match(result.failure?.detail ?? '', /kernel died \(exit code 3\)/);
  assert.ok(result.cells[0]!.duration_s! < 5, `took ${result.cells[0]!.duration_s} s to notice`);
  assert.equal(result.cells[1]!.status, 'skipped');
});

test('parameters are injected after the parameters cell and change the run', async () => {
  const input = makeNotebook([
    { source: 'const lr = 0.1;\nconst label: string = "default";\nconst sizes = [1];\nconst mode: \'fast\' | \'slow\' = \'fast\';', tags: ['parameters'] },
    "import { record } from './src/index';\nrecord('lr', lr);\nrecord('label', label);\nrecord('sizes', sizes);",
    // Injected values keep the declared types: a string still compares with another literal, and a
    // union-typed parameter still fits a function that takes the union.
    "const pace = (m: 'fast' | 'slow') => (m === 'slow' ? 2 : 1);\nrecord('is_default', label === 'default');\nrecord('pace', pace(mode));",
  ]);
  const result = await executeNotebook({ input, parameters: { lr: 0.25, label: 'tuned', sizes: [8, 16], mode: 'slow' } });
  assert.equal(result.ok, true, result.failure?.errorText);
  assert.deepEqual(result.records.map((r) => r.value), [0.25, 'tuned', [8, 16], false, 2]);
  const saved = readNotebook(result.notebookPath);
  assert.deepEqual(saved.cells[1]!.metadata.tags, ['injected-parameters']);
  assert.equal(join(result.outputDir, 'fixture.ipynb'), result.notebookPath);
});

test('a file created under src/ while the kernel runs does not break later cells', async () => {
  // tslab 1.0.22 failed every later cell ("Unexpected pending rebuildTimer") once a watched folder
  // gained a file; the kernel launcher's preload (tslab-patches.js) turns directory watching off.
  const probe = join(PROJECT_ROOT, 'src', `zz-kernel-probe-${process.pid}.ts`);
  const input = makeNotebook([
    "import { rng } from './src/index';",
    `require('node:fs').writeFileSync(${JSON.stringify(probe)}, 'export const fresh = 42;\\n');\nawait new Promise((r) => setTimeout(r, 1500));`,
    `import { fresh } from './src/zz-kernel-probe-${process.pid}';\nconsole.log('fresh', fresh, rng('x').uniform() < 1);`,
  ]);
  try {
    const result = await executeNotebook({ input });
    assert.equal(result.ok, true, result.failure?.errorText);
    assert.match(JSON.stringify(readNotebook(result.notebookPath).cells[2]!.outputs), /fresh 42 true/);
  } finally {
    rmSync(probe, { force: true });
  }
});

test('a type error in a cell fails that cell with the compiler\'s message', async () => {
  // The library reaches tslab as prebuilt declarations (tslab-patches.js): cells are still checked against them.
  const input = makeNotebook(["import { rng } from './src/index';", "const u: string = rng('x').uniform();", "console.log('never runs')"]);
  const result = await executeNotebook({ input });
  assert.equal(result.failure?.cell, 1);
  assert.equal(result.failure?.status, 'error');
  assert.match(result.failure?.errorText ?? '', /1:7 - Type 'number' is not assignable to type 'string'/);
});

test('an edited library file hot-reloads: re-run cells get the new code and types, no restart', async () => {
  // A paper folder of its own: files under papers/ and src/library/ reach the kernel through the
  // content-keyed declarations and require cache of tslab-patches.js / library-cache.js.
  const dir = join(PROJECT_ROOT, 'papers', `zz-hot-reload-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const lib = join(dir, 'lib.ts');
  const use = join(dir, 'use.ts');
  writeFileSync(lib, 'export function answer(): number {\n  return 1;\n}\n');
  writeFileSync(use, "import { answer } from './lib';\nexport const twice = (): number => 2 * answer();\n");
  const at = `./papers/zz-hot-reload-${process.pid}`;
  const edit = "export function answer(): number {\n  return 21;\n}\nexport const added: string = 'new';\n";
  const input = makeNotebook([
    `import { answer } from '${at}/lib';\nimport { twice } from '${at}/use';`,
    "console.log('before', answer(), twice());",
    `require('node:fs').writeFileSync(${JSON.stringify(lib)}, ${JSON.stringify(edit)});`,
    // Not re-running the import: the names the notebook holds point at the reloaded module, and
    // use.ts, which imports lib.ts, is reloaded too.
    "console.log('after', answer(), twice());",
    `import { added } from '${at}/lib';\nconsole.log('added', added.toUpperCase());`,
  ]);
  try {
    const result = await executeNotebook({ input });
    assert.equal(result.ok, true, result.failure?.errorText);
    const cells = readNotebook(result.notebookPath).cells;
    assert.match(JSON.stringify(cells[1]!.outputs), /before 1 2/);
    assert.match(JSON.stringify(cells[3]!.outputs), /after 21 42/);
    assert.match(JSON.stringify(cells[4]!.outputs), /added NEW/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
