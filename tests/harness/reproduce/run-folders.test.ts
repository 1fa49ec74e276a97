import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadPaperConfig } from '../../../src/library/paper-files/index';
import { scaffoldPaper } from '../../../src/harness/scaffold/index';
import { latestRun, wallFailures, type NotebookRun } from '../../../src/harness/reproduce/index';

test('latestRun: the newest finished full run; CI replays and unfinished runs never stand for the paper', () => {
  const paper = mkdtempSync(join(tmpdir(), 'paperlab-latest-'));
  const run = (name: string, summary?: object) => {
    mkdirSync(join(paper, 'runs', name), { recursive: true });
    if (summary) writeFileSync(join(paper, 'runs', name, 'summary.json'), JSON.stringify(summary));
  };
  assert.equal(latestRun(paper), null);
  run('20260101T000000Z', { profile: 'full' });
  run('20260102T000000Z'); // started, never finished
  run('20260103T000000Z-replay', { profile: 'replay' });
  assert.equal(latestRun(paper), join(paper, 'runs', '20260101T000000Z'));
  run('20260104T000000Z', {}); // written before runs had a profile: a full run
  assert.equal(latestRun(paper), join(paper, 'runs', '20260104T000000Z'));
});

test('wallFailures: a replay that finished past budget.maxWallSeconds is over budget; within it, or failed, is not', () => {
  const { dir } = scaffoldPaper(mkdtempSync(join(tmpdir(), 'paperlab-wall-')), 'wall2026-budget');
  const config = loadPaperConfig(dir);
  const limit = config.budget.maxWallSeconds;
  const replay = (seconds: number, ok = true) => ({
    seed: 3, ok, dir: 'runs/x/seed-3', resultsPath: 'runs/x/seed-3/results.json',
    execution: { startedAt: '2026-01-01T00:00:00.000Z', endedAt: new Date(Date.parse('2026-01-01T00:00:00.000Z') + seconds * 1000).toISOString(), parameters: { seed: 3, steps: 7 } },
  }) as unknown as NotebookRun;
  assert.deepEqual(wallFailures(replay(limit), config, 'abc1234'), []);
  assert.deepEqual(wallFailures(replay(limit + 5, false), config, 'abc1234'), [], 'a killed or failed replay is logged as what broke it');
  const [over] = wallFailures(replay(limit + 0.5), config, 'abc1234');
  assert.deepEqual([over!.kind, over!.seed, over!.parameters, over!.run], ['over-budget', 3, { seed: 3, steps: 7 }, 'runs/x/seed-3']);
  assert.equal(over!.symptom, `the replay took ${(limit + 0.5).toFixed(1)} s, over budget.maxWallSeconds = ${limit} s`);
});
