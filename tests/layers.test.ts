import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { PROJECT_ROOT } from '../src/harness/runner/index';

// The layout is the architecture: src/library is what a notebook may import (through src/index),
// src/harness runs and judges notebooks, src/cli drives both, papers/<id>/ holds one paper's own
// code. These rules keep it so; each violation is reported as `file: imports target (rule)`.

type Layer = 'facade' | 'library' | 'harness' | 'cli' | 'paper' | 'paper-test' | 'tests' | 'other';

function layerOf(rel: string): Layer {
  if (rel === 'src/index.ts' || rel === 'src/index') return 'facade';
  if (rel.startsWith('src/library/')) return 'library';
  if (rel.startsWith('src/harness/')) return 'harness';
  if (rel.startsWith('src/cli/')) return 'cli';
  if (rel.startsWith('papers/')) return /\.test\.ts$/.test(rel) ? 'paper-test' : 'paper';
  if (rel.startsWith('tests/')) return 'tests';
  return 'other';
}

const paperOf = (rel: string): string | undefined => (rel.startsWith('papers/') ? rel.split('/')[1] : undefined);

/** Why `from` may not import `to` (both relative to the root), or undefined when it may. */
function ruleBroken(from: string, to: string): string | undefined {
  const a = layerOf(from), b = layerOf(to);
  if (b === 'paper' || b === 'paper-test') {
    if (paperOf(from) !== paperOf(to)) return 'only a paper\'s own folder imports its code';
    return undefined;
  }
  if ((a === 'facade' || a === 'library') && b !== 'library') return 'the notebook library imports only itself';
  if (a === 'harness' && (b === 'cli' || b === 'tests')) return 'the harness never imports the CLI';
  if (a === 'paper' && b !== 'facade' && b !== 'library') return 'paper code imports only the library (src/index, src/library)';
  return undefined;
}

function sourceFiles(root: string, dir = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${e.name}` : e.name;
    if (e.name === 'node_modules' || e.name === 'runs' || e.name.startsWith('.')) continue;
    if (e.isDirectory()) out.push(...sourceFiles(root, rel));
    else if (/\.(ts|ipynb)$/.test(e.name)) out.push(rel);
  }
  return out;
}

/** The relative imports of a source file, or of a notebook's code cells (which resolve from the root). */
function importsOf(root: string, rel: string): string[] {
  const text = readFileSync(join(root, rel), 'utf8');
  const sources = rel.endsWith('.ipynb')
    ? (JSON.parse(text) as { cells: Array<{ cell_type: string; source: string | string[] }> }).cells
      .filter((c) => c.cell_type === 'code').map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source))
    : [text];
  const base = rel.endsWith('.ipynb') ? root : dirname(join(root, rel));
  return sources.flatMap((s) => ts.preProcessFile(s, true, true).importedFiles.map((f) => f.fileName))
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => relative(root, resolve(base, spec)));
}

function layerViolations(root: string): string[] {
  const out: string[] = [];
  for (const file of sourceFiles(root)) {
    // A notebook is held to the rule of paper code: the library, plus its own paper folder.
    const as = file.endsWith('.ipynb') ? (file.startsWith('papers/') ? `${dirname(file)}/notebook.ts` : 'notebooks/x.ts') : file;
    for (const target of importsOf(root, file)) {
      const why = file.endsWith('.ipynb') && !as.startsWith('papers/')
        ? (layerOf(target) === 'facade' || layerOf(target) === 'library' ? undefined : 'a notebook imports only the library (src/index, src/library)')
        : ruleBroken(as, target);
      if (why) out.push(`${file}: imports ${target} (${why})`);
    }
  }
  return out;
}

test('the repository keeps its layers: library <- harness <- CLI; paper folders imported only by themselves', () => {
  assert.deepEqual(layerViolations(PROJECT_ROOT), []);
});

test('the layer check catches each kind of violation (a planted tree)', () => {
  const root = mkdtempSync(join(tmpdir(), 'paperlab-layers-'));
  try {
    const put = (rel: string, text: string) => { mkdirSync(dirname(join(root, rel)), { recursive: true }); writeFileSync(join(root, rel), text); };
    put('src/index.ts', "export * from './library/a/index';\n");
    put('src/library/a/index.ts', "import { run } from '../../harness/r/index';\nexport const a = run;\n");
    put('src/harness/r/index.ts', "import { main } from '../../cli/main';\nimport { topic } from '../../../papers/p1/topic';\nexport const run = main ?? topic;\n");
    put('src/cli/main.ts', "import { run } from '../harness/r/index';\nexport const main = run;\n");
    put('papers/p1/topic.ts', "import { run } from '../../src/harness/r/index';\nimport { b } from '../p2/other';\nexport const topic = run ?? b;\n");
    put('papers/p1/topic.test.ts', "import { topic } from './topic';\nimport { run } from '../../src/harness/r/index';\nvoid topic; void run;\n");
    put('papers/p2/other.ts', "import { a } from '../../src/index';\nexport const b = a;\n");
    put('papers/p2/reproduce.ipynb', JSON.stringify({ cells: [{ cell_type: 'code', source: ["import { a } from './src/index';\n", "import { topic } from './papers/p1/topic';"] }] }));
    put('notebooks/n.ipynb', JSON.stringify({ cells: [{ cell_type: 'code', source: "import { run } from './src/harness/r/index';" }] }));
    put('tests/t.test.ts', "import { topic } from '../papers/p1/topic';\nvoid topic;\n");
    assert.deepEqual(layerViolations(root).sort(), [
      'notebooks/n.ipynb: imports src/harness/r/index (a notebook imports only the library (src/index, src/library))',
      'papers/p1/topic.ts: imports papers/p2/other (only a paper\'s own folder imports its code)',
      'papers/p1/topic.ts: imports src/harness/r/index (paper code imports only the library (src/index, src/library))',
      'papers/p2/reproduce.ipynb: imports papers/p1/topic (only a paper\'s own folder imports its code)',
      'src/harness/r/index.ts: imports papers/p1/topic (only a paper\'s own folder imports its code)',
      'src/harness/r/index.ts: imports src/cli/main (the harness never imports the CLI)',
      'src/library/a/index.ts: imports src/harness/r/index (the notebook library imports only itself)',
      'tests/t.test.ts: imports papers/p1/topic (only a paper\'s own folder imports its code)',
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('src/index.ts reaches only the notebook library (what tslab compiles in every kernel)', () => {
  const program = ts.createProgram([join(PROJECT_ROOT, 'src', 'index.ts')], { module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, noEmit: true, skipLibCheck: true });
  const reached = program.getSourceFiles().map((f) => relative(PROJECT_ROOT, f.fileName)).filter((f) => !f.startsWith('node_modules/') && !f.startsWith('..'));
  assert.ok(reached.length > 50, `src/index.ts should reach the library (${reached.length} files)`);
  assert.deepEqual(reached.filter((f) => f !== 'src/index.ts' && !f.startsWith('src/library/')), []);
});
