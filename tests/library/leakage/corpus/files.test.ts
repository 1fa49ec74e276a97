import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { generateCorpus } from './generate';
import { readCorpus, type CorpusFile } from './files';
import { scoreCorpus } from './score';
import { checkTrainTest } from '../../../../src/library/leakage/index';
import type { Case } from './case';

const check = (c: Case) => checkTrainTest(c.train, c.test, c.options).findings;

const kinds = ['test-before-train', 'row-split-of-units', 'label-encoded', 'near-duplicates', 'clean-collinear'];

/** Runs write.ts as a user would, in its own process. */
function writeScript(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'write.ts'), ...args], { encoding: 'utf8' });
}

test('write.ts writes train/test CSV pairs and cases.json that read back to the very same tables', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leak-corpus-'));
  try {
    const r = writeScript([dir, '--seed', '2', '--kinds', kinds.join(',')]);
    assert.equal(r.status, 0, r.stderr);
    const cases = generateCorpus(2, { kinds });
    assert.match(r.stdout, new RegExp(`^wrote ${cases.length} cases \\(seed 2\\) to `));
    const back = readCorpus(dir);
    assert.equal(back.seed, 2);
    assert.deepEqual(back.cases.map((c) => c.name), cases.map((c) => c.name));
    // float64 values survive the text exactly, strings (dates, unit ids, codes) stay strings
    for (let i = 0; i < cases.length; i++) assert.deepEqual(back.cases[i], cases[i], cases[i]!.name);

    const file = JSON.parse(fs.readFileSync(path.join(dir, 'cases.json'), 'utf8')) as CorpusFile;
    const timed = file.cases.find((c) => c.name === 'test-before-train-1')!;
    assert.deepEqual(timed.flags, ['--label', 'y', '--time', 'date', '--task', 'regression']);
    assert.equal(timed.testRows, fs.readFileSync(path.join(dir, timed.test), 'utf8').trimEnd().split('\n').length - 1);
    // a checker scores the same on the files as on the tables they came from
    const onFiles = scoreCorpus(back.cases, check);
    const inMemory = scoreCorpus(cases, check);
    assert.deepEqual(onFiles.rules.map(({ missed: _m, wrong: _w, ...r }) => r), inMemory.rules.map(({ missed: _m, wrong: _w, ...r }) => r));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('write.ts refuses an unknown kind and a bad seed, naming the option', () => {
  const dir = path.join(os.tmpdir(), 'leak-corpus-never-written');
  const kind = writeScript([dir, '--kinds', 'near-duplicate']);
  assert.equal(kind.status, 2);
  assert.match(kind.stderr, /^write\.ts: generateCorpus\(options\.kinds\): expected kinds of the corpus \(test-is-train, .*\), got near-duplicate\n$/);
  const seed = writeScript([dir, '--seed', '1.5']);
  assert.equal(seed.status, 1);
  assert.match(seed.stderr, /option '--seed <n>' argument '1\.5' is invalid\. expected a non-negative integer, got 1\.5/);
  assert.equal(fs.existsSync(dir), false);
});

test('readCorpus names the folder when it holds no corpus', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leak-corpus-empty-'));
  try {
    assert.throws(() => readCorpus(dir), { message: `${path.join(dir, 'cases.json')}: expected a corpus folder written by corpus/write.ts (with cases.json), got no cases.json` });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
