import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { PROJECT_ROOT } from '../../src/harness/runner/index';
import { CONFIG_FILE, loadPaperConfig } from '../../src/library/paper-files/index';
import { replayProfile } from '../../src/harness/reproduce/index';
import { budgetStops, runPaper } from '../../src/harness/reproduce/index';
import { acceptedPath, checkAgainstAccepted, formatDiffTable } from '../../src/harness/verdict/index';
import { nativeStatus } from '../../src/library/native/index';

// CI's regression check: every paper folder is replayed headlessly on a real kernel with its
// config.yaml `replay` profile, and every numeric metric it records is compared with the accepted
// file beside it (exact by default: same seed, backend and compute path give bit-identical values;
// the native path's file is accepted.replay.json, the wasm/JS fallback's accepted.replay.fallback.json).
const COMPUTE = nativeStatus().on ? 'native' : 'fallback';
const PAPERS = join(PROJECT_ROOT, 'papers');
const folders = readdirSync(PAPERS, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(PAPERS, d.name, CONFIG_FILE)))
  .map((d) => d.name)
  .sort();

test('there are paper folders to replay', () => {
  assert.ok(folders.length > 0);
});

for (const id of folders) {
  test(`${id}: the CI replay matches accepted.replay.json`, async () => {
    const dir = join(PAPERS, id);
    const profile = replayProfile(loadPaperConfig(dir));
    const accepted = acceptedPath(dir, 'replay', COMPUTE);
    assert.ok(existsSync(accepted), `no ${accepted}: run \`${COMPUTE === 'fallback' ? 'PAPERLAB_NATIVE=off ' : ''}paperlab run papers/${id} --replay\` and accept it`);
    const run = await runPaper(dir, { replay: true, logFailures: false, runsParent: mkdtempSync(join(tmpdir(), `replay-${id}-`)) });
    for (const r of run.runs) assert.equal(r.ok, true, `seed ${r.seed}: ${r.execution.failure?.errorText ?? r.execution.failure?.detail}`);
    assert.deepEqual(run.runs.map((r) => r.seed), profile.seeds);
    // A fit cut short by its wall budget changes the numbers for a reason that is not a regression.
    const stopped = run.runs.flatMap((r) => budgetStops(r.execution.records));
    assert.deepEqual(stopped.map((stop) => `cell ${stop.cell}: ${JSON.stringify(stop.over)}`), [], 'a replay stopped at its budget: raise the wall limit in config.yaml replay.parameters');
    const check = checkAgainstAccepted(dir, run.runs.map((r) => ({ records: r.execution.records })), profile, 'replay');
    assert.ok(check.ok, `papers/${id} regressed against ${check.path}:\n${formatDiffTable(check.rows)}`);
  });
}
