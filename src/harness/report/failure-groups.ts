import type { FailureEntry, PaperReport } from './types';

/** Failure entries with one symptom (kind, claim and text), collapsed to one row: ids, seeds, causes and runs. */
export interface FailureGroup {
  ids: string[];
  count: number;
  seeds: Array<number | string>;
  cells: number[];
  symptom: string;
  /** The entries' suspected causes, distinct, in log order (replays of one failure often explain it alike). */
  causes: string[];
  /** Statuses of the collapsed entries, distinct, in log order. */
  statuses: string[];
  /** Run stamps (last folder of `runDir`), distinct, in log order. */
  runs: string[];
}

/**
 * The stamp a run is known by: the folder under `runs/` (`20261123T160318Z-replay`), also for an
 * entry naming one replay of it (`runs/<stamp>/seed-1`, as the runner logs them); else the last
 * path segment.
 */
export function runStamp(runDir: string): string {
  const parts = runDir.split(/[\\/]+/).filter(Boolean);
  const at = parts.lastIndexOf('runs');
  if (at >= 0 && at + 1 < parts.length) return parts[at + 1]!;
  return parts[parts.length - 1] ?? runDir;
}

function distinct<T>(values: Array<T | null | undefined>): T[] {
  return [...new Set(values.filter((v): v is T => v !== null && v !== undefined))];
}

/**
 * Collapses entries with the same symptom text (the same failure logged by several runs, e.g. every
 * CI replay's unmet claim) into one row; the first occurrence keeps its place.
 */
export function groupFailures(entries: readonly FailureEntry[]): FailureGroup[] {
  const groups = new Map<string, FailureEntry[]>();
  for (const f of entries) groups.set(f.symptom, [...(groups.get(f.symptom) ?? []), f]);
  return [...groups.values()].map((fs) => ({
    ids: fs.map((f) => f.id),
    count: fs.length,
    seeds: distinct(fs.map((f) => f.seed)),
    cells: distinct(fs.map((f) => f.cell)),
    symptom: fs[0]!.symptom,
    causes: distinct(fs.map((f) => f.cause)),
    statuses: distinct(fs.map((f) => f.status)),
    runs: distinct(fs.map((f) => (f.runDir ? runStamp(f.runDir) : null))),
  }));
}

/**
 * The failure log split into this run's entries (those whose run folder has the report's run
 * stamp) and the history (every other entry, older runs and entries tied to no run).
 */
export function splitFailures(report: PaperReport): { thisRun: FailureEntry[]; history: FailureEntry[] } {
  const stamp = report.runDir ? runStamp(report.runDir) : null;
  const mine = (f: FailureEntry) => stamp !== null && f.runDir !== undefined && runStamp(f.runDir) === stamp;
  return { thisRun: report.failures.filter(mine), history: report.failures.filter((f) => !mine(f)) };
}

/**
 * Causes that several rows share (one paragraph pasted under each of a run's entries), numbered so a
 * table prints each once: cause text → its number, from 1, in order of first use.
 */
export function sharedCauses(groups: readonly FailureGroup[]): Map<string, number> {
  const uses = new Map<string, number>();
  for (const g of groups) for (const c of g.causes) uses.set(c, (uses.get(c) ?? 0) + 1);
  const shared = new Map<string, number>();
  for (const [c, n] of uses) if (n > 1) shared.set(c, shared.size + 1);
  return shared;
}
