import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { test } from 'node:test';
import { executeNotebook } from '../../../src/harness/runner/index';
import { GroupMemory, trainOverLimits } from '../../../src/harness/runner/memory-watch';
import type { Output } from '../../../src/harness/runner/outputs';
import { makeNotebook } from './fixtures';

// Real kernels allocating real memory, read from the real /proc: no mocks. Allocations stay a few
// hundred MB (the kernel alone is ~175 MB resident; with ./src/index loaded ~400 MB).

const MB = 1024 * 1024;

/** A cell that allocates (and touches) 25 MB every 50 ms up to `totalMB`, then waits. */
const allocate = (totalMB: number) =>
  `const held: Buffer[] = [];\nfor (let i = 0; i < ${totalMB / 25}; i++) {\n  held.push(Buffer.alloc(25 * 1024 * 1024, 1));\n  await new Promise((r) => setTimeout(r, 50));\n}\nconsole.log('allocated', held.length * 25, 'MB');\nawait new Promise((r) => setTimeout(r, 2000));`;

/** True once `pid` is gone (or a zombie) within `ms`: a SIGKILLed process takes a moment to release its memory and exit. */
async function goneWithin(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (alive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  return !alive(pid);
}

/** Running, not gone or a zombie waiting to be reaped. */
function alive(pid: number): boolean {
  try {
    return !/\) [ZX] /.test(readFileSync(`/proc/${pid}/stat`, 'latin1'));
  } catch {
    return false;
  }
}

test('a process group read from /proc: the leader and a child it spawned, summed', async () => {
  // The leader allocates 120 MB, spawns a child in its group that allocates 80 MB, and prints both RSS.
  const child = "const b = Buffer.alloc(80 * 1024 * 1024, 1); console.log(process.memoryUsage.rss()); setInterval(() => b[0]++, 1000);";
  const leader = `const b = Buffer.alloc(120 * 1024 * 1024, 1);
const c = require('child_process').spawn(process.execPath, ['-e', ${JSON.stringify(child)}], { stdio: ['ignore', 'pipe', 'inherit'] });
c.stdout.once('data', (d) => console.log(c.pid, process.memoryUsage.rss(), String(d).trim()));
setInterval(() => b[0]++, 1000);`;
  const proc = spawn(process.execPath, ['-e', leader], { detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const [line] = (await once(proc.stdout!, 'data')) as [Buffer];
    const [childPid, leaderRss, childRss] = String(line).trim().split(' ').map(Number) as [number, number, number];
    const group = new GroupMemory(proc.pid!);
    const leaderOnly = group.residentBytes();
    assert.deepEqual(group.pids, [proc.pid], 'before a rescan only the leader is known');
    assert.ok(Math.abs(leaderOnly - leaderRss) / leaderRss < 0.1, `leader: /proc ${leaderOnly / MB} MB, process.memoryUsage ${leaderRss / MB} MB`);
    group.rescan();
    assert.deepEqual(group.pids.sort(), [proc.pid!, childPid].sort());
    const both = group.residentBytes();
    const expected = leaderRss + childRss;
    assert.ok(Math.abs(both - expected) / expected < 0.1, `group: /proc ${both / MB} MB, the two processes say ${expected / MB} MB`);
    assert.ok(both > 200 * MB, `${both / MB} MB`);

    // The cost of a sample (one stat read per member) and of a rescan (one per process on the machine).
    const n = 200;
    let t = performance.now();
    for (let i = 0; i < n; i++) group.residentBytes();
    const sampleMs = (performance.now() - t) / n;
    t = performance.now();
    for (let i = 0; i < 20; i++) group.rescan();
    const rescanMs = (performance.now() - t) / 20;
    console.log(`# sample ${sampleMs.toFixed(3)} ms (2 processes), rescan ${rescanMs.toFixed(3)} ms`);
    assert.ok(sampleMs < 2, `a sample took ${sampleMs} ms`);

    process.kill(-proc.pid!, 'SIGKILL');
    await once(proc, 'exit');
    assert.ok(await goneWithin(childPid, 3_000));
    assert.equal(group.residentBytes(), 0, 'a group that is gone holds nothing');
    assert.deepEqual(group.pids, [], 'exited processes (zombies too) are forgotten');
  } finally {
    try {
      process.kill(-proc.pid!, 'SIGKILL');
    } catch {
      // gone
    }
  }
});

test('a cell allocating past maxPeakMemoryMB is stopped: over-budget, kernel killed, notebook and result say so', async () => {
  const input = makeNotebook(['let before = 1;', allocate(700), "console.log('never runs')"]);
  const lines: string[] = [];
  const started = Date.now();
  const result = await executeNotebook({ input, limits: { maxPeakMemoryMB: 300 }, log: (l) => lines.push(l) });
  assert.equal(result.ok, false);
  assert.equal(result.failure?.status, 'over-budget');
  assert.equal(result.failure?.cell, 1);
  assert.match(result.failure?.detail ?? '', /^peak memory \d{3} MB over budget\.maxPeakMemoryMB 300 MB \(sampled from the kernel's process group\); kernel process group killed$/);
  const measured = Number(/^peak memory (\d+)/.exec(result.failure!.detail)![1]);
  // Stopped within a few chunks of the limit, long before the 700 MB the cell asked for.
  assert.ok(measured > 300 && measured < 450, `stopped at ${measured} MB`);
  assert.deepEqual(result.cells.map((c) => c.status), ['ok', 'over-budget', 'skipped']);
  assert.ok(result.cells[1]!.duration_s! < 10, `cell ran ${result.cells[1]!.duration_s} s`);
  assert.ok(result.memory!.peakRssMB > 300 && result.memory!.peakRssMB < 450, JSON.stringify(result.memory));
  assert.equal(result.memory!.limitMB, 300);
  const saved = readFileSync(result.notebookPath, 'utf8');
  assert.match(saved, /execution failed at the next cell \(cell 1, over-budget\): peak memory \d+ MB over budget\.maxPeakMemoryMB 300 MB/);
  assert.match(saved, /"status": "over-budget"/);
  assert.doesNotMatch(saved, /allocated 700 MB/);
  assert.match(lines.join('\n'), /cell 1 over-budget .*peak memory \d+ MB over budget\.maxPeakMemoryMB 300 MB/);
  assert.ok(Date.now() - started < 60_000);
});

test('memory of a process the cell spawned counts: the whole group is held to the limit and killed', async () => {
  // The kernel itself stays near 175 MB; its child holds 250 MB in the kernel's process group.
  const child = "const b = Buffer.alloc(250 * 1024 * 1024, 1); console.log('held'); setInterval(() => b[0]++, 1000);";
  const input = makeNotebook([
    `const c = require('child_process').spawn(process.execPath, ['-e', ${JSON.stringify(child)}], { stdio: ['ignore', 'pipe', 'inherit'] });\nconsole.log('child', c.pid);\nawait new Promise((r) => c.stdout.once('data', r));\nawait new Promise((r) => setTimeout(r, 5000));`,
    "console.log('never runs')",
  ]);
  const result = await executeNotebook({ input, limits: { maxPeakMemoryMB: 300 } });
  assert.equal(result.failure?.status, 'over-budget');
  assert.match(result.failure?.detail ?? '', /^peak memory \d{3} MB over budget\.maxPeakMemoryMB 300 MB \(sampled from the kernel's process group\)/);
  const saved = JSON.parse(readFileSync(result.notebookPath, 'utf8')) as { cells: Array<{ outputs?: Array<{ text?: string }> }> };
  const childPid = Number(/child (\d+)/.exec(JSON.stringify(saved.cells))![1]);
  assert.ok(await goneWithin(childPid, 3_000), 'the child went with the kernel\'s group');
  assert.deepEqual(result.cells.map((c) => c.status), ['over-budget', 'skipped']);
});

test('without limits nothing is stopped and the peak memory of the kernel is still measured', async () => {
  const input = makeNotebook([allocate(100)]);
  const result = await executeNotebook({ input });
  assert.equal(result.ok, true, result.failure?.detail);
  // ~175 MB of kernel plus the 100 MB the cell holds.
  assert.ok(result.memory!.peakRssMB > 250 && result.memory!.peakRssMB < 600, JSON.stringify(result.memory));
  assert.ok(result.memory!.samples >= 5, JSON.stringify(result.memory));
  assert.equal(result.memory!.limitMB, undefined);
});

const trainCell = (steps: number, budget: string) =>
  `fits.push(await train({ model: net, loss: (p, t) => tf.losses.meanSquaredError(t, p) as tf.Scalar, optimizer: tf.train.adam(0.01),\n  data: { x: xs, y: ys }, batchSize: 'full', steps: ${steps},${budget} progress: false }));\nconsole.log('steps', fits[fits.length - 1].history.length);`;

test('steps train() recorded past budget.maxSteps stop the replay, also when train() was not given the limit', async () => {
  const input = makeNotebook([
    "import * as tf from '@tensorflow/tfjs';\nimport { train, models } from './src/index';\nconst net = models.mlp({ widths: [2, 4, 1], activation: 'relu' });\nconst xs = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);\nconst ys = tf.tensor2d([[0], [1], [1], [0]]);\nconst fits: any[] = [];",
    trainCell(20, ' budget: { maxSteps: 5 },'), // stops itself at the limit: within budget
    trainCell(8, ''), // the notebook forgot the budget
    "console.log('never runs')",
  ]);
  const result = await executeNotebook({ input, limits: { maxSteps: 5, maxEpochs: 100 } });
  assert.deepEqual(result.cells.map((c) => c.status), ['ok', 'ok', 'over-budget', 'skipped']);
  assert.equal(result.failure?.cell, 2);
  assert.equal(result.failure?.detail, "training used 8 steps, over budget.maxSteps 5 (train()'s budget record in this cell)");
  assert.match(readFileSync(result.notebookPath, 'utf8'), /execution failed at the next cell \(cell 2, over-budget\): training used 8 steps, over budget\.maxSteps 5/);
  // The records train() made are kept as they were; the cell that went over keeps its outputs.
  const budgets = result.records.filter((r) => r.name === 'budget').map((r) => (r.value as { used: { steps: number } }).used.steps);
  assert.deepEqual(budgets, [5, 8]);

  // Epochs, on the very outputs the kernel sent: full batch, so 5 steps are 5 epochs.
  const saved = JSON.parse(readFileSync(result.notebookPath, 'utf8')) as { cells: Array<{ id: string; outputs?: Output[] }> };
  const outputs = saved.cells.find((c) => c.id === 'c1')!.outputs!;
  assert.equal(trainOverLimits(outputs, { maxEpochs: 5 }), undefined);
  assert.equal(trainOverLimits(outputs, { maxEpochs: 4.5 }), "training used 5 epochs, over budget.maxEpochs 4.5 (train()'s budget record in this cell)");
  assert.equal(trainOverLimits(outputs, { maxSteps: 5 }), undefined, 'a run stopped at its limit is not over it');
});
