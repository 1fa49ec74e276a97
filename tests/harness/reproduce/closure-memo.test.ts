import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { codeDependencies } from '../../../src/harness/reproduce/import-closure';
import { CLOSURE_MEMO_DIR_ENV_VAR } from '../../../src/harness/reproduce/closure-memo';

// The import closure is remembered by the digest of what it is computed from; any change to a
// source, an added or a removed file walks again, and a damaged memo is walked around.

const memo = mkdtempSync(join(tmpdir(), 'paperlab-closure-memo-'));
process.env[CLOSURE_MEMO_DIR_ENV_VAR] = memo;

function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'paperlab-closure-'));
  const files: Record<string, string> = {
    'src/index.ts': "export { step } from './library/step';\nexport { other } from './library/other';\n",
    'src/library/step.ts': "import { clamp } from './util';\nexport const step = (x: number) => clamp(x);\n",
    'src/library/util.ts': 'export const clamp = (x: number) => Math.min(1, x);\n',
    'src/library/other.ts': 'export const other = 2;\n',
  };
  for (const [path, text] of Object.entries(files)) put(root, path, text);
  return root;
}

function put(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

const CODE = "import { step } from './src/index';\nconsole.log(step(2));";
const names = (root: string, files: string[]) => files.map((f) => f.slice(root.length + 1));

test('a second walk of unchanged sources is remembered and gives the same files; an edit that adds an import walks again', () => {
  const root = project();
  const first = codeDependencies(root, CODE);
  assert.equal(first.remembered, false);
  assert.deepEqual(names(root, first.files), ['src/index.ts', 'src/library/step.ts', 'src/library/util.ts']);
  const again = codeDependencies(root, CODE);
  assert.equal(again.remembered, true);
  assert.deepEqual(again.files, first.files);

  put(root, 'src/library/limit.ts', 'export const LIMIT = 1;\n');
  assert.equal(codeDependencies(root, CODE).remembered, false, 'an added source walks again');
  put(root, 'src/library/util.ts', "import { LIMIT } from './limit';\nexport const clamp = (x: number) => Math.min(LIMIT, x);\n");
  const edited = codeDependencies(root, CODE);
  assert.equal(edited.remembered, false, 'an edited source walks again');
  assert.deepEqual(names(root, edited.files), ['src/index.ts', 'src/library/limit.ts', 'src/library/step.ts', 'src/library/util.ts']);
  rmSync(join(root, 'src/library/other.ts'));
  assert.equal(codeDependencies(root, CODE).remembered, false, 'a removed source walks again');
  assert.equal(codeDependencies(root, CODE.replace('step(2)', 'step(3)')).remembered, false, 'other notebook code walks again');
});

test('a damaged memo entry is walked around and replaced', () => {
  const root = project();
  const walked = codeDependencies(root, CODE);
  const entries = readdirSync(memo).filter((f) => f.endsWith('.json'));
  assert.ok(entries.length > 0, 'the walk was remembered');
  for (const f of entries) writeFileSync(join(memo, f), '{"format": "paperlab.closure-memo/1", "files": ['); // cut short
  const again = codeDependencies(root, CODE);
  assert.equal(again.remembered, false);
  assert.deepEqual(again.files, walked.files);
  assert.equal(codeDependencies(root, CODE).remembered, true, 'the walk stored a whole entry again');
});

test('a file reached only by require() is in the closure (TypeScript does not follow require in .ts; the walk adds it)', () => {
  const root = project();
  put(root, 'src/library/lazy.ts', 'export const lazy = 3;\n');
  put(root, 'src/library/step.ts', "import { clamp } from './util';\nexport const step = (x: number) => clamp(x) + (require('./lazy') as { lazy: number }).lazy;\n");
  assert.deepEqual(names(root, codeDependencies(root, CODE).files), ['src/index.ts', 'src/library/lazy.ts', 'src/library/step.ts', 'src/library/util.ts']);
});
