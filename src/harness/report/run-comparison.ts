import { basename, resolve } from 'node:path';
import { diffSides, readDiffSide, type DiffSide, type DiffTolerance, type RunDiff, type RunDiffRow } from '../verdict/index';
import { historyRun } from './history';
import type { HistoryRun } from './types';

/** One side of a comparison: what `paperlab diff` read, and its history row when it is a paper run. */
export interface ComparedSide {
  path: string;
  side: DiffSide;
  /** The run's stamp, commit, profile, status and claim verdicts; undefined for a seed folder or results.json. */
  run: HistoryRun | undefined;
}

/** A claim judged in either run: both sides' estimates and verdicts, and the diff's row for its metric. */
export interface ComparedClaim {
  id: string;
  metric: string;
  a: HistoryRun['claims'][number] | undefined;
  b: HistoryRun['claims'][number] | undefined;
  /** The diff row of the claim's metric: its mean over the seeds both runs have, else the one pair's. */
  row: RunDiffRow | undefined;
}

/** Two runs side by side: the sides, their claims, and the rows `paperlab diff` computes. */
export interface RunComparison {
  a: ComparedSide;
  b: ComparedSide;
  claims: ComparedClaim[];
  diff: RunDiff;
}

/**
 * Compares two folders the runner printed (paper run, sweep, seed folder, results.json), A as the
 * reference: the rows are `paperlab diff`'s own (diffSides), the claims each run's summary.json
 * judgements, each beside the diff row of its metric.
 */
export function compareRuns(pathA: string, pathB: string, tolerance: DiffTolerance = {}): RunComparison {
  const side = (path: string): ComparedSide => {
    const s = readDiffSide(path);
    return { path, side: s, run: s.kind === 'seed' ? undefined : historyRun(path) };
  };
  const a = side(pathA);
  const b = side(pathB);
  const diff = diffSides(a.side, b.side, tolerance);
  const ids = [...new Set([...(a.run?.claims ?? []), ...(b.run?.claims ?? [])].map((c) => c.id))];
  const claims = ids.map((id) => {
    const ca = a.run?.claims.find((c) => c.id === id);
    const cb = b.run?.claims.find((c) => c.id === id);
    const metric = (ca ?? cb)!.metric;
    const rows = diff.rows.filter((r) => r.kind === 'number' && r.metric === metric);
    return { id, metric, a: ca, b: cb, row: rows.find((r) => r.scope === 'mean') ?? (rows.length === 1 ? rows[0] : undefined) };
  });
  return { a, b, claims, diff };
}

/** `compare-<A>-<B>`: the two columns' titles, made safe as one file name (`/` and spaces become `_`). */
export function comparisonName(c: RunComparison): string {
  const safe = (label: string) => label.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || basename(resolve(label));
  return `compare-${safe(c.diff.labels.from)}-${safe(c.diff.labels.to)}`;
}
