import { basename, join, relative } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { buildRunManifest } from './manifest';
import { SUMMARY_FILE, writeRunSummary, type RunSummary } from './run-summary';
import { checkPaperCode } from '../code-leaks/index';
import { invalid } from '../../library/errors/index';
import { gitState } from '../env/index';
import { executeNotebook, interruption, newRunDir, PROJECT_ROOT, runSeconds, writeResults, writeRunOwner, type CachedFrom, type ExecutionResult } from '../runner/index';
import { notebookKeyBase, partDigests, replayKey, type NotebookKeyBase, type ReplayKey } from './replay-key';
import { ReplayCache } from './replay-cache';
import { appendFailure, loadPaperConfig, FAILURES_FILE, NOTEBOOK_FILE, type FailureEntry, type JsonValue, type NewFailure, type PaperConfig } from '../../library/paper-files/index';
import { ablationPoints, BUILTIN_PARAMETERS, mainPlan, paperDirParam, replayProfile } from './run-plan';
import { failuresFromRun } from './run-failures';
import { poolSize } from './pool-size';
import { LABEL_WIDTH, runDisplay, type RunDisplay } from './run-display';
import { runPool } from './task-pool';
import { judgeClaims, verdictTable, VERDICT_LABELS, type Judgement } from '../verdict/index';

export interface RunPaperOptions {
  /** Seeds to run; default: config.yaml's `seeds`. */
  seeds?: number[];
  /** Parameter values over config.yaml's (names must be declared there). */
  overrides?: Record<string, JsonValue>;
  /** Also run every ablation point (with the same seeds). Baselines always run. Default false. */
  ablations?: boolean;
  /** Per-cell limit (ms). Default: the seed's hard wall limit. */
  cellTimeoutMs?: number;
  /** Append failures (failed cells, NaNs, claims not met) to the paper's failures.yaml. Default true. */
  logFailures?: boolean;
  /**
   * Run config.yaml's `replay` profile (its seeds and small parameters, main runs only, no
   * baselines): the CI replay checked against accepted.replay.json. `seeds`/`overrides` still win.
   */
  replay?: boolean;
  /**
   * Replays at once (`--jobs`); default: the cores divided by the native threads each kernel uses
   * (pool-size.ts). Results are those of a sequential run; only their order of finishing differs.
   */
  jobs?: number;
  /** Folder under which `runs/<stamp>` is made; default the paper's folder. */
  runsParent?: string;
  /**
   * Reuse a stored replay whose key (replay-key.ts: code, files, config, parameters, seed,
   * environment, compute path) equals this one's, and store successful replays. Default false
   * here; the CLI turns it on (`--no-cache` off).
   */
  cache?: boolean;
  /** The replay cache's folder; default replay-cache.ts `defaultCacheDir()`. */
  cacheDir?: string;
  log?: (line: string) => void;
}

/** One notebook replay: the main run of a seed, or an ablation point's. */
export interface NotebookRun {
  seed: number;
  ablation?: { ablation: string; name: string };
  ok: boolean;
  dir: string;
  resultsPath: string;
  execution: ExecutionResult;
  /** The replay's key (replay-key.ts); absent when it could not be computed. */
  key?: string;
  /** Set when the results were copied from the replay cache: which replay made them. */
  cachedFrom?: CachedFrom;
}

export interface PaperRun {
  paperId: string;
  paperDir: string;
  runDir: string;
  /** `replay` for the CI profile, `full` otherwise. */
  profile: 'full' | 'replay';
  startedAt: string;
  endedAt: string;
  runs: NotebookRun[];
  /** Every claim judged on the main runs (ablations never decide a claim). */
  judgements: Judgement[];
  verdictMarkdown: string;
  failuresLogged: FailureEntry[];
  /** Set when failures.yaml could not take every entry (e.g. its lock held): why, as one sentence. */
  failuresError?: string;
  /** The entries that were not written to failures.yaml (kept in summary.json instead). */
  failuresNotLogged?: NewFailure[];
  /** Replays at once, and the native threads each kernel had (null on the wasm/JS path). */
  pool: { jobs: number; threads: number | null };
  /** Set when the whole-run budget stopped later replays from starting. */
  overBudget?: string;
  /** Set when a signal stopped the run (`interrupted by SIGINT`): the replays are those made until then. */
  interrupted?: string;
  /** What the static leakage check of the paper's code found as the run started (for the report's model-info sheet); a collected sweep has none. */
  codeLeaks?: NonNullable<RunSummary['codeLeaks']>;
}

/** Headroom over a seed's declared wall budget before the kernel is killed from outside: the
 * training loop stops itself cleanly at the budget; this kill is the backstop for a cell that hangs. */
const HARD_LIMIT_FACTOR = 1.25;
const HARD_LIMIT_SLACK_S = 30;

/** A replay's hard wall limit (s): budget.maxWallSeconds × 1.25 + 30 s, after which its kernel is killed. */
export function hardLimitSeconds(config: Pick<PaperConfig, 'budget'>): number {
  return config.budget.maxWallSeconds * HARD_LIMIT_FACTOR + HARD_LIMIT_SLACK_S;
}

/**
 * `paperlab run papers/<id>`: replays the paper's notebook once per seed (and per ablation point
 * when asked) on a fresh kernel each, into a new run folder `papers/<id>/runs/<stamp>/`, judges
 * every claim over the seeds, writes `summary.json`, then logs what failed to failures.yaml (and
 * records in summary.json what was logged, or why not: `failuresError`). Nothing of an earlier run
 * is overwritten.
 */
export async function runPaper(paperDir: string, options: RunPaperOptions = {}): Promise<PaperRun> {
  const log = options.log ?? (() => undefined);
  const config = loadPaperConfig(paperDir);
  const startedAt = new Date();
  const profile = options.replay ? replayProfile(config) : undefined;
  if (profile && options.ablations) throw invalid('--replay with --ablations', 'one of the two', 'both', 'the replay profile runs the main seeds only, at its small size');
  const runDir = newRunDir(options.runsParent ?? paperDir, startedAt, profile ? 'replay' : undefined); // created, ours alone
  writeRunOwner(runDir); // first: a run killed from here on is still recognised as interrupted
  // The code as it was when the replays started: the report's model-info sheet says what this check found.
  const codeLeaks = paperCodeLeaks(paperDir);
  const { seeds, overrides, replays } = mainPlan(paperDir, config, { profile, seeds: options.seeds, overrides: options.overrides });
  // The replay profile is for regression checks: main runs only; ablations only when asked.
  const withPoint = (ablation: string) => options.ablations || (!profile && kindOf(config, ablation) === 'baseline');
  const plan = [
    ...replays,
    ...ablationPoints(config).filter((point) => withPoint(point.ablation)).flatMap((point) =>
      seeds.map((seed) => ({ seed, ablation: { ablation: point.ablation, name: point.name }, parameters: { ...point.parameters, ...paperDirParam(paperDir, config), seed } })),
    ),
  ];
  log(`paperlab: ${config.paper.id}: ${plan.length} replay(s) of ${NOTEBOOK_FILE} into ${runDir}`);
  const pool = poolSize({ tasks: plan.length, requested: options.jobs, peakMemoryMB: config.budget.maxPeakMemoryMB });
  log(pool.line);
  const display = runDisplay(plan.length, pool.jobs, log);
  const finished: NotebookRun[] = []; // in the order they ended, for the compute-path check
  let overBudget: string | undefined;
  // Each replay has its own kernel, folder and limits: one that fails or hangs (killed at its hard
  // limit) ends alone while the others go on.
  const pooled = await runPool(plan, pool.jobs, async (item) => {
    const run = await replay(paperDir, config, runDir, item, options, { env: pool.env, display });
    warnOnPathChange(finished, run, display.log);
    finished.push(run);
    return run;
  }, () => {
    const stopped = interruption();
    if (stopped) return stopped;
    const spentS = (Date.now() - startedAt.getTime()) / 1000;
    if (config.budget.maxTotalWallSeconds !== undefined && spentS >= config.budget.maxTotalWallSeconds) {
      overBudget = `whole-run budget of ${config.budget.maxTotalWallSeconds} s spent after ${finished.length} of ${plan.length} replays`;
    }
    return overBudget;
  }).finally(() => display.close());
  const runs = pooled.results.filter((r): r is NotebookRun => r !== undefined);
  if (overBudget) log(`paperlab: stopping: ${overBudget}`);
  const interrupted = interruption();
  if (interrupted) log(`paperlab: ${interrupted}: ${runs.filter((r) => !r.execution.interrupted).length} of ${plan.length} replays finished; the run is marked interrupted`);
  const main = runs.filter((r) => !r.ablation);
  const judgements = judgeClaims(config.claims, main.map((r) => ({ records: r.execution.records })));
  // Unmet claims are logged only from the paper's own seeds at full size: a replay's toy size or a
  // `--seeds` subset (e.g. beside ablations) judges less, and would only repeat known verdicts.
  const judgedAsDeclared = !profile && sameSeeds(seeds, config.seeds);
  if (!judgedAsDeclared && !profile && options.logFailures !== false) log(`paperlab: claims judged on seeds ${seeds.join(',')}, not config.yaml's ${config.seeds.join(',')}: verdicts are not logged as failures`);
  const result: PaperRun = {
    paperId: config.paper.id,
    paperDir,
    runDir,
    profile: profile ? 'replay' : 'full',
    startedAt: startedAt.toISOString(),
    endedAt: new Date().toISOString(),
    runs,
    judgements,
    verdictMarkdown: verdictTable(judgements).markdown,
    failuresLogged: [],
    pool: { jobs: pool.jobs, threads: pool.threads },
    codeLeaks,
    ...(overBudget ? { overBudget } : {}),
    ...(interrupted ? { interrupted } : {}),
  };
  // The finished run is on disk before the failure log is touched: a log that cannot be written
  // (held lock, broken file) can cost the log entries, never the verdict.
  writeSummary(result);
  // An interrupted run logs nothing: what it judged is partial, and the stop was a person's, not a failure.
  if (options.logFailures !== false && !interrupted) {
    const entries = failureEntries(config, runs, judgedAsDeclared ? judgements : [], runDir, { ...config.parameters, ...overrides }, overBudget);
    const logged = appendAll(join(paperDir, FAILURES_FILE), entries);
    result.failuresLogged = logged.written;
    if (logged.error) {
      result.failuresError = logged.error;
      result.failuresNotLogged = logged.notWritten;
    }
    if (entries.length > 0) writeSummary(result);
  }
  return result;
}

/**
 * Appends entries in order and stops at the first that cannot be written (the log's lock held,
 * an invalid log): what was written, what was not, and why.
 */
export function appendAll(file: string, entries: NewFailure[]): { written: FailureEntry[]; notWritten: NewFailure[]; error?: string } {
  const written: FailureEntry[] = [];
  for (const [k, entry] of entries.entries()) {
    try {
      written.push(appendFailure(file, entry));
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      const notWritten = entries.slice(k);
      return { written, notWritten, error: `${FAILURES_FILE}: ${notWritten.length} of ${entries.length} entries not written: ${why}; they are kept in the run's ${SUMMARY_FILE} (failuresNotLogged)` };
    }
  }
  return { written, notWritten: [] };
}

/** The same seeds, in any order. */
export function sameSeeds(a: readonly number[], b: readonly number[]): boolean {
  const sorted = (seeds: readonly number[]) => [...seeds].sort((x, y) => x - y);
  const other = sorted(b);
  return a.length === b.length && sorted(a).every((s, i) => s === other[i]);
}

/** Baselines run with every `paperlab run`; other ablations only when asked. */
export function kindOf(config: PaperConfig, ablation: string): 'baseline' | 'ablation' {
  return config.ablations.find((a) => a.name === ablation)?.kind ?? 'ablation';
}

/** The folder name of a replay inside its run folder: `seed-3`, `ablation-<ablation>-<point>-seed-3`. */
export function replayLabel(item: { seed: number; ablation?: { ablation: string; name: string } }): string {
  return item.ablation ? `ablation-${slug(item.ablation.ablation)}-${slug(item.ablation.name)}-seed-${item.seed}` : `seed-${item.seed}`;
}

/**
 * One replay into `<runDir>/<replayLabel(item)>`: from the replay cache when its key is stored there
 * (and `options.cache`), else on a fresh kernel with the paper's limits; results.json written
 * atomically, a clean replay stored in the cache. Shared by `paperlab run` and sweep tasks, so a
 * sweep's seed folder is the one a run makes.
 */
export async function replay(
  paperDir: string, config: PaperConfig, runDir: string,
  item: { seed: number; ablation?: { ablation: string; name: string }; parameters: Record<string, JsonValue> },
  options: Pick<RunPaperOptions, 'cache' | 'cacheDir' | 'cellTimeoutMs'>, pool: { env: Record<string, string>; display: RunDisplay },
): Promise<NotebookRun> {
  const label = replayLabel(item);
  const dir = join(runDir, label);
  const input = join(paperDir, NOTEBOOK_FILE);
  const key = keyOf(paperDir, config, item, (line) => pool.display.log(line));
  const cache = options.cache && key ? new ReplayCache(options.cacheDir) : undefined;
  const hit = cache && key ? cache.restore(key.key, dir, input) : undefined;
  if (hit) {
    pool.display.log(`  ${label.padEnd(LABEL_WIDTH)} cached  (key ${key!.key.slice(0, 8)}, from runs/${basename(hit.cachedFrom.run)})`);
    return { seed: item.seed, ablation: item.ablation, ok: true, dir, resultsPath: hit.resultsPath, execution: hit.execution, key: key!.key, cachedFrom: hit.cachedFrom };
  }
  const hardLimitMs = hardLimitSeconds(config) * 1000;
  pool.display.started(label, item.ablation ? `${item.ablation.ablation}/${item.ablation.name}` : 'main');
  const execution = await executeNotebook({
    input,
    outputDir: dir,
    parameters: item.parameters,
    undeclaredParameters: BUILTIN_PARAMETERS,
    timeoutMs: hardLimitMs,
    cellTimeoutMs: options.cellTimeoutMs ?? hardLimitMs,
    warn: (line) => pool.display.log(`  ${label}: ${line}`),
    limits: config.budget, // maxPeakMemoryMB, maxSteps, maxEpochs held from outside the kernel
    env: pool.env,
    onCell: (cell) => pool.display.cell(label, cell),
  });
  const resultsPath = writeResults(execution, { ...buildRunManifest(execution), ...(item.ablation ? { ablation: item.ablation } : {}), ...(key ? { replayKey: key.key, replayParts: partDigests(key.parts) } : {}) });
  const secs = runSeconds(execution);
  const timing = execution.ok ? { wallSeconds: secs, cellSeconds: execution.cells.map((c) => c.duration_s ?? 0) } : undefined;
  pool.display.finished(label, `  ${label.padEnd(LABEL_WIDTH)} ${execution.ok ? 'ok    ' : 'FAILED'} ${secs.toFixed(1)} s${failureNote(execution.failure)}`, timing);
  // Only a whole, clean replay is worth reusing: a failed, interrupted or over-budget one is not a result of its key alone.
  const clean = execution.ok && !execution.interrupted && budgetStops(execution.records).length === 0 && secs <= config.budget.maxWallSeconds;
  if (cache && key && clean) {
    try {
      cache.store(key, execution, runDir);
    } catch (err) {
      pool.display.log(`  ${label}: not stored in the replay cache ${cache.dir}: ${(err as Error).message}`);
    }
  }
  return { seed: item.seed, ablation: item.ablation, ok: execution.ok, dir, resultsPath, execution, ...(key ? { key: key.key } : {}) };
}

// The notebook's part of the key is built once per run (a TypeScript program over the project):
// `config` is loaded once per runPaper call, so it identifies the run.
const keyBases = new WeakMap<PaperConfig, NotebookKeyBase | null>();

/** The replay's key; undefined (said once) when it cannot be computed: the run goes on uncached. */
function keyOf(paperDir: string, config: PaperConfig, item: { seed: number; ablation?: { ablation: string; name: string }; parameters: Record<string, JsonValue> }, log: (line: string) => void): ReplayKey | undefined {
  if (!keyBases.has(config)) {
    try {
      keyBases.set(config, notebookKeyBase(join(paperDir, NOTEBOOK_FILE), paperDir));
    } catch (err) {
      log(`paperlab: no replay key (${(err as Error).message}): replays are neither looked up in nor stored to the cache`);
      keyBases.set(config, null);
    }
  }
  const base = keyBases.get(config);
  return base ? replayKey(base, item) : undefined;
}

/**
 * The compute path a replay's records name ('native OpenBLAS 0.3.21 Haswell, 2 threads' or
 * 'fallback'), undefined when it recorded nothing.
 */
export function replayComputePath(execution: Pick<ExecutionResult, 'records'>): string | undefined {
  const named = execution.records.find((r) => r.native !== undefined);
  if (!named) return undefined;
  return named.native ? `native ${named.native.blas}, ${named.native.threads} thread${named.native.threads === 1 ? '' : 's'}` : 'fallback';
}

// Seeds of one run on different compute paths (the addon rebuilt, or found stale, mid-run) are not
// comparable bit for bit and cannot be accepted together: say so where it happens, not at accept time.
function warnOnPathChange(earlier: readonly NotebookRun[], run: NotebookRun, log: (line: string) => void): void {
  const path = replayComputePath(run.execution);
  const first = earlier.map((r) => ({ label: basename(r.dir), path: replayComputePath(r.execution) })).find((r) => r.path !== undefined);
  if (path === undefined || first === undefined || first.path === path) return;
  log(`  ${basename(run.dir)}: ran on the ${path} compute path, ${first.label} on the ${first.path} one: this run mixes compute paths ` +
    `(their numbers differ in the last digits, and the run cannot be accepted); the replay's own 'paperlab: native compute' line, in its notebook's outputs, says why`);
}

function failureNote(f: ExecutionResult['failure']): string {
  if (!f) return '';
  return f.status === 'kernel-start' ? `  ${f.detail}` : `  cell ${f.cell}: ${f.detail}`;
}


/** Every failure-log entry a run's replays and verdicts call for (failed cells, NaNs, budget overruns, unmet claims). */
export function failureEntries(
  config: PaperConfig, runs: NotebookRun[], judgements: Judgement[], runDir: string,
  parameters: Record<string, JsonValue>, overBudget?: string,
): NewFailure[] {
  const commit = commitLabel();
  const entries = runs.flatMap((r) => [...failuresFromRun(r.execution, commit, r.dir), ...budgetFailures(r, commit), ...wallFailures(r, config, commit)]);
  // Whole-run findings belong to no single seed or cell.
  const base = { commit, where: {}, parameters, run: runDir };
  for (const j of judgements) {
    if (j.verdict === 'reproduced') continue;
    entries.push({ ...base, kind: 'claim-not-met', claim: j.claimId, symptom: `${VERDICT_LABELS[j.verdict]}: ${j.reason}` });
  }
  if (overBudget) entries.push({ ...base, kind: 'over-budget', symptom: overBudget });
  return entries;
}

/**
 * Each train() call that stopped at a limit: train() records `budget` ({ declared, used, over })
 * and a non-empty `over` names the limits it hit.
 */
export function budgetStops(records: ExecutionResult['records']): Array<{ cell: number; cellId: string; over: string[] }> {
  return records.flatMap((rec) => {
    const over = rec.name === 'budget' ? (rec.value as { over?: unknown } | null)?.over : undefined;
    return Array.isArray(over) && over.length > 0 ? [{ cell: rec.cell, cellId: rec.cellId, over: over.map(String) }] : [];
  });
}

function budgetFailures(r: NotebookRun, commit: string): NewFailure[] {
  return budgetStops(r.execution.records).map((stop) => ({
    commit,
    seed: r.seed,
    kind: 'over-budget' as const,
    where: { cell: stop.cell, cellId: stop.cellId },
    parameters: r.execution.parameters as Record<string, JsonValue>,
    symptom: `training stopped at its budget (${stop.over.join(', ')}); results are marked over budget`,
    run: r.dir,
  }));
}

/** A replay that finished past its declared wall budget (but before the hard kill) is over budget too. */
export function wallFailures(r: NotebookRun, config: PaperConfig, commit: string): NewFailure[] {
  const seconds = runSeconds(r.execution);
  if (!r.ok || seconds <= config.budget.maxWallSeconds) return [];
  return [{
    commit,
    seed: r.seed,
    kind: 'over-budget',
    where: {},
    parameters: r.execution.parameters as Record<string, JsonValue>,
    symptom: `the replay took ${seconds.toFixed(1)} s, over budget.maxWallSeconds = ${config.budget.maxWallSeconds} s`,
    run: r.dir,
  }];
}

/** The static leakage check of the paper folder (what the preflight prints), files named relative to the folder. */
export function paperCodeLeaks(paperDir: string): NonNullable<PaperRun['codeLeaks']> {
  const check = checkPaperCode(paperDir);
  const local = (file: string) => relative(paperDir, file) || file;
  return {
    findings: check.findings.map((f) => ({ ...f, file: local(f.file) })),
    skipped: check.skipped.map((s) => ({ ...s, file: local(s.file) })),
  };
}

/** The commit failure entries name: HEAD, `-dirty` when the tree has changes, or `unknown`. */
export function commitLabel(): string {
  const git = gitState(PROJECT_ROOT);
  return git.commit ? `${git.commit}${git.dirty ? '-dirty' : ''}` : 'unknown';
}

/** Writes a finished run's summary.json (atomically), per-replay seconds and failures instead of whole executions. */
export function writeSummary(run: PaperRun, extra: Record<string, unknown> = {}): void {
  writeRunSummary(run.runDir, {
    ...run,
    ...extra,
    runs: run.runs.map(({ execution, ...r }) => ({
      ...r,
      seconds: runSeconds(execution),
      failure: execution.failure ?? null,
    })),
  });
}

function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60) || basename(text);
}
