import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadPaperConfig } from '../../../src/library/paper-files/index';
import { arraySpec, parseSeedList, parseSweepParameters, planSweep, slurmRequest } from '../../../src/harness/sweep/index';
import { toyPaper } from './toy-paper';

test('--seeds takes lists and inclusive ranges, each seed once', () => {
  assert.deepEqual(parseSeedList('0-3'), [0, 1, 2, 3]);
  assert.deepEqual(parseSeedList('0,3,5-7'), [0, 3, 5, 6, 7]);
  assert.throws(() => parseSeedList('3-1'), /--seeds: expected ranges from low to high/);
  assert.throws(() => parseSeedList('1,x'), /--seeds: expected whole numbers >= 0 and ranges/);
  assert.throws(() => parseSeedList('1,0-2'), /each seed once, got 1 twice/);
});

test('-p splits as a multirun: top-level commas make a grid axis; lists, objects and quoted strings stay whole', () => {
  const { fixed, grid } = parseSweepParameters(['lr=1e-3,1e-2', 'sizes=[8,16]', 'name="a,b"', 'opt={"m":1,"n":2}', 'steps=5', 'mode=sgd,adam']);
  assert.deepEqual(fixed, { sizes: [8, 16], name: 'a,b', opt: { m: 1, n: 2 }, steps: 5 });
  assert.deepEqual(grid, { lr: [0.001, 0.01], mode: ['sgd', 'adam'] });
  assert.throws(() => parseSweepParameters(['lr=1', 'lr=2']), /lr given once/);
  assert.throws(() => parseSweepParameters(['1x=2']), /name a TypeScript identifier/);
});

test('a sweep plans the main seeds, then every grid point × seed, labelled as a run labels its replays', () => {
  const { dir } = toyPaper();
  const config = loadPaperConfig(dir);
  const tasks = planSweep(dir, config, { seeds: [1, 2], grid: { steps: [10, 20] } });
  assert.deepEqual(tasks.map((t) => [t.index, t.label, t.parameters.steps, t.parameters.seed]), [
    [0, 'seed-1', 100, 1], [1, 'seed-2', 100, 2],
    [2, 'ablation-sweep-steps_10-seed-1', 10, 1], [3, 'ablation-sweep-steps_10-seed-2', 10, 2],
    [4, 'ablation-sweep-steps_20-seed-1', 20, 1], [5, 'ablation-sweep-steps_20-seed-2', 20, 2],
  ]);
  assert.throws(() => planSweep(dir, config, { grid: { stpes: [1, 2] } }), /parameter stpes: expected one declared in config.yaml parameters.*did you mean "steps"/);
  // Without a command-line grid, config.yaml's ablations (none in the scaffold): the main seeds alone, config.yaml's by default.
  assert.deepEqual(planSweep(dir, config, {}).map((t) => t.label), config.seeds.map((s) => `seed-${s}`));
});

test('Slurm array specs compress indices into ranges', () => {
  assert.equal(arraySpec([0, 1, 2, 3]), '0-3');
  assert.equal(arraySpec([3, 0, 1, 5, 7, 8]), '0-1,3,5,7-8');
  assert.equal(arraySpec([4]), '4');
});

test('config.yaml slurm: sets what each task asks for, flags win, defaults come from the budget; a wrong key names the file and field', () => {
  const { dir } = toyPaper();
  const path = join(dir, 'config.yaml');
  writeFileSync(path, `${readFileSync(path, 'utf8')}\nslurm:\n  partition: short\n  timeMinutes: 7\n  maxParallel: 3\n`);
  const config = loadPaperConfig(dir);
  assert.deepEqual(slurmRequest(config), { partition: 'short', timeMinutes: 7, cpusPerTask: 1, memoryMB: (config.budget.maxPeakMemoryMB ?? 2048) + 1024, maxParallel: 3 });
  assert.deepEqual(slurmRequest(config, { partition: 'long', timeMinutes: 30 }, 2), { partition: 'long', timeMinutes: 30, cpusPerTask: 2, memoryMB: (config.budget.maxPeakMemoryMB ?? 2048) + 1024, maxParallel: 3 });
  writeFileSync(path, readFileSync(path, 'utf8').replace('  maxParallel: 3\n', '  cpus: 2\n'));
  assert.throws(() => loadPaperConfig(dir), (err: Error) => /config\.yaml/.test(err.message) && /slurm/.test(err.message) && /cpus/.test(err.message));
});
