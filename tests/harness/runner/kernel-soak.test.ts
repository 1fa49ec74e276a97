import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Kernel } from '../../../src/harness/runner/index';

// Real kernels started again and again, alone and two at a time (parallel replays start kernels
// side by side): each must start on its first attempt, run a cell and shut down. A start that
// needed a retry is a failure here, since the retry would hide the hang it stands in for; only a
// port another process took meanwhile (EADDRINUSE, not ours to prevent) may cost a retry.

interface Start {
  ms: number;
  retries: string[];
}

async function startRunStop(): Promise<Start> {
  const started = Date.now();
  const retries: string[] = [];
  const kernel = await Kernel.start({ log: (line) => retries.push(line) });
  try {
    const out = await kernel.execute('const x: number = 20; x + 1');
    assert.equal(out.status, 'ok', out.errorText);
    assert.match(out.outputs.map((o) => JSON.stringify(o)).join('\n'), /21/);
    assert.doesNotMatch(kernel.logTail(), /EBUSY|blocked by a bind/);
  } finally {
    await kernel.shutdown();
  }
  assert.ok(kernel.exited, 'the kernel process is gone after shutdown');
  return { ms: Date.now() - started, retries };
}

function check(starts: Start[], label: string): void {
  const retried = starts.flatMap((s) => s.retries);
  assert.deepEqual(retried.filter((l) => !/EADDRINUSE|Address already in use/.test(l)), [], `${label}: starts that needed a retry`);
  const ms = starts.map((s) => s.ms).sort((a, b) => a - b);
  console.log(`${label}: ${starts.length}/${starts.length} started, ran a cell and stopped; median ${ms[ms.length >> 1]} ms, max ${ms[ms.length - 1]} ms; ${retried.length} port-race retries`);
}

test('20 kernel starts in a row each start at once, run a cell and shut down', async () => {
  const starts: Start[] = [];
  for (let i = 0; i < 20; i++) starts.push(await startRunStop());
  check(starts, 'in a row');
});

test('10 kernel starts two at a time each start at once, run a cell and shut down', async () => {
  const starts: Start[] = [];
  for (let i = 0; i < 5; i++) starts.push(...(await Promise.all([startRunStop(), startRunStop()])));
  check(starts, 'two at a time');
});
