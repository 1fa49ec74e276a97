import type { ResultsFile } from '../runner/index';
import { compareToAccepted, runMeans, type DiffRow, type DiffStatus, type DiffTolerance } from './compare';
import { statusRank, type DiffSide, type DiffUnit } from './diff-side';

/**
 * What a row compares: a metric's number (judged within tolerance), a string record (judged
 * equal), a replay's or run's status (judged not worse), a budget figure (shown, never judged:
 * wall time, CPU and memory move run to run), the budget limits hit (judged: none newly hit), or
 * where the numbers were computed (compute path, backend: shown, never judged, but a difference is
 * said above the rows, since native and fallback agree only to their last digits).
 */
export type RunDiffKind = 'number' | 'string' | 'status' | 'budget' | 'over-budget' | 'compute';

/**
 * Numbers: as DiffStatus. changed: a string, status, compute path or backend differs (a string
 * fails, a status of the same rank or a compute path does not). worse: a status got worse (completed → stopped → failed/interrupted).
 * improved: a status got better, or fewer budget limits hit. moved: a budget figure differs.
 * newly-over: a budget limit hit in B only.
 */
export type RunDiffStatus = DiffStatus | 'changed' | 'worse' | 'improved' | 'moved' | 'newly-over';

/**
 * One compared value. `accepted` is A's value and `now` B's (the names `paperlab check` rows use,
 * so `--json` readers keep working); delta, relDelta and tolerance are null for non-numbers.
 */
export interface RunDiffRow extends Omit<DiffRow, 'accepted' | 'now' | 'status'> {
  /** `run`, `mean` (over the main seeds both sides have) or the replay compared (`seed-1`). */
  scope: string;
  kind: RunDiffKind;
  accepted: number | string | null;
  now: number | string | null;
  status: RunDiffStatus;
  /** True when this row makes the diff fail (exit 1). */
  fails: boolean;
}

/** Two sides compared: column titles, which replays were paired, and the rows. */
export interface RunDiff {
  labels: { from: string; to: string };
  /** Paired replays, as `label` or `labelA ↔ labelB` when a lone seed meets another. */
  compared: string[];
  onlyA: string[];
  onlyB: string[];
  /** What a reader must know before the rows: "different compute paths: native vs fallback", "different backends: …". */
  notes: string[];
  rows: RunDiffRow[];
}

/**
 * Compares two sides (src/harness/verdict/diff-side.ts), A as the reference: the run status, the
 * per-metric means over the main seeds both have (when they share two or more), then each paired
 * replay's status, numbers, strings, budget figures and limits hit. Two lone seeds are paired
 * whatever their seeds; otherwise replays pair by folder name, and the others are listed.
 */
export function diffSides(a: DiffSide, b: DiffSide, tolerance: DiffTolerance = {}): RunDiff {
  const pairs: Array<[DiffUnit, DiffUnit]> = a.kind === 'seed' && b.kind === 'seed'
    ? [[a.units[0]!, b.units[0]!]]
    : a.units.flatMap((u) => b.units.filter((v) => v.label === u.label).map((v): [DiffUnit, DiffUnit] => [u, v]));
  const rows: RunDiffRow[] = [];
  const runs = a.runStatus !== undefined && b.runStatus !== undefined;
  // One scope for where both sides ran: `run` for two runs, else the one pair's (keeps a seed diff one-scoped).
  const where = runs || pairs.length !== 1 ? 'run' : pairScope(pairs[0]![0], pairs[0]![1]);
  const computeRows = [computeRow(where, 'compute path', a.compute, b.compute), computeRow(where, 'backend', a.backend, b.backend)];
  rows.push(...computeRows);
  if (runs) rows.push(statusRow('run', a.runStatus!, b.runStatus!));
  const main = pairs.filter(([u, v]) => u.main && v.main && u.results && v.results);
  if (main.length >= 2) rows.push(...numberRows('mean', main.map(([u]) => u.results!), main.map(([, v]) => v.results!), tolerance));
  for (const [u, v] of pairs) rows.push(...unitRows(pairScope(u, v), u, v, tolerance));
  const paired = new Set(pairs.flatMap(([u, v]) => [`a:${u.label}`, `b:${v.label}`]));
  return {
    labels: sideLabels(a, b),
    compared: pairs.map(([u, v]) => (u.label === v.label ? u.label : `${u.label} ↔ ${v.label}`)),
    onlyA: a.units.filter((u) => !paired.has(`a:${u.label}`)).map((u) => u.label),
    onlyB: b.units.filter((v) => !paired.has(`b:${v.label}`)).map((v) => v.label),
    notes: computeRows.filter((r) => r.status === 'changed').map((r) => `different ${r.metric === 'compute path' ? 'compute paths' : 'backends'}: ${r.accepted} vs ${r.now}`),
    rows,
  };
}

/** True when no row fails. */
export function runDiffOk(diff: RunDiff): boolean {
  return diff.rows.every((r) => !r.fails);
}

function pairScope(u: DiffUnit, v: DiffUnit): string {
  return u.label === v.label ? u.label : `${u.label}|${v.label}`;
}

function computeRow(scope: string, metric: string, a: string, b: string): RunDiffRow {
  return { ...blank(scope, 'compute', metric, a, b), status: a === b ? 'ok' : 'changed', fails: false };
}

function unitRows(scope: string, u: DiffUnit, v: DiffUnit, tolerance: DiffTolerance): RunDiffRow[] {
  const rows = [statusRow(scope, u.status, v.status)];
  if (u.results || v.results) {
    const ra = u.results ? [u.results] : [];
    const rb = v.results ? [v.results] : [];
    rows.push(...numberRows(scope, ra, rb, tolerance), ...stringRows(scope, u.results, v.results), ...budgetRows(scope, u.results, v.results));
  }
  rows.push(overRow(scope, u.overBudget, v.overBudget));
  return rows;
}

function statusRow(scope: string, a: string, b: string): RunDiffRow {
  const rankA = statusRank(a);
  const rankB = statusRank(b);
  const status: RunDiffStatus = a === b ? 'ok' : rankB > rankA ? 'worse' : rankB < rankA ? 'improved' : 'changed';
  return { ...blank(scope, 'status', 'status', a, b), status, fails: status === 'worse' };
}

function numberRows(scope: string, a: readonly ResultsFile[], b: readonly ResultsFile[], tolerance: DiffTolerance): RunDiffRow[] {
  const reference: { [metric: string]: { value: number } } = {};
  for (const [metric, value] of Object.entries(a.length > 0 ? runMeans(a) : {})) reference[metric] = { value };
  return compareToAccepted(reference, b.length > 0 ? runMeans(b) : {}, tolerance).map((r) => ({
    ...r, scope, kind: 'number', fails: r.status === 'regressed' || r.status === 'missing',
  }));
}

function stringRows(scope: string, a: ResultsFile | null, b: ResultsFile | null): RunDiffRow[] {
  const sa = finalStrings(a);
  const sb = finalStrings(b);
  const names = [...new Set([...sa.keys(), ...sb.keys()])];
  return names.map((name) => {
    const x = sa.get(name) ?? null;
    const y = sb.get(name) ?? null;
    const status: RunDiffStatus = x === y ? 'ok' : y === null ? 'missing' : x === null ? 'new' : 'changed';
    return { ...blank(scope, 'string', name, x, y), status, fails: status === 'changed' || status === 'missing' };
  });
}

/** Each string (or boolean) record's final value: the largest step, else the last recorded. record()'s "NaN" strings are numbers. */
function finalStrings(results: ResultsFile | null): Map<string, string> {
  const out = new Map<string, { value: string; step: number }>();
  for (const rec of results?.records ?? []) {
    if (typeof rec.value !== 'string' && typeof rec.value !== 'boolean') continue;
    if (rec.value === 'NaN' || rec.value === 'Infinity' || rec.value === '-Infinity') continue;
    const step = rec.step ?? -Infinity;
    const prev = out.get(rec.name);
    if (!prev || step >= prev.step) out.set(rec.name, { value: String(rec.value), step });
  }
  return new Map([...out].map(([name, v]) => [name, v.value]));
}

function budgetRows(scope: string, a: ResultsFile | null, b: ResultsFile | null): RunDiffRow[] {
  const fa = budgetFigures(a);
  const fb = budgetFigures(b);
  const names = [...new Set([...Object.keys(fa), ...Object.keys(fb)])];
  return names.map((name) => {
    const x = fa[name] ?? null;
    const y = fb[name] ?? null;
    const delta = x !== null && y !== null ? y - x : null;
    const status: RunDiffStatus = x === y ? 'ok' : y === null ? 'missing' : x === null ? 'new' : 'moved';
    const relDelta = delta === null ? null : x === 0 ? (delta === 0 ? 0 : null) : delta / Math.abs(x!);
    return { ...blank(scope, 'budget', name, x, y), delta, relDelta, status, fails: false };
  });
}

/**
 * What a replay spent: train()'s `budget` records summed over its calls (peak memory their
 * maximum), and the runner's own wall time and sampled peak memory from the manifest.
 */
function budgetFigures(results: ResultsFile | null): { [name: string]: number } {
  const out: { [name: string]: number } = {};
  const add = (name: string, value: unknown, how: 'sum' | 'max') => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return;
    out[name] = out[name] === undefined ? value : how === 'sum' ? out[name]! + value : Math.max(out[name]!, value);
  };
  for (const rec of results?.records ?? []) {
    if (rec.name !== 'budget') continue;
    const used = (rec.value as { used?: Record<string, unknown> } | null)?.used ?? {};
    add('budget wallSeconds', used.wallSeconds, 'sum');
    add('budget cpuSeconds', used.cpuSeconds, 'sum');
    add('budget peakRssMB (max)', used.peakRssMB, 'max');
    add('budget flops', used.flops, 'sum');
    add('budget steps', used.steps, 'sum');
  }
  const manifest = results?.manifest as { durationMs?: unknown; memory?: { peakRssMB?: unknown } } | undefined;
  if (typeof manifest?.durationMs === 'number') add('replay seconds', manifest.durationMs / 1000, 'sum');
  add('replay peakRssMB', manifest?.memory?.peakRssMB, 'max');
  return out;
}

function overRow(scope: string, a: readonly string[], b: readonly string[]): RunDiffRow {
  const text = (list: readonly string[]) => (list.length === 0 ? 'none' : list.join(', '));
  const fresh = b.filter((limit) => !a.includes(limit));
  const status: RunDiffStatus = fresh.length > 0 ? 'newly-over' : a.length > b.length ? 'improved' : 'ok';
  return { ...blank(scope, 'over-budget', 'over budget', text(a), text(b)), status, fails: status === 'newly-over' };
}

function blank(scope: string, kind: RunDiffKind, metric: string, accepted: number | string | null, now: number | string | null): Omit<RunDiffRow, 'status' | 'fails'> {
  return { scope, kind, metric, accepted, now, delta: null, relDelta: null, tolerance: null, within: null };
}

/**
 * Column titles: each side's stamp (its run folder's name); a lone seed adds its replay
 * (`20261203T055422Z/seed-2`) where that tells the sides apart or the seeds differ.
 */
function sideLabels(a: DiffSide, b: DiffSide): { from: string; to: string } {
  const seedsDiffer = a.kind === 'seed' && b.kind === 'seed' && a.units[0]!.label !== b.units[0]!.label;
  const title = (side: DiffSide) => {
    const unit = side.units[0]!.label;
    const withUnit = side.kind === 'seed' && unit !== side.stamp && (seedsDiffer || a.stamp === b.stamp);
    return withUnit ? `${side.stamp}/${unit}` : side.stamp;
  };
  const from = title(a);
  const to = title(b);
  return from === to ? { from: `${from} (A)`, to: `${to} (B)` } : { from, to };
}
