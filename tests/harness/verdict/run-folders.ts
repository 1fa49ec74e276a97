// Run folders for diff tests, written by the runner's and the run's own writers (writeResults,
// writeSummary, newRunDir), so they cannot drift from what `paperlab run` and a sweep leave.
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { BudgetTracker, budgetReport } from '../../../src/library/budget/index';
import type { PaperConfig } from '../../../src/library/paper-files/index';
import { wallFailures, writeSummary, type NotebookRun, type PaperRun } from '../../../src/harness/reproduce/index';
import { newRunDir, writeResults, type CellFailure, type ExecutionResult } from '../../../src/harness/runner/index';
import { judgeClaims, type Claim } from '../../../src/harness/verdict/index';

/** One replay to write: its values (record name → value) and how it ended. */
export interface ReplaySpec {
  seed: number;
  values: Record<string, unknown>;
  /** The ablation point it replays; main seed when absent. */
  ablation?: { ablation: string; name: string };
  /** A failed cell's status (`error`, `timeout`, …): the replay failed there. */
  failedAs?: CellFailure['status'];
  interrupted?: string;
  /** Steps a train() call took against a limit of maxSteps (a `budget` record); stopped at it when steps >= maxSteps. */
  budget?: { steps: number; maxSteps: number; flopsPerExample?: number };
  /** Seconds the replay ran (default 1). */
  seconds?: number;
  /** The native path its records name (default null: the wasm/JS fallback). */
  native?: { blas: string; threads: number } | null;
  /** The tfjs backend its records name (default `cpu`). */
  backend?: string | null;
  /** Manifest fields beside seed, duration and memory (a real `runManifest()`, a commit of its own). */
  manifest?: Record<string, unknown>;
}

const START = Date.parse('2026-12-03T05:54:22.000Z');

/** A budget report as train() records it, from a real tracker that took `steps` steps. */
function budgetValue(steps: number, maxSteps: number, flopsPerExample = 0): unknown {
  const tracker = new BudgetTracker({ maxSteps }, { flopsPerExample });
  for (let k = 0; k < steps; k++) tracker.step(10);
  tracker.check(10);
  return budgetReport(tracker);
}

/** Writes `<runDir>/<label>/results.json` with the runner's writer and returns the replay. */
export function writeReplay(runDir: string, label: string, spec: ReplaySpec): NotebookRun {
  const dir = join(runDir, label);
  mkdirSync(dir, { recursive: true });
  const values = spec.budget ? { ...spec.values, budget: budgetValue(spec.budget.steps, spec.budget.maxSteps, spec.budget.flopsPerExample) } : spec.values;
  const records = Object.entries(values).map(([name, value], cell) => ({ name, value: value as never, seed: spec.seed, backend: spec.backend === undefined ? 'cpu' : spec.backend, native: spec.native ?? null, at: '2026-12-03T05:54:23.000Z', cell, cellId: `c${cell}` }));
  const endedAt = new Date(START + 1000 * (spec.seconds ?? 1)).toISOString();
  const failure: CellFailure | undefined = spec.failedAs ? { cell: 1, cellId: 'c1', status: spec.failedAs, source: 'train()', detail: `cell ${spec.failedAs}`, errorText: '' } : undefined;
  const execution: ExecutionResult = {
    ok: !failure && !spec.interrupted, input: 'reproduce.ipynb', notebookPath: join(dir, 'reproduce.ipynb'), outputDir: dir,
    startedAt: new Date(START).toISOString(), endedAt, parameters: { seed: spec.seed }, records, cells: [],
    ...(failure ? { failure } : {}), ...(spec.interrupted ? { interrupted: spec.interrupted } : {}),
    memory: { peakRssMB: 300 + spec.seed, samples: 5, intervalMs: 200, source: 'test' },
  };
  const path = writeResults(execution, { ...spec.manifest, seed: spec.seed, durationMs: 1000 * (spec.seconds ?? 1), memory: execution.memory });
  return { seed: spec.seed, ...(spec.ablation ? { ablation: spec.ablation } : {}), ok: execution.ok, dir, resultsPath: path, execution };
}

/**
 * A `paperlab run` folder `<paperDir>/runs/<stamp>/` (stamp from `at`) with one folder per replay
 * and summary.json; `maxWallSeconds` logs replays that ran longer as over budget, as run-paper does.
 * Extra summary fields (`sweep`, `interrupted`, `overBudget`) pass through `extra`. With `claims`
 * the main replays are judged as run-paper judges them; `profile: 'replay'` names the folder
 * `<stamp>-replay`, as `paperlab run --replay` does.
 */
export function writeRun(paperDir: string, at: Date, replays: Record<string, ReplaySpec>, options: { maxWallSeconds?: number; extra?: Record<string, unknown>; claims?: readonly Claim[]; profile?: 'full' | 'replay' } = {}): string {
  const profile = options.profile ?? 'full';
  const runDir = newRunDir(paperDir, at, profile === 'replay' ? 'replay' : undefined);
  const runs = Object.entries(replays).map(([label, spec]) => writeReplay(runDir, label, spec));
  const config = { budget: { maxWallSeconds: options.maxWallSeconds ?? Infinity } } as PaperConfig;
  const logged = runs.flatMap((r) => wallFailures(r, config, 'abc1234')).map((f, k) => ({ ...f, id: `F${k + 1}`, date: '2026-12-03T05:55:00Z', status: 'open' as const }));
  const run: PaperRun = {
    paperId: basename(paperDir), paperDir, runDir, profile, startedAt: at.toISOString(), endedAt: at.toISOString(),
    runs, judgements: judgeClaims(options.claims ?? [], runs.filter((r) => !r.ablation).map((r) => ({ records: r.execution.records }))), verdictMarkdown: '', failuresLogged: logged, pool: { jobs: 1, threads: null },
  };
  writeSummary(run, options.extra ?? {});
  return runDir;
}
