import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadPaperConfig, readFailureLog } from '../../../src/library/paper-files/index';
import { scaffoldPaper } from '../../../src/harness/scaffold/index';
import { renderPaperHtml } from '../../../src/harness/report/index';
import { latestRun, reportFromRun, runPaper } from '../../../src/harness/reproduce/index';
import { PROJECT_JUPYTER_PATH } from '../../../src/harness/runner/index';
import { NATIVE_ENV_VAR } from '../../../src/library/native/index';
import { nativeOrSkip } from '../../library/kernels/native-path';

// A scaffolded paper, replayed for real (tslab kernel per seed), judged and logged.

function scaffold(): { dir: string; metric: string; paperValue: number } {
  const { dir } = scaffoldPaper(mkdtempSync(join(tmpdir(), 'paperlab-run-')), 'toy2026-claim', { title: 'A toy claim' });
  const claim = loadPaperConfig(dir).claims[0]!;
  return { dir, metric: claim.metric, paperValue: claim.paperValue };
}

/** Replaces the scaffold's placeholder measurement (NaN) with `expression`. */
function measure(dir: string, metric: string, expression: string): void {
  const path = join(dir, 'reproduce.ipynb');
  const text = readFileSync(path, 'utf8').replace(`record('${metric}', Number.NaN);`, `record('${metric}', ${expression});`);
  assert.match(text, new RegExp(`record\\('${metric}', ${expression.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)`));
  writeFileSync(path, text);
}

test('a claim measured identically on every seed is reproduced; the run folder holds each seed and a summary', async () => {
  const { dir, metric, paperValue } = scaffold();
  // The measuring cell also draws a figure, which the report carries over from the first seed.
  const drawn = "(require('./src/index').plot({ data: [{ type: 'scatter', x: [1, 2], y: [seed, 3] }], layout: { title: { text: 'drawn in the notebook' } } }), ";
  measure(dir, metric, `${drawn}${paperValue})`);
  const run = await runPaper(dir, { seeds: [1, 2] });
  assert.deepEqual(run.runs.map((r) => [r.seed, r.ok]), [[1, true], [2, true]]);
  assert.equal(run.judgements[0]!.verdict, 'reproduced', run.judgements[0]!.reason);
  assert.ok(existsSync(join(run.runDir, 'seed-1', 'results.json')) && existsSync(join(run.runDir, 'seed-2', 'reproduce.ipynb')));
  const summary = JSON.parse(readFileSync(join(run.runDir, 'summary.json'), 'utf8'));
  assert.equal(summary.judgements[0].verdict, 'reproduced');
  assert.deepEqual(run.failuresLogged, []);
  const report = reportFromRun(dir, run.runDir);
  assert.deepEqual(report.claims.map((c) => [c.verdict, c.ours.n, c.provenance.map((p) => p.seed)]), [['reproduced', 2, [1, 2]]]);
  assert.deepEqual(report.budget[0]!.usedPerSeed.map((u) => u.seed), [1, 2]);
  const notebookFigure = report.figures.find((f) => f.caption.startsWith('drawn in the notebook'));
  assert.ok(notebookFigure, report.figures.map((f) => f.caption).join('\n'));
  assert.match(notebookFigure.caption, /\(seed 1, cell \d+\)/);
  assert.deepEqual(notebookFigure.figure.data[0]!.y, [1, 3], 'the figure of seed 1, as data');
  assert.match(renderPaperHtml(report), /reproduced/);
  const again = await runPaper(dir, { seeds: [1] });
  assert.notEqual(again.runDir, run.runDir, 'an earlier run is never overwritten');
  assert.equal(latestRun(dir), again.runDir);
});

test('baselines run with every run, ablations only when asked; the report tables baselines first and shows accepted leakage', async () => {
  const { dir, metric } = scaffold();
  measure(dir, metric, 'steps / 100');
  const configPath = join(dir, 'config.yaml');
  const config = readFileSync(configPath, 'utf8')
    .replace('ablations: []', 'ablations:\n  - name: longer\n    grid: { steps: [300] }\n  - name: short\n    kind: baseline\n    variants:\n      - { name: few-steps, parameters: { steps: 50 } }')
    .replace('accept: []', 'accept:\n  - { rule: L1.4, reason: "augmented copies are expected in both parts" }');
  writeFileSync(configPath, config);
  const plain = await runPaper(dir, { seeds: [1] });
  assert.deepEqual(plain.runs.map((r) => r.ablation?.name ?? 'main'), ['main', 'few-steps']);
  const all = await runPaper(dir, { seeds: [1], ablations: true });
  assert.deepEqual(all.runs.map((r) => r.ablation?.name ?? 'main'), ['main', 'steps=300', 'few-steps']);
  const report = reportFromRun(dir, all.runDir);
  assert.deepEqual(report.tables.map((t) => [t.kind, t.title, t.rows.map((r) => r.metrics[metric]!.mean)]), [
    ['baseline', 'short', [0.5]],
    ['ablation', 'longer', [3]],
  ]);
  assert.match(renderPaperHtml(report), /L1\.4<\/span>: augmented copies are expected in both parts/);
});

test('training that stops at its budget is logged as over-budget and the report sets its use beside the limit', async () => {
  const { dir, metric } = scaffold();
  const code = [
    "import * as tf from '@tensorflow/tfjs';",
    "import { train, models } from './src/index';",
    "const net = models.mlp({ widths: [2, 4, 1], activation: 'relu' });",
    "const xs = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);",
    "const ys = tf.tensor2d([[0], [1], [1], [0]]);",
    "const fit = await train({ model: net, loss: (p, t) => tf.losses.meanSquaredError(t, p) as tf.Scalar, optimizer: tf.train.adam(0.01),",
    "  data: { x: xs, y: ys }, batchSize: 'full', steps: 20, budget: { maxSteps: 5 }, progress: false });",
    `record('${metric}', fit.history.length);`,
  ].join('\\n');
  const path = join(dir, 'reproduce.ipynb');
  const nb = JSON.parse(readFileSync(path, 'utf8')) as { cells: Array<{ id: string; source: string | string[] }> };
  nb.cells.find((c) => c.id === 'main')!.source = code.split('\\n').join('\n');
  writeFileSync(path, JSON.stringify(nb));
  const run = await runPaper(dir, { seeds: [5] });
  assert.equal(run.runs[0]!.ok, true, run.runs[0]!.execution.failure?.errorText);
  const over = readFailureLog(join(dir, 'failures.yaml')).filter((e) => e.kind === 'over-budget');
  assert.equal(over.length, 1);
  assert.match(over[0]!.symptom, /stopped at its budget \(maxSteps\)/);
  assert.equal(over[0]!.seed, 5);
  const steps = reportFromRun(dir, run.runDir).budget.find((b) => b.resource === 'training steps')!;
  assert.deepEqual([steps.declared, steps.usedPerSeed.map((u) => u.used), steps.over], [5, [5], false]);
});

test('an unmeasured claim (NaN) is judged not measured and both findings go to failures.yaml; a seed subset logs no verdict', async () => {
  const { dir } = scaffold();
  const configPath = join(dir, 'config.yaml');
  writeFileSync(configPath, readFileSync(configPath, 'utf8').replace(/^seeds: \[0, 1, 2\]/m, 'seeds: [3, 4]'));
  const run = await runPaper(dir);
  assert.deepEqual(run.runs.map((r) => [r.seed, r.ok]), [[3, true], [4, true]]);
  assert.equal(run.judgements[0]!.verdict, 'not-measured');
  const log = readFailureLog(join(dir, 'failures.yaml'));
  assert.deepEqual(log.map((e) => e.kind).sort(), ['claim-not-met', 'nan', 'nan']);
  assert.deepEqual(log.filter((e) => e.kind === 'nan').map((e) => e.seed).sort(), [3, 4]);
  assert.match(log.find((e) => e.kind === 'claim-not-met')!.symptom, /not measured/);
  const lines: string[] = [];
  const subset = await runPaper(dir, { seeds: [4], log: (line) => lines.push(line) });
  assert.equal(subset.judgements[0]!.verdict, 'not-measured');
  assert.deepEqual(subset.failuresLogged.map((e) => e.kind), ['nan'], 'what broke is logged; the one-seed verdict is not');
  assert.ok(lines.some((l) => /claims judged on seeds 4, not config\.yaml's 3,4/.test(l)), lines.join('\n'));
});

/** A failures.yaml.lock as a crashed run leaves it: naming a real process that was killed with SIGKILL. */
async function leaveCrashedLock(dir: string): Promise<number> {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  await new Promise((r) => child.once('spawn', r));
  const gone = new Promise((r) => child.once('exit', r));
  process.kill(child.pid!, 'SIGKILL');
  await gone;
  writeFileSync(join(dir, 'failures.yaml.lock'), JSON.stringify({ pid: child.pid, host: hostname(), start: new Date().toISOString() }));
  return child.pid!;
}

test('a failures.yaml.lock left by a crashed run (its pid dead) does not stop the next run: failures logged, summary written', async () => {
  const { dir } = scaffold();
  await leaveCrashedLock(dir);
  const run = await runPaper(dir, { seeds: [1] });
  assert.equal(run.failuresError, undefined);
  assert.deepEqual(run.failuresLogged.map((e) => e.kind), ['nan']);
  assert.deepEqual(readFailureLog(join(dir, 'failures.yaml')).map((e) => e.kind), ['nan']);
  assert.equal(existsSync(join(dir, 'failures.yaml.lock')), false);
  const summary = JSON.parse(readFileSync(join(run.runDir, 'summary.json'), 'utf8'));
  assert.deepEqual(summary.failuresLogged.map((e: { id: string }) => e.id), ['F1']);
});

test('a failure log that cannot be written never discards the finished run: summary.json is kept and the run says why', async () => {
  const { dir } = scaffold();
  // Held by a live process on this host (a run still writing, say): respected however long it takes.
  const holder = spawn('sleep', ['300'], { stdio: 'ignore' });
  await new Promise((r) => holder.once('spawn', r));
  writeFileSync(join(dir, 'failures.yaml.lock'), JSON.stringify({ pid: holder.pid, host: hostname(), start: new Date().toISOString() }));
  const run = await runPaper(dir, { seeds: [1] }).finally(() => process.kill(holder.pid!, 'SIGKILL'));
  assert.deepEqual(run.runs.map((r) => r.ok), [true]);
  assert.deepEqual(run.failuresLogged, []);
  assert.match(run.failuresError ?? '', new RegExp(`^failures\\.yaml: 1 of 1 entries not written: .*failures\\.yaml\\.lock: expected to take the lock within 10 s, got it held by pid ${holder.pid} on this host`));
  const summary = JSON.parse(readFileSync(join(run.runDir, 'summary.json'), 'utf8'));
  assert.equal(summary.judgements[0].verdict, 'not-measured', 'the verdict is on disk');
  assert.equal(summary.failuresError, run.failuresError);
  assert.deepEqual(summary.failuresNotLogged.map((e: { kind: string }) => e.kind), ['nan'], 'what was not logged is kept in the summary');
  assert.deepEqual(readFailureLog(join(dir, 'failures.yaml')), []);
});

test('a seed whose kernel cannot start is logged as a failure and the other seeds still run', async () => {
  const { dir, metric } = scaffold();
  measure(dir, metric, 'seed / 10');
  // A test-only kernel (temp JUPYTER_PATH) that refuses to start for seed 2's run folder only.
  const jupyterDir = mkdtempSync(join(tmpdir(), 'paperlab-specs-'));
  const spec = join(jupyterDir, 'kernels', 'no-seed-2');
  mkdirSync(spec, { recursive: true });
  writeFileSync(join(spec, 'kernel.json'), JSON.stringify({ argv: ['bash', '{resource_dir}/launch.sh', '{connection_file}'], display_name: 'no seed 2', language: 'typescript' }));
  const real = join(PROJECT_JUPYTER_PATH, 'kernels', 'paperlab', 'launch.sh');
  writeFileSync(join(spec, 'launch.sh'), `[[ "$PAPERLAB_RUN_DIR" == */seed-2 ]] && { echo "planted: no kernel for seed 2" >&2; exit 9; }\nexec bash ${JSON.stringify(real)} "$1"\n`);
  const notebook = join(dir, 'reproduce.ipynb');
  const nb = JSON.parse(readFileSync(notebook, 'utf8')) as { metadata: { kernelspec: { name: string } } };
  nb.metadata.kernelspec.name = 'no-seed-2';
  writeFileSync(notebook, JSON.stringify(nb));
  const saved = process.env.JUPYTER_PATH;
  process.env.JUPYTER_PATH = jupyterDir;
  try {
    const run = await runPaper(dir, { seeds: [1, 2, 3] });
    assert.deepEqual(run.runs.map((r) => [r.seed, r.ok]), [[1, true], [2, false], [3, true]]);
    const failed = readFailureLog(join(dir, 'failures.yaml')).filter((e) => e.kind === 'kernel-start');
    assert.equal(failed.length, 1);
    assert.equal(failed[0]!.seed, 2);
    assert.deepEqual(failed[0]!.where, {});
    assert.match(failed[0]!.symptom, /^the kernel did not start: 3 start attempts failed: attempt 1: the kernel exited during start-up \(exit code 9\);.*\nplanted: no kernel for seed 2$/s);
    assert.equal(JSON.parse(readFileSync(join(run.runDir, 'summary.json'), 'utf8')).runs[1].failure.status, 'kernel-start');
  } finally {
    if (saved === undefined) delete process.env.JUPYTER_PATH;
    else process.env.JUPYTER_PATH = saved;
  }
});

test('a run whose replays end up on two compute paths says so at the replay that changed', async (t) => {
  if (!nativeOrSkip(t)) return;
  const { dir, metric, paperValue } = scaffold();
  measure(dir, metric, String(paperValue));
  const lines: string[] = [];
  const before = process.env[NATIVE_ENV_VAR];
  try {
    // As when the addon is rebuilt or found stale mid-run: the next kernel starts on the fallback.
    const run = await runPaper(dir, {
      seeds: [1, 2],
      log: (line) => {
        lines.push(line);
        if (/^ {2}seed-1 +ok/.test(line)) process.env[NATIVE_ENV_VAR] = 'off';
      },
    });
    assert.deepEqual(run.runs.map((r) => r.ok), [true, true]);
  } finally {
    if (before === undefined) delete process.env[NATIVE_ENV_VAR];
    else process.env[NATIVE_ENV_VAR] = before;
  }
  const warnings = lines.filter((l) => /mixes compute paths/.test(l));
  assert.equal(warnings.length, 1, lines.join('\n'));
  assert.match(warnings[0]!, /^ {2}seed-2: ran on the fallback compute path, seed-1 on the native OpenBLAS [^,]+, \d+ threads? one: this run mixes compute paths/);
});
