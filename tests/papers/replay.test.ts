import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { PROJECT_ROOT } from '../../src/harness/runner/index';
import { CONFIG_FILE, loadPaperConfig } from '../../src/library/paper-files/index';
import { replayProfile } from '../../src/harness/reproduce/index';
import { budgetStops, runPaper } from '../../src/harness/reproduce/index';
import { acceptedPath, checkAgainstAccepted, computePathOf, formatDiffTable, type ComputePath } from '../../src/harness/verdict/index';
import { nativeStatus } from '../../src/library/native/index';

// CI's regression check: every paper folder is replayed headlessly on a real kernel with its
// config.yaml `replay` profile, and every numeric metric it records is compared with the accepted
// file beside it (exact by default: same seed, backend and compute path give bit-identical values).
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

for (const id of folders) {
  for (const compute of PATHS) {
    test(`${id}: the CI replay on the ${compute} path matches ${basename(acceptedPath('.', 'replay', compute))}`, async () => {
      const dir = join(PAPERS, id);
      const profile = replayProfile(loadPaperConfig(dir));
      const accepted = acceptedPath(dir, 'replay', compute);
      assert.ok(existsSync(accepted), `no ${accepted}: run \`${compute === 'fallback' ? 'PAPERLAB_NATIVE=off ' : ''}paperlab run papers/${id} --replay\` and accept it`);
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
