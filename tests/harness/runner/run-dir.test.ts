import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { newRunDir, PROJECT_ROOT } from '../../../src/harness/runner/index';

// Real processes started together, all asking for a run folder of the same stamp and name.

const CREATORS = 6;
const EACH = 40;

test('concurrent runs of the same second each get a folder of their own, none shared', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'paperlab-rundir-'));
  const script = join(parent, 'creator.ts');
  // Each creator waits for the same instant, then takes EACH folders as execute and run-paper do
  // (mkdir recursive after, harmless) and writes its own file into every one it was given.
  writeFileSync(script, [
    `import { mkdirSync, writeFileSync } from 'node:fs';`,
    `import { join } from 'node:path';`,
    `import { newRunDir } from ${JSON.stringify(join(PROJECT_ROOT, 'src/harness/runner/run-dir'))};`,
    `const [parent, at, go] = process.argv.slice(2);`,
    `while (Date.now() < Number(go)) {}`,
    `const dirs: string[] = [];`,
    `for (let k = 0; k < ${EACH}; k++) {`,
    `  const dir = newRunDir(parent!, new Date(at!), 'nb');`,
    `  mkdirSync(dir, { recursive: true });`,
    `  writeFileSync(join(dir, 'owner-' + process.pid + '-' + k), '');`,
    `  dirs.push(dir);`,
    `}`,
    `console.log(JSON.stringify(dirs));`,
  ].join('\n'));
  const at = new Date('2026-12-02T10:00:00.000Z').toISOString();
  const go = String(Date.now() + 4_000); // time for every process to load tsx
  const outputs = await Promise.all(Array.from({ length: CREATORS }, () => new Promise<string[]>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, parent, at, go], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as string[]) : reject(new Error(`creator exited ${code}`))));
  })));
  const all = outputs.flat();
  assert.equal(all.length, CREATORS * EACH);
  assert.equal(new Set(all).size, all.length, 'no folder was handed to two runs');
  for (const dir of all) assert.equal(readdirSync(dir).length, 1, `${dir} holds one run's output`);
  assert.ok(all.includes(join(parent, 'runs', '20261202T100000Z-nb')), 'the first folder has no suffix');
});

test('newRunDir creates the folder itself and never hands out an existing one', () => {
  const parent = mkdtempSync(join(tmpdir(), 'paperlab-rundir-'));
  const at = new Date('2026-12-02T10:00:00.5Z');
  const first = newRunDir(parent, at);
  const second = newRunDir(parent, at);
  assert.equal(first, join(parent, 'runs', '20261202T100000Z'));
  assert.equal(second, `${first}-2`);
  assert.ok(existsSync(first) && existsSync(second));
  assert.equal(newRunDir(parent, at, 'replay'), join(parent, 'runs', '20261202T100000Z-replay'));
});
