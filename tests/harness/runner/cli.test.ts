import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { paperlab } from '../../cli';
import { PROJECT_ROOT } from '../../../src/harness/runner/index';
import { makeNotebook } from './fixtures';

test('paperlab execute: typed -p values and a YAML file, results.json with records and manifest, exit 0', () => {
  const input = makeNotebook([
    { source: 'const n = 1;\nconst flag = false;\nconst tag = "a";', tags: ['parameters'] },
    "import { record, setRootSeed } from './src/index';\nsetRootSeed(n);\nrecord('n_squared', n * n);\nrecord('flag', flag);\nrecord('tag', tag);",
  ]);
  const out = mkdtempSync(join(tmpdir(), 'paperlab-out-'));
  const params = join(out, 'params.yaml');
  writeFileSync(params, 'n: 2\ntag: from-yaml\n');
  const run = paperlab(['execute', input, '-f', params, '-p', 'n=3', '-p', 'flag=true', '-o', out]);
  assert.equal(run.code, 0, run.out);
  assert.match(run.out, /n_squared\s+9/);
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
  assert.equal(results.ok, true);
  assert.deepEqual(results.records.map((r: { name: string; value: unknown }) => [r.name, r.value]), [['n_squared', 9], ['flag', true], ['tag', 'from-yaml']]);
  assert.deepEqual(results.manifest.parameters, { n: 3, tag: 'from-yaml', flag: true });
  assert.equal(results.manifest.seed, 3);
  for (const key of ['startedAt', 'endedAt']) assert.ok(Date.parse(results.manifest[key]) > 0, key);
});

test('paperlab execute: a failing cell prints its real error and exits non-zero', () => {
  const input = makeNotebook(['const a = 1;', "JSON.parse('{not json')"]);
  const run = paperlab(['execute', input]);
  assert.equal(run.code, 1);
  assert.match(run.out, /cell 1 \(id c1\) error/);
  assert.match(run.out, /SyntaxError/);
  assert.match(run.out, /FAILED at cell 1/);
});

test('paperlab execute: bad input names the file and what was expected', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paperlab-bad-'));
  const path = join(dir, 'broken.ipynb');
  writeFileSync(path, '{"nbformat": 3, "cells": []}');
  const run = paperlab(['execute', path]);
  assert.equal(run.code, 1);
  assert.match(run.out, /broken\.ipynb nbformat: expected 4, got 3/);
  const bad = paperlab(['execute', path, '-p', '1x=2']);
  assert.match(bad.out, /-p 1x=2: expected key=value with key a TypeScript identifier/);
});

test('paperlab notebook without Jupyter on PATH: one line saying it is missing and how to install it, no stack', () => {
  const bin = mkdtempSync(join(tmpdir(), 'paperlab-nojupyter-'));
  symlinkSync(process.execPath, join(bin, 'node')); // PATH holds node and nothing else
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/cli/main.ts'), 'notebook', '--no-browser'], {
    cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, PATH: bin },
  });
  const out = `${run.stdout}${run.stderr}`;
  assert.equal(run.status, 1, out);
  assert.match(run.stderr, /^paperlab notebook: Jupyter is not installed \(no `jupyter` on PATH\); install it with `bash src\/cli\/setup\/system\.sh` or `apt-get install jupyter-core jupyter-notebook`\n$/);
  assert.doesNotMatch(out, /ENOENT|^\s+at /m, 'no stack trace');
});

test('an unknown kernel: the hint says where paperlab looked (JUPYTER_PATH), not `jupyter kernelspec list`', () => {
  const input = makeNotebook(['const a = 1;']);
  const run = paperlab(['execute', input, '--kernel', 'no-such-kernel']);
  assert.equal(run.code, 1);
  assert.match(run.out, /kernel "no-such-kernel": expected a kernel\.json under one of .*src\/harness\/runner\/jupyter\/kernels\/no-such-kernel.*, got none found; paperlab searches only <dir>\/kernels\/<name>\/ for each <dir> on JUPYTER_PATH \(the project's src\/harness\/runner\/jupyter first\), not Jupyter's user or system kernel folders: put the kernel in <dir>\/kernels\/no-such-kernel\/ and add <dir> to JUPYTER_PATH$/m);
  assert.doesNotMatch(run.out, /kernelspec list/);
});

test('paperlab execute -p: unknown names and values of another type are refused before any kernel starts, each named', () => {
  const input = makeNotebook([
    { source: "const lr = 0.01;\nconst mode: string = 'a';\nconst layers = [1, 2];\nconst useBias = true;\nconst sigma = null;", tags: ['parameters'] },
    "console.log('ran');",
  ]);
  const run = paperlab(['execute', input, '-p', 'lr=abc', '-p', 'lrr=0.1', '-p', 'mode=5', '-p', 'layers=[1,"x"]', '-p', 'useBias=1', '-p', 'sigma=2']);
  assert.equal(run.code, 1, run.out);
  assert.match(run.out, /-p lr=abc: expected a number \(the parameters cell declares `const lr = 0\.01`\), got "abc"/);
  assert.match(run.out, /-p lrr=0\.1: expected a parameter the parameters cell \(cell 0\) declares \(lr, mode, layers, useBias, sigma\), got "lrr"; did you mean "lr"\?/);
  assert.match(run.out, /-p mode=5: expected a string \(the parameters cell declares `const mode: string = 'a'`\), got 5; a string is quoted: -p 'mode="5"'/);
  assert.match(run.out, /-p layers=\[1,"x"\]: expected an array of numbers \(the parameters cell declares `const layers = \[1, 2\]`\), got \[1,"x"\]; at \[1\]: expected a number, got "x"/);
  assert.match(run.out, /-p useBias=1: expected a boolean \(true or false\) \(the parameters cell declares `const useBias = true`\), got 1/);
  assert.match(run.out, /-p sigma=2: expected null \(the parameters cell declares `const sigma = null`\), got 2; annotate the declaration to allow other values, e.g. `const sigma: number \| null = null`/);
  assert.doesNotMatch(run.out, /executing|ran/, 'no kernel started');

  const file = join(mkdtempSync(join(tmpdir(), 'paperlab-pf-')), 'params.yaml');
  writeFileSync(file, 'mode: [a]\n');
  const fromFile = paperlab(['execute', input, '-f', file]);
  assert.equal(fromFile.code, 1, fromFile.out);
  assert.match(fromFile.out, /params\.yaml mode: expected a string \(the parameters cell declares `const mode: string = 'a'`\), got \["a"\]/);
});

test('paperlab execute -p: says where the values went, after the parameters cell or at the top when there is none', () => {
  const typed = makeNotebook([
    { source: "type Mode = 'fast' | 'slow';\nconst mode: Mode = 'fast';\nconst sizes: number[] = [];", tags: ['parameters'] },
    "import { record } from './src/index';\nrecord('mode', mode);\nrecord('sizes', sizes);",
  ]);
  const bad = paperlab(['execute', typed, '-p', 'mode=medium']);
  assert.equal(bad.code, 1, bad.out);
  assert.match(bad.out, /-p mode=medium: expected "fast" or "slow" \(the parameters cell declares `const mode: Mode = 'fast'`\), got "medium"/);
  const ok = paperlab(['execute', typed, '-p', 'mode=slow', '-p', 'sizes=[4,8]', '-o', mkdtempSync(join(tmpdir(), 'paperlab-out-'))]);
  assert.equal(ok.code, 0, ok.out);
  assert.match(ok.out, /paperlab: mode, sizes injected as cell 1, after the parameters cell \(cell 0\)/);
  assert.match(ok.out, /mode\s+"slow"/);

  const untagged = makeNotebook(["import { record } from './src/index';\nrecord('n', n);"]);
  const top = paperlab(['execute', untagged, '-p', 'n=4', '-o', mkdtempSync(join(tmpdir(), 'paperlab-out-'))]);
  assert.equal(top.code, 0, top.out);
  assert.match(top.out, /paperlab: fixture\.ipynb has no cell tagged `parameters`: n injected at the top \(cell 0\), before every cell/);
  assert.match(top.out, /n\s+4/);
});
