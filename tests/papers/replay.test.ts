import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { PROJECT_ROOT } from '../../src/harness/runner/index';
import { CONFIG_FILE, loadPaperConfig } from '../../src/library/paper-files/index';
import { replayProfile } from '../../src/harness/reproduce/index';
import { budgetStops, runPaper, sinceAccepted } from '../../src/harness/reproduce/index';
import { gitState } from '../../src/harness/env/index';
import { acceptedPath, checkAgainstAccepted, computePathOf, formatDiffTable, type ComputePath } from '../../src/harness/verdict/index';
import { nativeStatus } from '../../src/library/native/index';

// CI's regression check: every paper folder is replayed headlessly on a real kernel with its
// config.yaml `replay` profile, and every numeric metric it records is compared with the accepted
// file beside it (exact by default: same seed, backend and compute path give bit-identical values).
//
// Only what changed is replayed: a paper whose replay keys (replay-key.ts: its code, every library
// file it imports, config, data manifest, environment lock, runner, compute path) equal the keys
// its accepted file records would reproduce those numbers bit for bit, so its test is skipped and
// says why. One paper, picked by HEAD's commit, is replayed every time, keys or not: the replay
// path stays tested, and an unchanged key that no longer gives the accepted numbers fails there.
// PAPERLAB_REPLAY_ALL=1 replays every paper.
const PAPERS = join(PROJECT_ROOT, 'papers');
const folders = readdirSync(PAPERS, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(PAPERS, d.name, CONFIG_FILE)))
  .map((d) => d.name)
  .sort();

test('there are paper folders to replay', () => {
  assert.ok(folders.length > 0);
});

// Both compute paths are replayed: the native one (when it built here) against accepted.replay.json,
// then the wasm/JS fallback, in kernels started with PAPERLAB_NATIVE=off, against
// accepted.replay.fallback.json. The records say which path each kernel ran on.
const PATHS: ComputePath[] = nativeStatus().on ? ['native', 'fallback'] : ['fallback'];

const REPLAY_ALL = ['1', 'true', 'yes'].includes(process.env.PAPERLAB_REPLAY_ALL?.trim().toLowerCase() ?? '');
/** The paper replayed every time: it moves with each commit so that, over commits, every one is. */
const ALWAYS = alwaysReplayed(folders, gitState(PROJECT_ROOT).commit);

function alwaysReplayed(ids: readonly string[], commit: string | null): string | undefined {
  if (ids.length === 0) return undefined;
  return ids[commit ? Number.parseInt(commit.slice(0, 8), 16) % ids.length : 0];
}

test('one paper is replayed on every path whatever its keys say, and it moves with the commit', () => {
  assert.ok(ALWAYS && folders.includes(ALWAYS));
  const picked = new Set(['00000000', '00000001', '00000002', '00000003', '00000004'].map((c) => alwaysReplayed(folders, c)));
  assert.equal(picked.size, Math.min(folders.length, 5), 'consecutive commits pick different papers');
});

for (const id of folders) {
  for (const compute of PATHS) {
    test(`${id}: the CI replay on the ${compute} path matches ${basename(acceptedPath('.', 'replay', compute))}`, async (t) => {
      const dir = join(PAPERS, id);
      const profile = replayProfile(loadPaperConfig(dir));
      const accepted = acceptedPath(dir, 'replay', compute);
      assert.ok(existsSync(accepted), `no ${accepted}: run \`${compute === 'fallback' ? 'PAPERLAB_NATIVE=off ' : ''}paperlab run papers/${id} --replay\` and accept it`);
      // The kernels' compute path is read from the environment, so the keys are planned inside withNative.
      const since = await withNative(compute, async () => sinceAccepted(dir, compute, { replay: true }));
      if (since.unchanged && id !== ALWAYS && !REPLAY_ALL) {
        t.skip(`${since.reason}: not replayed (papers/${ALWAYS} is, every time; PAPERLAB_REPLAY_ALL=1 replays all)`);
        return;
      }
      t.diagnostic(`replayed: ${since.unchanged ? `${since.reason}, replayed all the same` : since.reason}`);
      const run = await withNative(compute, () => runPaper(dir, { replay: true, logFailures: false, runsParent: mkdtempSync(join(tmpdir(), `replay-${id}-`)) }));
      for (const r of run.runs) assert.equal(r.ok, true, `seed ${r.seed}: ${r.execution.failure?.errorText ?? r.execution.failure?.detail}`);
      assert.deepEqual(run.runs.map((r) => r.seed), profile.seeds);
      // A fit cut short by its wall budget changes the numbers for a reason that is not a regression.
      const stopped = run.runs.flatMap((r) => budgetStops(r.execution.records));
      assert.deepEqual(stopped.map((stop) => `cell ${stop.cell}: ${JSON.stringify(stop.over)}`), [], 'a replay stopped at its budget: raise the wall limit in config.yaml replay.parameters');
      const results = run.runs.map((r) => ({ records: r.execution.records }));
      assert.equal(computePathOf(results).compute, compute, 'the kernel ran on the path it was started for');
      const check = checkAgainstAccepted(dir, results, profile, 'replay');
      assert.ok(check.ok, `papers/${id} regressed against ${check.path}:\n${formatDiffTable(check.rows)}${check.note ? `\n${check.note}` : ''}`);
      // The key the replay recorded is the one planned: a skip above trusts exactly that.
      assert.deepEqual(run.runs.map((r) => r.key), since.keys.map((k) => k.key), 'the replays ran under the planned keys');
    });
  }
}

// Kernels inherit this process's environment: the fallback's are started with PAPERLAB_NATIVE=off.
async function withNative<T>(compute: ComputePath, job: () => Promise<T>): Promise<T> {
  const saved = process.env.PAPERLAB_NATIVE;
  if (compute === 'fallback') process.env.PAPERLAB_NATIVE = 'off';
  try {
    return await job();
  } finally {
    if (saved === undefined) delete process.env.PAPERLAB_NATIVE;
    else process.env.PAPERLAB_NATIVE = saved;
  }
}
