import assert from 'node:assert/strict';
import { test } from 'node:test';
import { poolSize } from '../../../src/harness/reproduce/pool-size';
import { runPool } from '../../../src/harness/reproduce/task-pool';

// The pool's sizing and scheduling, without kernels (run-pool.test.ts runs real ones).

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 5));

test('the pool never runs more than `jobs` tasks at once and returns results in plan order', async () => {
  let running = 0;
  let most = 0;
  const order: number[] = [];
  const { results } = await runPool([5, 1, 4, 2, 3], 2, async (ms, i) => {
    running += 1;
    most = Math.max(most, running);
    await new Promise((resolve) => setTimeout(resolve, ms * 4));
    running -= 1;
    order.push(i);
    return ms * 10;
  });
  assert.equal(most, 2);
  assert.deepEqual(results, [50, 10, 40, 20, 30]);
  assert.notDeepEqual(order, [0, 1, 2, 3, 4], 'tasks finished out of order, as a parallel run does');
});

test('a refusal before a task stops later ones; the running tasks finish and the reason is returned', async () => {
  let started = 0;
  const { results, stoppedBy } = await runPool([1, 2, 3, 4, 5], 2, async (x) => {
    started += 1;
    await tick();
    return x;
  }, () => (started >= 3 ? 'budget spent' : undefined));
  assert.equal(stoppedBy, 'budget spent');
  assert.equal(started, 3);
  assert.deepEqual(results, [1, 2, 3, undefined, undefined]);
});

test('a task that throws is rethrown after the running ones finished, and nothing new starts', async () => {
  const ended: number[] = [];
  await assert.rejects(runPool([0, 1, 2, 3], 2, async (x) => {
    if (x === 0) throw new Error('a bug in the caller');
    await tick();
    ended.push(x);
    return x;
  }), /a bug in the caller/);
  assert.deepEqual(ended, [1], 'task 1 was running and finished; 2 and 3 never started');
});

test('native kernels using every core run one at a time; --jobs N gives each cores / N threads', () => {
  const one = poolSize({ tasks: 3, cores: 2, nativeThreads: 2 });
  assert.deepEqual([one.jobs, one.threads, one.env], [1, 2, {}]);
  assert.match(one.line, /1 replay at a time \(2 cores, 2 native threads each\); --jobs 2 runs 2 at once/);
  const two = poolSize({ tasks: 3, cores: 2, nativeThreads: 2, requested: 2 });
  assert.deepEqual([two.jobs, two.threads, two.env], [2, 1, { PAPERLAB_THREADS: '1' }]);
  assert.match(two.line, /native results at 1 thread differ in the last digits from 2-thread ones/);
  const pinned = poolSize({ tasks: 8, cores: 8, nativeThreads: 2 });
  assert.deepEqual([pinned.jobs, pinned.threads], [4, 2], 'PAPERLAB_THREADS=2 on 8 cores: 4 at once');
});

test('the wasm/JS path runs one replay per core; more jobs than cores or tasks are capped; memory bounds the pool', () => {
  assert.equal(poolSize({ tasks: 5, cores: 4, nativeThreads: null }).jobs, 4);
  assert.equal(poolSize({ tasks: 2, cores: 4, nativeThreads: null }).jobs, 2);
  const many = poolSize({ tasks: 9, cores: 2, nativeThreads: null, requested: 6 });
  assert.equal(many.jobs, 2);
  assert.match(many.line, /6 asked, capped at the 2 cores/);
  const tight = poolSize({ tasks: 9, cores: 8, nativeThreads: null, peakMemoryMB: 3000, memoryMB: 8000 });
  assert.equal(tight.jobs, 2);
  assert.match(tight.line, /2 by memory \(3000 MB peak each\)/);
  assert.throws(() => poolSize({ tasks: 2, requested: 0 }), /--jobs.*whole number >= 1/);
});

test('the live display: without a TTY only finished lines; on a TTY each running replay with its cell, elapsed time and ETA', async () => {
  const { runDisplay } = await import('../../../src/harness/reproduce/run-display');
  const plain: string[] = [];
  const quiet = runDisplay(2, 2, (l) => plain.push(l), { isTTY: false } as unknown as NodeJS.WriteStream);
  quiet.started('seed-1', 'main');
  quiet.cell('seed-1', { n: 1, of: 2, cell: 3 });
  quiet.finished('seed-1', '  seed-1 ok 1.0 s', { wallSeconds: 1, cellSeconds: [0.5, 0.5] });
  quiet.close();
  assert.deepEqual(plain, ['  seed-1 ok 1.0 s']);

  let drawn = '';
  const tty = {
    isTTY: true, columns: 160, rows: 40,
    write: (chunk: string) => { drawn += chunk; return true; },
    cursorTo: () => true, moveCursor: () => true, clearLine: () => true, clearScreenDown: () => true,
    on: () => tty, removeListener: () => tty, off: () => tty,
  };
  const live = runDisplay(3, 2, () => undefined, tty as unknown as NodeJS.WriteStream);
  live.started('seed-1', 'main');
  live.finished('seed-1', '  seed-1 ok 20.0 s', { wallSeconds: 20, cellSeconds: [2, 8, 10] });
  live.started('seed-2', 'main');
  live.cell('seed-2', { n: 2, of: 3, cell: 5 });
  await new Promise((resolve) => setTimeout(resolve, 1100)); // the display redraws each second
  live.close();
  assert.match(drawn, /seed-2 .*cell 5 \(2\/3\) · \d s · ETA 1[78] s/, 'the ETA is what seed-1 took for cells 2 and 3');
  assert.match(drawn, /1\/3 replays done, 1 running, 1 waiting/);
});
