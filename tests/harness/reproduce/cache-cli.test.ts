import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { PROJECT_ROOT } from '../../../src/harness/runner/index';
import { loadPaperConfig } from '../../../src/library/paper-files/index';
import { scaffoldPaper } from '../../../src/harness/scaffold/index';
import { CACHE_DIR_ENV_VAR, CACHE_ENV_VAR } from '../../../src/harness/reproduce/index';
import { replayKeysOf } from '../../../src/harness/verdict/index';

// The cache through the CLI: run says cached; accept records the replay keys; check on unchanged
// keys needs no replay (--no-cache replays); an accepted file without keys replays and can be
// stamped with the keys of a run that gives exactly its numbers.

const cacheDir = mkdtempSync(join(tmpdir(), 'paperlab-cache-cli-'));

// npm test turns the cache off for every other test (PAPERLAB_CACHE=off); this one turns it on.
function paperlab(args: string[], env: Record<string, string> = { [CACHE_ENV_VAR]: 'on' }): { code: number | null; stdout: string; out: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/cli/main.ts'), ...args], {
    cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 300_000, env: { ...process.env, [CACHE_DIR_ENV_VAR]: cacheDir, ...env },
  });
  return { code: r.status, stdout: r.stdout, out: `${r.stdout}${r.stderr}` };
}

test('run --replay twice says cached; accept records keys; check --replay on unchanged keys skips the replay unless --no-cache; old files replay and take --stamp-key', () => {
  const { dir } = scaffoldPaper(mkdtempSync(join(tmpdir(), 'paperlab-cache-cli-paper-')), 'cli2026-cache');
  const metric = loadPaperConfig(dir).claims[0]!.metric;
  const notebook = join(dir, 'reproduce.ipynb');
  const setMeasurement = (from: string, to: string) => writeFileSync(notebook, readFileSync(notebook, 'utf8').replace(`record('${metric}', ${from});`, `record('${metric}', ${to});`));
  setMeasurement('Number.NaN', 'steps / 40');

  const first = paperlab(['run', dir, '--replay']);
  assert.equal(first.code, 0, first.out);
  const runDir = /run folder (\S+)/.exec(first.out)![1]!;
  const again = paperlab(['run', dir, '--replay']);
  assert.equal(again.code, 0, again.out);
  assert.match(again.stdout, /  seed-1 +cached  \(key [0-9a-f]{8}, from runs\/\S+-replay\)/);
  const off = paperlab(['run', dir, '--replay'], { [CACHE_ENV_VAR]: 'off' });
  assert.equal(off.code, 0, off.out);
  assert.doesNotMatch(off.stdout, /cached/, 'PAPERLAB_CACHE=off replays');

  const accept = paperlab(['accept', runDir, '--paper', dir]);
  assert.equal(accept.code, 0, accept.out);
  const acceptedPath = join(dir, /wrote \S*(accepted\.replay(\.fallback)?\.json)/.exec(accept.out)![1]!);
  const accepted = JSON.parse(readFileSync(acceptedPath, 'utf8')) as { replayKeys?: Record<string, string>; replayParts?: Record<string, string> };
  assert.deepEqual(Object.keys(accepted.replayKeys ?? {}), ['1']);
  assert.ok(accepted.replayParts?.files, 'one digest per part, to say which changed');

  const skipped = paperlab(['check', dir, '--replay', '--no-failures']);
  assert.equal(skipped.code, 0, skipped.out);
  assert.match(skipped.stdout, new RegExp(`paperlab check: .* unchanged since accepted \\(key ${accepted.replayKeys!['1']!.slice(0, 8)}\\): no replay needed`));
  assert.doesNotMatch(skipped.out, /replay\(s\) of/, 'no replay ran');
  const forced = paperlab(['check', dir, '--replay', '--no-failures', '--no-cache']);
  assert.equal(forced.code, 0, forced.out);
  assert.match(forced.out, /replay\(s\) of/);
  assert.doesNotMatch(forced.stdout, /cached/);

  // A file accepted before keys existed: the check replays (here from the cache) and says why.
  const text = readFileSync(acceptedPath, 'utf8');
  const old = JSON.parse(text) as Record<string, unknown>;
  delete old.replayKeys;
  delete old.replayParts;
  writeFileSync(acceptedPath, JSON.stringify(old, null, 2) + '\n');
  const unkeyed = paperlab(['check', dir, '--replay', '--no-failures']);
  assert.equal(unkeyed.code, 0, unkeyed.out);
  assert.match(unkeyed.out, /replaying: the accepted file records no replay keys/);
  const stamped = paperlab(['accept', runDir, '--paper', dir, '--stamp-key']);
  assert.equal(stamped.code, 0, stamped.out);
  assert.match(stamped.out, /replay keys [0-9a-f]{8} \(seed 1\); its numbers unchanged/);
  const after = JSON.parse(readFileSync(acceptedPath, 'utf8')) as { replayKeys?: Record<string, string>; acceptedAt: string; metrics: unknown };
  assert.deepEqual(after.replayKeys, accepted.replayKeys);
  assert.deepEqual([after.acceptedAt, after.metrics], [old.acceptedAt, old.metrics], 'nothing else changes');

  // A change: the key names the part, the check replays and fails; stamping such a run is refused.
  setMeasurement('steps / 40', 'steps / 41');
  const changed = paperlab(['check', dir, '--replay', '--no-failures']);
  assert.equal(changed.code, 1, changed.out);
  assert.match(changed.out, /replaying: key changed since accepted \(notebookCode\): seed 1 [0-9a-f]{8} → [0-9a-f]{8}/);
  const changedRun = /run folder (\S+)/.exec(changed.out)![1]!;
  const refused = paperlab(['accept', changedRun, '--paper', dir, '--stamp-key']);
  assert.equal(refused.code, 1, refused.out);
  assert.match(refused.out, new RegExp(`expected runs that give exactly the accepted numbers, got other values for ${metric}`));
});

test('accepted keys: only when every run recorded one, one per seed', () => {
  const run = (seed: number, replayKey?: string) => ({ records: [], manifest: { seed, ...(replayKey ? { replayKey, replayParts: { files: 'f' } } : {}) } });
  assert.deepEqual(replayKeysOf([run(0, 'a'), run(1, 'b')]), { replayKeys: { 0: 'a', 1: 'b' }, replayParts: { files: 'f' } });
  assert.deepEqual(replayKeysOf([run(0, 'a'), run(1)]), {}, 'a run without a key: the file records none');
  assert.deepEqual(replayKeysOf([run(0, 'a'), run(0, 'b')]), {}, 'a repeated seed');
});
