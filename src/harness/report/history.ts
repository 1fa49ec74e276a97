import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
// Deep import: the reproduce index loads run-paper, which loads this folder's index (a cycle).
import { readRunSummary, SUMMARY_FILE, type RunSummary } from '../reproduce/run-summary';
import { PROJECT_ROOT, unfinishedReason } from '../runner/index';
import { readDiffSide, type DiffSide } from '../verdict/index';
import type { HistoryRun } from './types';

/**
 * Every run folder of a paper (`<paperDir>/runs/<stamp>`), newest first: full and replay runs,
 * interrupted and unfinished ones (killed, still running) marked, with where each ran (commit,
 * dirty flag, compute path, backend, read as `paperlab diff` reads a run) and each claim's mean,
 * CI and verdict from its summary.json. Folders that are no run at all are left out; one that
 * cannot be read is listed as such.
 */
export function runHistory(paperDir: string): HistoryRun[] {
  const runs = join(paperDir, 'runs');
  if (!existsSync(runs)) return [];
  const dirs = readdirSync(runs).sort().reverse().map((d) => join(runs, d)).filter((d) => statSync(d).isDirectory());
  return dirs.flatMap((dir) => {
    try {
      const row = historyRun(dir);
      return row ? [row] : [];
    } catch (err) {
      // One broken folder (a summary.json cut short) must not hide the paper's report: it is listed, as unreadable.
      return [unfinishedRun(dir, `unreadable: ${(err as Error).message}`)];
    }
  });
}

/** One run folder's history row, or undefined when it is no paper run (no summary.json, no owner file). */
export function historyRun(runDir: string): HistoryRun | undefined {
  const summary = readRunSummary(runDir);
  if (!summary) {
    const why = unfinishedReason(runDir, SUMMARY_FILE);
    return why ? unfinishedRun(runDir, why) : undefined;
  }
  const side = readDiffSide(runDir);
  return {
    ...runPlace(runDir),
    startedAt: summary.startedAt ?? null,
    profile: summary.profile ?? 'full', // runs from before profiles existed were full runs
    interrupted: summary.interrupted ?? null,
    commits: commitsOf(side),
    compute: side.compute,
    backend: side.backend,
    seeds: side.units.filter((u) => u.main).map((u) => u.seed),
    claims: claimsOf(summary),
  };
}

/** A run folder's stamp and its path relative to the repository root. */
function runPlace(runDir: string): Pick<HistoryRun, 'stamp' | 'runDir'> {
  return { stamp: basename(resolve(runDir)), runDir: relative(PROJECT_ROOT, resolve(runDir)) };
}

/** The row of a run folder that left no readable summary.json: listed with why, nothing else known. */
function unfinishedRun(runDir: string, why: string): HistoryRun {
  const place = runPlace(runDir);
  return { ...place, startedAt: null, profile: place.stamp.endsWith('-replay') ? 'replay' : 'full', interrupted: why, commits: [], compute: 'unknown', backend: 'none recorded', seeds: [], claims: [] };
}

/** The distinct commits (with dirty flags) a side's replays' manifests name, in replay order. */
export function commitsOf(side: DiffSide): HistoryRun['commits'] {
  const seen = new Map<string, HistoryRun['commits'][number]>();
  for (const u of side.units) {
    const git = (u.results?.manifest as { git?: { commit?: unknown; dirty?: unknown } } | undefined)?.git;
    if (!git) continue;
    const commit = typeof git.commit === 'string' ? git.commit : null;
    const dirty = typeof git.dirty === 'boolean' ? git.dirty : null;
    seen.set(`${commit}:${dirty}`, { commit, dirty });
  }
  return [...seen.values()];
}

function claimsOf(summary: RunSummary): HistoryRun['claims'] {
  return (summary.judgements ?? []).map((j) => {
    const s = j.summary;
    return { id: j.claimId, metric: j.metric, mean: s && Number.isFinite(s.mean) ? s.mean : null, ci: s?.ciAvailable ? [s.ci[0], s.ci[1]] : null, n: s?.n ?? 0, verdict: j.verdict };
  });
}
