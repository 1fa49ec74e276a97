import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { collectRecords, OWNER_FILE, readNotebook, readResults, RESULTS_FILE, type CollectedRecord } from '../../../src/harness/runner/index';
import { latestRun } from '../../../src/harness/reproduce/index';
import { scaffoldPaper } from '../../../src/harness/scaffold/index';
import { FAILURES_FILE, loadPaperConfig, ownerState, parseOwner, withFileLock } from '../../../src/library/paper-files/index';
import { rng } from '../../../src/library/random/index';
import { makeNotebook } from './fixtures';
import { alive, kernelsUnder, sleep, startCli, waitFor, type SeenKernel } from './processes';

// A run never loses or half-writes a result and never leaves a process behind: SIGINT / SIGTERM
// stop the kernel and write what was made, marked interrupted; after a kill -9 the kernel exits by
// itself and the run folder's owner.json says the run was killed. Real CLI processes, real signals.

const STEPS = 6;
/** A notebook of STEPS cells of ~0.6 s, each recording one value; no TF.js, so it starts fast. */
function stepsNotebook(): string {
  return makeNotebook([
    "import { record } from './src/library/results/index';",
    ...Array.from({ length: STEPS }, (_, k) => `await new Promise((r) => setTimeout(r, 600));\nrecord('step${k}', ${k});`),
  ], 'steps.ipynb');
}

/** A toy paper with two seeds whose claim is not met, so a finished run appends to failures.yaml (under its lock). */
function toyPaper(): string {
  const { dir } = scaffoldPaper(mkdtempSync(join(tmpdir(), 'paperlab-signals-')), 'toy2026-signals', { title: 'Signals' });
  const config = join(dir, 'config.yaml');
  writeFileSync(config, readFileSync(config, 'utf8').replace('seeds: [0, 1, 2]', 'seeds: [0, 1]'));
  const metric = loadPaperConfig(dir).claims[0]!.metric;
  const nb = join(dir, 'reproduce.ipynb');
  const text = readFileSync(nb, 'utf8')
    .replace("import { setRootSeed, rng, record, splits, leakage, loadPaperConfig } from './src/index';", "import { setRootSeed, rng } from './src/library/random/index';\\nimport { record } from './src/library/results/index';\\nimport { loadPaperConfig } from './src/library/paper-files/index';")
    .replace(`record('${metric}', Number.NaN);`, `await new Promise((r) => setTimeout(r, 500));\\nrecord('${metric}', 0.5);`);
  assert.ok(text.includes("from './src/library/results/index'") && text.includes(`record('${metric}', 0.5)`), 'the toy notebook was rewritten');
  writeFileSync(nb, text);
  return dir;
}

/** Every run folder under `root` (notebook runs and paper runs with their seed folders). */
function runFolders(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (!e.isDirectory()) continue;
      const path = join(dir, e.name);
      if (existsSync(join(path, OWNER_FILE)) || existsSync(join(path, RESULTS_FILE))) out.push(path);
      walk(path);
    }
  };
  walk(root);
  return out;
}

/** Records in the executed notebook of the first run under `runs`, as the runner saves it after every cell. */
function recordedSoFar(runs: string): number {
  const dir = existsSync(runs) ? readdirSync(runs)[0] : undefined;
  const path = dir ? join(runs, dir, 'steps.ipynb') : '';
  try {
    return path && existsSync(path) ? collectRecords(readNotebook(path)).length : 0;
  } catch {
    return 0; // being rewritten
  }
}

const key = (r: CollectedRecord) => `${r.cell}:${r.name}=${JSON.stringify(r.value)}`;

interface TrialOutcome {
  problems: string[];
}

/**
 * One trial: start the CLI, send `signal` after `delayMs`, then check what the issue asks: no
 * kernel left, no temp folder with a connection key left, every run folder marked (results or an
 * owner whose process is gone), no record of the executed notebook missing from results.json, no lock
 * left that the next run could not take at once.
 */
async function trial(kind: 'execute' | 'run', signal: 'SIGINT' | 'SIGKILL' | 'SIGTERM', delayMs: number, target: string): Promise<TrialOutcome> {
  const root = kind === 'execute' ? dirname(target) : target;
  const cli = startCli(kind === 'execute' ? ['execute', target] : ['run', target]);
  const seen = new Map<number, SeenKernel>();
  const spy = setInterval(() => kernelsUnder(root).forEach((k) => seen.set(k.pid, k)), 100);
  const result = await Promise.race([cli.exit.then((e) => ({ ...e, early: true })), sleep(delayMs).then(() => null)]);
  if (!result) cli.child.kill(signal);
  const exit = result ?? (await cli.exit);
  kernelsUnder(root).forEach((k) => seen.set(k.pid, k));
  clearInterval(spy);
  const problems: string[] = [];
  const say = (what: string) => problems.push(`${kind} ${signal} at ${delayMs} ms: ${what}`);
  // A signal before the CLI installed its handlers (node still loading it) ends the process before
  // anything started: then there must be no kernel and no run folder (checked below and here).
  const diedEarly = exit.signal === signal && signal !== 'SIGKILL';
  if (diedEarly && (seen.size > 0 || runFolders(root).length > 0)) say(`killed by ${signal} after it had started something\n${cli.output()}`);
  if (!result && signal !== 'SIGKILL' && !diedEarly && exit.code !== 130 && exit.code !== 0 && exit.code !== 1) say(`exit ${exit.code} (${exit.signal})\n${cli.output()}`);
  // No orphans: every kernel this trial started is gone within 5 s (the preload polls its parent every 0.5 s).
  const gone = await waitFor(() => [...seen.values()].every((k) => !alive(k.pid)), 5_000);
  if (!gone) {
    const left = [...seen.values()].filter((k) => alive(k.pid));
    say(`kernel(s) still running: ${left.map((k) => k.pid).join(', ')}`);
    left.forEach((k) => process.kill(k.pid, 'SIGKILL'));
  }
  for (const k of seen.values()) if (k.runtimeDir && existsSync(k.runtimeDir)) say(`temp folder with the connection key left: ${k.runtimeDir}`);
  for (const dir of runFolders(root)) {
    const resultsFile = join(dir, RESULTS_FILE);
    if (!existsSync(resultsFile)) {
      if (existsSync(join(dir, 'summary.json'))) continue; // a paper run folder: its seeds are checked one by one
      // Killed before it could write: the owner's process must be gone, and readers must say so.
      const owner = existsSync(join(dir, OWNER_FILE)) ? parseOwner(readFileSync(join(dir, OWNER_FILE), 'utf8')) : undefined;
      if (!owner) say(`${dir}: no results and no owner: an unmarked interrupted run`);
      else if (ownerState(owner) !== 'dead') say(`${dir}: its owner pid ${owner.pid} is still alive`);
      else assert.throws(() => readResults(dir), /skipped, interrupted: its runner/);
      if (signal !== 'SIGKILL' && existsSync(join(dir, 'steps.ipynb'))) say(`${dir}: ${signal} left no results.json`);
      continue;
    }
    const results = readResults(dir);
    if (!results.ok && !results.interrupted && !results.failure) say(`${dir}: not ok, yet neither failed nor interrupted`);
    const notebook = readdirSync(dir).find((f) => f.endsWith('.ipynb'));
    if (notebook) {
      const inNotebook = collectRecords(readNotebook(join(dir, notebook))).map(key);
      const inResults = new Set(results.records.map(key));
      const lost = inNotebook.filter((k) => !inResults.has(k));
      if (lost.length) say(`${dir}: records in the executed notebook missing from results.json: ${lost.join(', ')}`);
    }
  }
  if (kind === 'run') {
    const lock = join(target, `${FAILURES_FILE}.lock`);
    if (existsSync(lock)) {
      const owner = parseOwner(readFileSync(lock, 'utf8'));
      if (owner && ownerState(owner) !== 'dead') say(`failures.yaml.lock held by a live pid ${owner.pid}`);
      try {
        withFileLock(join(target, FAILURES_FILE), () => undefined, { timeoutMs: 1_000 });
      } catch (err) {
        say(`a lock left behind blocks the next run: ${(err as Error).message}`);
      }
    }
  }
  return { problems };
}

test('SIGINT to paperlab execute: exit 130, the kernel stops, results.json keeps the records made and says interrupted', async () => {
  const nb = stepsNotebook();
  const cli = startCli(['execute', nb]);
  // Wait until two steps are recorded, then interrupt.
  const runs = join(dirname(nb), 'runs');
  assert.ok(await waitFor(() => recordedSoFar(runs) >= 2, 60_000), cli.output());
  const kernels = kernelsUnder(dirname(nb));
  assert.equal(kernels.length, 1, 'one kernel runs the notebook');
  cli.child.kill('SIGINT');
  const exit = await cli.exit;
  assert.equal(exit.code, 130, cli.output());
  assert.match(cli.output(), /paperlab: SIGINT: stopping the kernel, keeping what was made/);
  assert.match(cli.output(), /paperlab: INTERRUPTED at cell \d+ \(interrupted by SIGINT; the records made until then are kept\)/);
  assert.ok(await waitFor(() => !alive(kernels[0]!.pid), 3_000), 'the kernel is gone');
  assert.equal(existsSync(kernels[0]!.runtimeDir!), false, 'its temp folder (connection key) is gone');
  const dir = join(runs, readdirSync(runs)[0]!);
  const results = readResults(dir);
  assert.equal(results.ok, false);
  assert.equal(results.interrupted, 'interrupted by SIGINT');
  assert.ok(results.records.length >= 2 && results.records.length < STEPS, `records kept: ${results.records.map((r) => r.name)}`);
  assert.deepEqual(results.records.map((r) => r.name), Array.from({ length: results.records.length }, (_, k) => `step${k}`));
  assert.throws(() => readResults(dir, { interrupted: 'refuse' }), /skipped, interrupted by SIGINT; it holds only the \d+ record\(s\) made until then/);
  const cells = readNotebook(join(dir, 'steps.ipynb')).cells.map((c) => (c.metadata as { paperlab?: { status: string } }).paperlab?.status).filter(Boolean);
  assert.ok(!cells.includes('running') && !cells.includes('pending'), `no cell left running or pending: ${cells}`);
  assert.ok(cells.includes('interrupted'), `the stopped cell says so: ${cells}`);
});

test('kill -9 of paperlab execute: the kernel exits by itself, its temp folder goes, readers say the run was killed', async () => {
  const nb = stepsNotebook();
  const cli = startCli(['execute', nb]);
  const runs = join(dirname(nb), 'runs');
  assert.ok(await waitFor(() => recordedSoFar(runs) >= 1, 60_000), cli.output());
  const [kernel] = kernelsUnder(dirname(nb));
  cli.child.kill('SIGKILL');
  await cli.exit;
  assert.ok(await waitFor(() => !alive(kernel!.pid), 3_000), `kernel ${kernel!.pid} outlived its runner`);
  assert.equal(existsSync(kernel!.runtimeDir!), false);
  const dir = join(runs, readdirSync(runs)[0]!);
  assert.throws(() => readResults(dir), /: skipped, interrupted: its runner \(pid \d+ on .*\) is gone and wrote no results\.json \(killed, or it crashed\)/);
  assert.ok(collectRecords(readNotebook(join(dir, 'steps.ipynb'))).length >= 1, 'the executed notebook keeps what ran');
});

test('SIGTERM to paperlab run: summary.json says interrupted, nothing is logged, report skips the run and says why', async () => {
  const dir = toyPaper();
  const cli = startCli(['run', dir]);
  assert.ok(await waitFor(() => existsSync(join(dir, 'runs')) && readdirSync(join(dir, 'runs')).some((d) => existsSync(join(dir, 'runs', d, 'seed-0', RESULTS_FILE))), 90_000), cli.output());
  cli.child.kill('SIGTERM');
  const exit = await cli.exit;
  assert.equal(exit.code, 143, cli.output());
  const runDir = join(dir, 'runs', readdirSync(join(dir, 'runs'))[0]!);
  const summary = JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8')) as { interrupted?: string };
  assert.equal(summary.interrupted, 'interrupted by SIGTERM');
  assert.equal(readFileSync(join(dir, FAILURES_FILE), 'utf8').includes('claim-not-met'), false, 'an interrupted run logs no failures');
  const skipped: string[] = [];
  assert.equal(latestRun(dir, (d, why) => skipped.push(`${d}: ${why}`)), null);
  assert.deepEqual(skipped, [`${runDir}: interrupted by SIGTERM; its verdicts are partial`]);
});

test('SIGINT to paperlab run --jobs 2 while both kernels run: both stop, each seed and the run are marked interrupted, no process left', async () => {
  const dir = toyPaper();
  const nb = join(dir, 'reproduce.ipynb');
  // Long enough that both kernels are surely mid-cell when the signal comes.
  writeFileSync(nb, readFileSync(nb, 'utf8').replace('setTimeout(r, 500)', 'setTimeout(r, 60000)'));
  const cli = startCli(['run', dir, '--jobs', '2']);
  let seen: SeenKernel[] = [];
  assert.ok(await waitFor(() => (seen = kernelsUnder(dir)).length >= 2, 90_000), `two kernels at once: ${cli.output()}`);
  await sleep(3000); // into the cells
  cli.child.kill('SIGINT');
  const exit = await cli.exit;
  assert.equal(exit.code, 130, cli.output());
  assert.ok(await waitFor(() => seen.every((k) => !alive(k.pid)), 10_000), 'both kernels stopped');
  assert.deepEqual(kernelsUnder(dir), []);
  const runDir = join(dir, 'runs', readdirSync(join(dir, 'runs'))[0]!);
  const summary = JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8')) as { interrupted?: string; runs: Array<{ seed: number; failure: { status: string } | null }> };
  assert.equal(summary.interrupted, 'interrupted by SIGINT');
  assert.deepEqual(summary.runs.map((r) => [r.seed, r.failure?.status]), [[0, 'interrupted'], [1, 'interrupted']]);
  for (const seed of [0, 1]) assert.equal(readResults(join(runDir, `seed-${seed}`, RESULTS_FILE)).interrupted, 'interrupted by SIGINT');
});

// CI soaks 50 trials (.ci/run sets PAPERLAB_SOAK_TRIALS=50); a local `npm test` soaks 10, which
// still covers both signals on both commands, at about a fifth of the time.
const TRIALS = soakTrials(process.env.PAPERLAB_SOAK_TRIALS, 10);

function soakTrials(text: string | undefined, fallback: number): number {
  if (text === undefined || text.trim() === '') return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 2) throw new Error(`PAPERLAB_SOAK_TRIALS: expected a whole number >= 2 (trials of the signal soak), got "${text}"`);
  return n;
}

test(`soak: ${TRIALS} SIGINT / kill -9 at random moments of execute and run: 0 orphans, 0 unmarked runs, 0 lost records, 0 stale locks`, { timeout: 900_000 }, async () => {
  const draw = rng('signal-soak', 1); // seeded: a failing trial replays with the same moment
  const trials = Array.from({ length: TRIALS }, (_, k) => ({
    kind: (k % 5 < 3 ? 'execute' : 'run') as 'execute' | 'run',
    signal: (k % 2 === 0 ? 'SIGINT' : 'SIGKILL') as 'SIGINT' | 'SIGKILL',
    delayMs: Math.round(300 + draw.uniform() * 9_000),
  }));
  const problems: string[] = [];
  // Two at a time, each in its own folder: the machine's two cores, and overlapping runs test the locks too.
  for (let k = 0; k < trials.length; k += 2) {
    const outcomes = await Promise.all(trials.slice(k, k + 2).map((t) => trial(t.kind, t.signal, t.delayMs, t.kind === 'execute' ? stepsNotebook() : toyPaper())));
    outcomes.forEach((o) => problems.push(...o.problems));
  }
  assert.deepEqual(problems, []);
});
