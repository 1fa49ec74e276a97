import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, test } from 'node:test';
import { appendFailure, readFailureLog } from '../../../src/library/paper-files/index';
import { scaffoldPaper } from '../../../src/harness/scaffold/index';
import { PROJECT_ROOT } from '../../../src/harness/runner/index';
import { latestRuns, runPaper } from '../../../src/harness/reproduce/index';
import { runStamp } from '../../../src/harness/report/failure-groups';

// Three scaffolded papers replayed for real (a tslab kernel per seed): one with a full run and a
// newer CI replay, one with replays only, one never run. `paperlab report` (a real CLI process)
// must list all three and say which run each shows.

const made: string[] = [];
after(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The index row (one <tr>) that names a paper id. */
function row(index: string, id: string): string {
  const rows = index.split('<tr>').filter((r) => r.includes(`<div class="muted mono">${id}</div>`));
  assert.equal(rows.length, 1, `one row for ${id}`);
  return rows[0]!;
}

test('the index lists every paper folder: full run (and a newer replay), "no full run yet" for replays only, "no run yet" without one; failures counted for the reported run', async () => {
  const root = mkdtempSync(join(tmpdir(), 'paperlab-index-runs-'));
  made.push(root);
  const full = scaffoldPaper(root, 'aaa2026-full', { title: 'Paper with a full run' }).dir;
  const replayed = scaffoldPaper(root, 'bbb2026-replayed', { title: 'Paper with replays only' }).dir;
  scaffoldPaper(root, 'ccc2026-unrun', { title: 'Paper never run' });
  // An entry of some older run: the index must not count it for the run it shows.
  appendFailure(join(full, 'failures.yaml'), { commit: 'unknown', parameters: {}, where: {}, kind: 'other', symptom: 'an old note', status: 'explained', run: 'papers/aaa2026-full/runs/20260101T000000Z' });
  const fullRun = await runPaper(full, { seeds: [1] });
  const newer = await runPaper(full, { replay: true });
  await runPaper(replayed, { replay: true });
  const onlyReplay = await runPaper(replayed, { replay: true });
  assert.deepEqual(latestRuns(replayed), { full: null, replay: onlyReplay.runDir });

  const out = join(root, 'reports');
  execFileSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src', 'cli', 'main.ts'), 'report', '--papers', join(root, 'papers'), '--out', out, '--quiet'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  const index = readFileSync(join(out, 'index.html'), 'utf8');
  assert.match(index, /3 paper\(s\), 2 with a report/);
  assert.ok(index.includes("<th>Failures (this run&#39;s entries)</th>"), 'the header says what is counted');

  const a = row(index, 'aaa2026-full');
  assert.ok(a.includes('href="aaa2026-full.html"'));
  assert.ok(a.includes(`${basename(fullRun.runDir)} (full run)`), a);
  assert.ok(a.includes(`newer replay: <span class="mono">${basename(newer.runDir)}</span>`), a);
  assert.ok(!a.includes('no full run yet'));
  const log = readFailureLog(join(full, 'failures.yaml'));
  const ofRun = log.filter((f) => f.run !== undefined && runStamp(f.run) === basename(fullRun.runDir)).length;
  assert.ok(log.length > ofRun, `the log holds other runs' entries too (${log.length} in all)`);
  assert.match(a, new RegExp(`<td class="num">${ofRun}</td></tr>`), `the failure count is the full run's ${ofRun}, not the log's ${log.length}`);

  const b = row(index, 'bbb2026-replayed');
  assert.ok(b.includes('href="bbb2026-replayed.html"') && b.includes(`${basename(onlyReplay.runDir)} (CI replay)`), b);
  assert.ok(b.includes('<div class="no-run">no full run yet</div>'), b);
  assert.ok(readFileSync(join(out, 'bbb2026-replayed.html'), 'utf8').includes(basename(onlyReplay.runDir)), 'its page shows the newest replay');

  const c = row(index, 'ccc2026-unrun');
  assert.ok(c.includes('<span class="no-run">no run yet</span>') && c.includes('Paper never run') && !c.includes('href='), c);
  assert.equal(existsSync(join(out, 'ccc2026-unrun.html')), false, 'no page for a paper with no run');

  // summary.md names the same three: each reported run's kind, and the folder never run at the end.
  const summary = readFileSync(join(out, 'summary.md'), 'utf8');
  assert.match(summary, /^# paperlab reproduction summary \(2 papers, 1 with no run yet, /);
  assert.ok(summary.includes(`run \`${basename(fullRun.runDir)}\` (full run) ·`), summary);
  assert.ok(summary.includes(`run \`${basename(onlyReplay.runDir)}\` (CI replay; no full run yet) ·`), summary);
  assert.ok(summary.endsWith('\n## No run yet\n\n- `ccc2026-unrun`: Paper never run\n'), summary.slice(-200));
});
