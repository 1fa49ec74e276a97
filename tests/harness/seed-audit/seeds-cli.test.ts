import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

// Runs `paperlab seeds audit ...` (registerSeedCommands on a bare program) in `cwd`, as CI will.
const driver = path.join(__dirname, '..', '..', '..', 'src', 'cli', 'main.ts');
const tsx = pathToFileURL(require.resolve('tsx')).href;
function cli(cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', tsx, driver, 'seeds', 'audit', ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const made: string[] = [];
after(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

function tempProject(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seeds-cli-'));
  made.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

test('seeds audit exits 1 and prints file:line:col  rule  snippet for each finding', () => {
  const dir = tempProject({ 'src/a.ts': 'const ok = 1;\nconst x = Math.random();\n', 'papers/p/b.ts': 'tf.util.shuffle(xs);\n' });
  const r = cli(dir);
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(r.stdout.split('\n').slice(0, 2), ['papers/p/b.ts:1:1  tf-util-shuffle  tf.util.shuffle(xs)', 'src/a.ts:2:11  math-random  Math.random()']);
  assert.match(r.stdout, /seed audit: 2 findings in 2 files/);
});

test('seeds audit exits 0 on a clean tree, and scans only the paths given', () => {
  const dir = tempProject({ 'src/a.ts': 'export const x = 1;\n', 'scratch/b.ts': 'Math.random();\n' });
  const clean = cli(dir);
  assert.equal(clean.status, 0, clean.stdout + clean.stderr);
  assert.match(clean.stdout, /^seed audit: clean; scanned 1 source file and/);
  assert.equal(cli(dir, 'scratch').status, 1);
  assert.equal(cli(dir, 'scratch', '--exclude', 'scratch').status, 0);
});

test('seeds audit --json prints the findings as data', () => {
  const dir = tempProject({ 'src/a.ts': 'Math.random();\n' });
  const r = cli(dir, '--json');
  assert.equal(r.status, 1);
  const parsed = JSON.parse(r.stdout) as { findings: { file: string; line: number; col: number; rule: string }[] };
  assert.deepEqual(parsed.findings.map((f) => [f.file, f.line, f.col, f.rule]), [['src/a.ts', 1, 1, 'math-random']]);
});

test('seeds audit on a missing path fails with a message naming it', () => {
  const r = cli(tempProject({}), 'nope');
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /seeds audit \[paths\.\.\.\]: expected an existing file or folder, got nope/);
});
