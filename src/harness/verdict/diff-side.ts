import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { invalid } from '../../library/errors/index';
// Deep import: the reproduce index loads run-paper, which loads this folder's index (a cycle).
import { readRunSummary, type RunSummary } from '../reproduce/run-summary';
import { readResults, RESULTS_FILE, type ResultsFile } from '../runner/index';

/**
 * One replay of a side: a seed (`seed-1`) or an ablation point (`ablation-<a>-<p>-seed-1`), as its
 * folder is named inside the run folder.
 */
export interface DiffUnit {
  label: string;
  seed: number;
  /** False for an ablation point: the means over seeds take main replays only. */
  main: boolean;
  /** `completed`, `stopped at budget`, `failed (<cell status>)`, `interrupted`, or a sweep task's state. */
  status: string;
  /** null when the replay left no results.json (a failed sweep task, a killed replay). */
  results: ResultsFile | null;
  /** Budget limits the replay hit: train()'s `over`, and `maxWallSeconds` for a replay logged as over its wall budget. */
  overBudget: string[];
}

/** What `paperlab diff` compares of one argument. */
export interface DiffSide {
  path: string;
  kind: 'run' | 'sweep' | 'seed';
  /** The run folder's name (`20261203T055422Z`), or the folder of a lone results.json. */
  stamp: string;
  /** Run-level status (run and sweep only): `completed`, `interrupted`, `stopped: <why>`. */
  runStatus?: string;
  units: DiffUnit[];
  /**
   * Where its numbers were computed: `native`, `fallback` (the wasm/JS path), `native, fallback`
   * when replays differ, or `unknown` when no replay says. Paths agree to the last digit only with
   * themselves (see ComputePath in accepted-file.ts).
   */
  compute: string;
  /** The tfjs backend(s) its replays recorded (`wasm`, `cpu`), or `none recorded`. */
  backend: string;
}

/** How bad a status is: completed 0, stopped at a budget 1, anything else (failed, interrupted, lost) 2. */
export function statusRank(status: string): number {
  if (status === 'completed') return 0;
  return status.startsWith('stopped') ? 1 : 2;
}

/**
 * Reads any folder the runner printed: a paper run or collected sweep (summary.json with seed
 * folders), one seed's folder, a notebook run folder, or a results.json file. Throws naming the
 * path when it is none of these.
 */
export function readDiffSide(path: string): DiffSide {
  const summary = existsSync(path) && statSync(path).isDirectory() ? readRunSummary(path) : undefined;
  if (summary) return runSide(path, summary);
  const results = readResults(path, { interrupted: 'keep' }); // throws naming the path, and why, when there is nothing to read
  const folder = basename(path) === RESULTS_FILE && !statSync(path).isDirectory() ? dirname(path) : path;
  const parent = resolve(folder, '..');
  const seed = seedOf(results);
  const label = /seed-\d+$/.test(basename(resolve(folder))) ? basename(resolve(folder)) : `seed-${seed}`;
  const run = readRunSummary(parent);
  const overBudget = run ? loggedOverWall(run, label) : [];
  const units = [{ label, seed, main: !label.startsWith('ablation-'), status: unitStatus(results), results, overBudget: mergeOver(budgetOver(results), overBudget) }];
  return { path, kind: 'seed', stamp: basename(run ? parent : resolve(folder)), units, ...computeOf(units) };
}

function runSide(path: string, summary: RunSummary): DiffSide {
  if (!Array.isArray(summary.runs)) throw invalid(`${join(path, 'summary.json')} runs`, 'a list of replays', typeof summary.runs);
  const units: DiffUnit[] = summary.runs.map((r) => {
    // The summary's paths are relative to where the run started: the folder name inside `path` is what counts.
    const label = basename(r.dir);
    const dir = join(path, label);
    const results = existsSync(join(dir, RESULTS_FILE)) ? readResults(dir, { interrupted: 'keep' }) : null;
    const status = results ? unitStatus(results) : r.ok ? 'no results' : 'failed (no results)';
    return { label, seed: r.seed, main: !r.ablation, status, results, overBudget: mergeOver(results ? budgetOver(results) : [], loggedOverWall(summary, label)) };
  });
  // A sweep task that ended without results is still a replay of the side, with its state as status.
  for (const task of summary.sweep?.tasks ?? []) {
    if (units.some((u) => u.label === task.label)) continue;
    const seed = Number(/seed-(\d+)$/.exec(task.label)?.[1] ?? NaN);
    units.push({ label: task.label, seed, main: !task.label.startsWith('ablation-'), status: task.state === 'ok' ? 'no results' : task.state, results: null, overBudget: [] });
  }
  const extra = summary as RunSummary & { overBudget?: string };
  const runStatus = summary.interrupted ? 'interrupted' : extra.overBudget ? `stopped: ${extra.overBudget}` : 'completed';
  return { path, kind: summary.sweep ? 'sweep' : 'run', stamp: basename(resolve(path)), runStatus, units, ...computeOf(units) };
}

/**
 * A side's compute path and backend, from what its replays' records name (as accepted files take
 * them: a record's `native` is set on the native path, null on the fallback), else from the
 * manifest (`native.on`, `backend.name`) of a replay that recorded nothing.
 */
function computeOf(units: readonly DiffUnit[]): { compute: string; backend: string } {
  const paths = new Set<string>();
  const backends = new Set<string>();
  for (const u of units) {
    if (!u.results) continue;
    const manifest = u.results.manifest as { native?: { on?: unknown }; backend?: { name?: unknown } | null } | undefined;
    if (u.results.records.length > 0) for (const r of u.results.records) paths.add(r.native ? 'native' : 'fallback');
    else if (typeof manifest?.native?.on === 'boolean') paths.add(manifest.native.on ? 'native' : 'fallback');
    for (const r of u.results.records) if (typeof r.backend === 'string') backends.add(r.backend);
    if (typeof manifest?.backend?.name === 'string') backends.add(manifest.backend.name);
  }
  const list = (set: Set<string>, none: string) => (set.size === 0 ? none : [...set].sort().join(', '));
  return { compute: list(paths, 'unknown'), backend: list(backends, 'none recorded') };
}

function unitStatus(results: ResultsFile): string {
  if (results.interrupted) return 'interrupted';
  if (!results.ok) return `failed (${results.failure?.status ?? 'unknown'})`;
  return budgetOver(results).length > 0 ? 'stopped at budget' : 'completed';
}

/** Limits that stopped train(): the `over` of every `budget` record (src/library/budget). */
function budgetOver(results: ResultsFile): string[] {
  return results.records.flatMap((rec) => {
    const over = rec.name === 'budget' ? (rec.value as { over?: unknown } | null)?.over : undefined;
    return Array.isArray(over) ? over.map(String) : [];
  });
}

// A replay that ran past budget.maxWallSeconds is logged as over budget by the run, not by train().
function loggedOverWall(summary: RunSummary, label: string): string[] {
  const logged = (summary as RunSummary & { failuresLogged?: Array<{ kind?: string; run?: string; symptom?: string }> }).failuresLogged ?? [];
  return logged.some((f) => f.kind === 'over-budget' && typeof f.run === 'string' && basename(f.run) === label && /maxWallSeconds/.test(f.symptom ?? ''))
    ? ['maxWallSeconds (replay)'] : [];
}

function mergeOver(...lists: string[][]): string[] {
  return [...new Set(lists.flat())].sort();
}

function seedOf(results: ResultsFile): number {
  const seed = (results.manifest as { seed?: unknown } | undefined)?.seed;
  if (typeof seed === 'number') return seed;
  const first = results.records.find((r) => typeof r.seed === 'number');
  return first ? first.seed : NaN;
}
