import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readTaskRecords } from '../../../src/harness/sweep/index';
import { alive, kernelsUnder, startCli, waitFor, type SeenKernel } from '../runner/processes';
import { toyPaper } from './toy-paper';

// The local pool under a real SIGINT: the running task's kernel stops, what ended stays, nothing is
// judged from half a sweep, and --resume runs only the rest.

test('a local sweep stopped by SIGINT keeps its ended tasks, leaves no kernel, and --resume runs only the interrupted one', { timeout: 600_000 }, async () => {
  const { dir, hold } = toyPaper();
  writeFileSync(hold, '');
  const held = 'ablation-sweep-steps_900-seed-1';
  const cli = startCli(['sweep', dir, '--seeds', '1', '-p', 'steps=100,900', '--no-failures', '--no-cache']);
  const seen = new Map<number, SeenKernel>();
  const spy = setInterval(() => kernelsUnder(dir).forEach((k) => seen.set(k.pid, k)), 100);
  const sweepDir = () => /into (\S+)/.exec(cli.output())?.[1];
  // Held: the other two tasks have ended and the held one is running its cells.
  const ready = await waitFor(() => {
    const d = sweepDir();
    return !!d && readTaskRecords(d).size === 2 && existsSync(join(d, held, 'reproduce.ipynb'));
  }, 240_000);
  assert.ok(ready, cli.output());
  cli.child.kill('SIGINT');
  const exit = await cli.exit;
  clearInterval(spy);
  assert.equal(exit.code, 130, cli.output());
  const d = sweepDir()!;
  assert.match(cli.output(), /interrupted by SIGINT: 2 of 3 tasks ended; `paperlab sweep --resume \S+` runs the rest/);
  assert.ok(!existsSync(join(d, 'summary.json')), 'half a sweep is not judged');
  assert.ok(await waitFor(() => [...seen.values()].every((k) => !alive(k.pid)), 5_000), 'no kernel left');
  assert.ok(seen.size >= 1);
  const records = readTaskRecords(d);
  assert.deepEqual([...records.values()].map((r) => [r.label, r.state]).sort(), [
    ['ablation-sweep-steps_100-seed-1', 'ok'], [held, 'interrupted'], ['seed-1', 'ok'],
  ]);
  const before = readFileSync(join(d, 'seed-1', 'results.json'), 'utf8');

  rmSync(hold);
  const resumed = startCli(['sweep', '--resume', d]);
  const done = await resumed.exit;
  assert.equal(done.code, 0, resumed.output());
  assert.match(resumed.output(), /1 of 3 tasks to run/);
  assert.equal(readFileSync(join(d, 'seed-1', 'results.json'), 'utf8'), before, 'an ended task is not run again');
  const summary = JSON.parse(readFileSync(join(d, 'summary.json'), 'utf8')) as { runs: unknown[]; sweep: { incomplete: string[] } };
  assert.equal(summary.runs.length, 3);
  assert.deepEqual(summary.sweep.incomplete, []);
});
