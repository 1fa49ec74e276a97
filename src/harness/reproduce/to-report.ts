import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileSha256, LOCK_FILE, readLock, type RunManifest } from '../env/index';
import { PROJECT_ROOT, readResults, type ResultsFile } from '../runner/index';
import { loadPaperConfig, readFailureLog, FAILURES_FILE, type Claim, type PaperConfig } from '../../library/paper-files/index';
import { environmentSummary, estimateOver, runHistory, nonClaimRecordTable, provenanceFromRecords, type ClaimRow, type PaperReport, type ResultTable } from '../report/index';
import { claimBand, type Judgement } from '../verdict/index';
import { claimFigure } from './claim-figure';
import { notebookFigures } from './notebook-figures';
import { invalid } from '../../library/errors/index';
import { kindOf } from './run-paper';
import { latestRuns } from './latest-runs';
import { readRunSummary, SUMMARY_FILE, type RunSummary } from './run-summary';
import { memoFacts } from './memo-facts';

/** A seed's results.json, with the manifest the paper runner writes into it. */
type RunResultsFile = ResultsFile & { manifest: RunManifest };

/**
 * Builds the report of one paper run folder (`papers/<id>/runs/<stamp>`): claims with their
 * verdicts and per-seed provenance, per-seed values beside the paper's, ablation tables, the
 * failure log, wall time against the budget, environment and manifests.
 */
export function reportFromRun(paperDir: string, runDir: string): PaperReport {
  const config = loadPaperConfig(paperDir);
  const summary = readRunSummary(runDir);
  if (!summary) throw invalid(join(runDir, SUMMARY_FILE), 'the summary of a finished paperlab run', 'no such file', 'report a folder that `paperlab run` finished');
  const results = new Map(summary.runs.map((r) => [r.dir, readResults(r.resultsPath) as RunResultsFile]));
  const main = summary.runs.filter((r) => !r.ablation);
  const claims = config.claims.map((claim) => claimRow(claim, summary.judgements.find((j) => j.claimId === claim.id), main.map((r) => ({ dir: r.dir, file: results.get(r.dir)! }))));
  return {
    // Keys the config left out stay out (an absent url must not be an undefined one).
    paper: { ...(Object.fromEntries(Object.entries(config.paper).filter(([, v]) => v !== undefined && v !== null)) as typeof config.paper), authors: [...config.paper.authors] },
    ciLevel: 0.95,
    claims,
    // The report's per-claim figures, then those the notebook drew, from its first seed (the others differ only in values).
    figures: [...seedFigures(config, summary, results), ...(main[0] ? notebookFigures(main[0].dir, main[0].seed) : [])],
    // Baselines the notebook records without a claim (majority accuracy, clean AUC, ...), then the ablations.
    tables: [
      ...[nonClaimRecordTable(main.map((r) => ({ dir: r.dir, records: results.get(r.dir)!.records as never })), config.claims.map((c) => c.metric))].filter((t): t is ResultTable => t !== null),
      ...ablationTables(config, summary, results),
    ],
    failures: failureRows(paperDir),
    budget: [...wallBudget(config, summary, results), ...kernelMemory(config, summary, results), ...trainingBudget(config, summary, results)],
    environment: environment(),
    manifests: [...results.values()].map((r) => r.manifest),
    deviations: [...config.deviations],
    acceptedLeakage: config.accept.map((a) => ({ rule: a.rule, reason: a.reason })),
    ...(summary.sweep ? {
      sweep: {
        on: summary.sweep.on,
        tasks: summary.sweep.tasks.map((t) => ({ index: t.index, label: t.label, state: t.state, slurmId: t.slurmId, node: t.node, seconds: t.seconds, exitCode: t.exitCode, detail: t.detail })),
      },
    } : {}),
    runDir: relative(PROJECT_ROOT, resolve(runDir)),
    memo: memoFacts(paperDir, config, summary, main.map((r) => results.get(r.dir)!.manifest)),
    generatedAt: new Date().toISOString(),
    history: runHistory(paperDir),
  };
}

/**
 * The newest full run folder of a paper that finished (has summary.json, not interrupted), or null.
 * CI replays never stand for a paper. `skipped` hears of each newer full run passed over, and why
 * (interrupted by a signal, killed, still running), so no report quietly shows an older run.
 */
export function latestRun(paperDir: string, skipped: (runDir: string, why: string) => void = () => undefined): string | null {
  return latestRuns(paperDir, (dir, why, profile) => profile === 'full' && skipped(dir, why)).full;
}

function claimRow(claim: Claim, j: Judgement | undefined, runs: Array<{ dir: string; file: RunResultsFile }>): ClaimRow {
  const s = j?.summary;
  return {
    id: claim.id,
    statement: claim.statement,
    source: claim.source,
    metric: claim.metric,
    paperValue: claim.paperValue,
    tolerance: toleranceText(claim),
    valueFrom: claim.valueFrom ?? 'paper',
    // The verdict's own band (an open side is null, as in JSON).
    band: claimBand(claim).band.map((v) => (Number.isFinite(v) ? v : null)) as [number | null, number | null],
    ours: s ? { mean: s.mean, std: s.n > 1 ? s.std : null, ci: s.ciAvailable ? s.ci : null, n: s.n } : { mean: null, n: 0 },
    verdict: j?.verdict ?? 'not-measured',
    reason: j?.reason ?? 'no run judged this claim',
    provenance: runs.flatMap((r) => provenanceFromRecords(r.file.records as never, claim.metric, r.dir)),
  };
}

/** Wall time of each replay against maxWallSeconds, and of the whole run against maxTotalWallSeconds. */
function wallBudget(config: PaperConfig, summary: RunSummary, results: Map<string, RunResultsFile>): PaperReport['budget'] {
  const usedPerSeed = summary.runs.map((r) => ({ seed: r.ablation ? `${r.seed} (${r.ablation.name})` : r.seed, used: r.seconds ?? 0 }));
  const usedTotal = usedPerSeed.reduce((s, u) => s + u.used, 0);
  const perRun = {
    resource: 'wall time', unit: 's', declared: config.budget.maxWallSeconds, limitPer: 'run' as const, usedPerSeed, usedTotal,
    over: usedPerSeed.some((u) => u.used > config.budget.maxWallSeconds),
  };
  const total = config.budget.maxTotalWallSeconds;
  if (total === undefined) return [perRun];
  // The runner holds maxTotalWallSeconds against the time since the run started (replays run in
  // parallel), so the total is start to last replay's end, not the sum of replays.
  const ends = [...results.values()].map((r) => Date.parse(r.manifest.endedAt)).filter(Number.isFinite);
  const elapsed = ends.length ? Math.max(0, (Math.max(...ends) - Date.parse(summary.startedAt)) / 1000) : usedTotal;
  const wall = Number.isFinite(elapsed) ? elapsed : usedTotal;
  return [perRun, { resource: 'wall time, whole run (start to last replay end)', unit: 's', declared: total, limitPer: 'total' as const, usedPerSeed, usedTotal: wall, over: wall > total }];
}

/**
 * The peak resident memory the runner measured of each replay's kernel process group (manifest
 * `memory`), against maxPeakMemoryMB: real use, also when the notebook never ran train().
 */
function kernelMemory(config: PaperConfig, summary: RunSummary, results: Map<string, RunResultsFile>): PaperReport['budget'] {
  const usedPerSeed = summary.runs.flatMap((r) => {
    const memory = (results.get(r.dir)!.manifest as { memory?: { peakRssMB?: unknown } }).memory;
    return typeof memory?.peakRssMB === 'number' ? [{ seed: r.ablation ? `${r.seed} (${r.ablation.name})` : r.seed, used: memory.peakRssMB }] : [];
  });
  if (usedPerSeed.length === 0) return []; // runs from before the runner measured memory
  const declared = config.budget.maxPeakMemoryMB ?? null;
  return [{
    // A peak: the run's is the largest seed's, never a sum.
    resource: "peak memory (RSS), kernel's process group", unit: 'MB', declared, limitPer: 'run' as const, usedPerSeed, aggregate: 'max' as const,
    usedTotal: Math.max(...usedPerSeed.map((u) => u.used)), over: declared !== null && usedPerSeed.some((u) => u.used > declared),
  }];
}

const TRAINING_RESOURCES = [
  { resource: 'training steps', unit: 'steps', used: 'steps', declared: 'maxSteps' },
  { resource: 'training FLOPs (estimate)', unit: 'FLOP', used: 'flops', declared: 'maxFlops' },
  { resource: 'peak memory (RSS)', unit: 'MB', used: 'peakRssMB', declared: 'maxPeakMemoryMB', peak: true },
  // No config limit: CPU time shows how much of the wall time was compute (threads make it larger).
  { resource: 'training CPU time (user + system)', unit: 'CPU s', used: 'cpuSeconds' },
] as const;

/** What train() recorded as `budget` in each replay, beside the config's declared limits. */
function trainingBudget(config: PaperConfig, summary: RunSummary, results: Map<string, RunResultsFile>): PaperReport['budget'] {
  const perRun = summary.runs.map((r) => {
    const rec = results.get(r.dir)!.records.filter((x) => x.name === 'budget').pop();
    const value = rec?.value as { used?: Record<string, number>; declared?: Record<string, number> } | undefined;
    return { seed: r.ablation ? `${r.seed} (${r.ablation.name})` : r.seed, used: value?.used, declared: value?.declared ?? {} };
  }).filter((x): x is { seed: number | string; used: Record<string, number>; declared: Record<string, number> } => !!x.used);
  if (perRun.length === 0) return [];
  return TRAINING_RESOURCES.map((t) => {
    // The limit the run enforced (train's record), else the one config.yaml declares.
    const declared = 'declared' in t ? perRun[0]!.declared[t.declared] ?? config.budget[t.declared] ?? null : null;
    const usedPerSeed = perRun.map((x) => ({ seed: x.seed, used: x.used[t.used] ?? 0 }));
    const peak = 'peak' in t; // memory peaks do not add over seeds
    const usedTotal = peak ? Math.max(...usedPerSeed.map((u) => u.used)) : usedPerSeed.reduce((s, u) => s + u.used, 0);
    return { resource: t.resource, unit: t.unit, declared, limitPer: 'run' as const, usedPerSeed, usedTotal, ...(peak ? { aggregate: 'max' as const } : {}), over: declared !== null && usedPerSeed.some((u) => u.used > declared) };
  });
}

function toleranceText(c: Claim): string {
  const parts = [c.tolerance?.abs !== undefined ? `± ${c.tolerance.abs}` : '', c.tolerance?.rel !== undefined ? `± ${c.tolerance.rel * 100}%` : ''].filter(Boolean);
  const dir = c.direction && c.direction !== 'within' ? c.direction.replace('-', ' ') : '';
  return [dir, parts.join(' or ')].filter(Boolean).join(', ') || 'exact';
}

/**
 * Each claim's metric per seed with the mean's CI, the accepted band and the paper's value (or our
 * threshold): one figure per claim, since their scales differ (claim-figure.ts draws it).
 */
function seedFigures(config: PaperConfig, summary: RunSummary, results: Map<string, RunResultsFile>): PaperReport['figures'] {
  const main = summary.runs.filter((r) => !r.ablation);
  return config.claims.map((c) => {
    const s = summary.judgements.find((j) => j.claimId === c.id)?.summary;
    const ours = c.valueFrom === 'ours';
    return {
      // A threshold of ours is never drawn as the paper's number.
      caption: `${c.id}: ${c.metric} per seed (markers), the mean (line) and its CI (blue band), the accepted band (green) and ${ours ? 'our threshold (dashed; the paper prints no number)' : "the paper's value (dashed)"}.`,
      figure: claimFigure({
        claimId: c.id, metric: c.metric, valueFrom: ours ? 'ours' : 'paper', reference: c.paperValue, band: claimBand(c).band,
        seeds: main.map((r) => `seed ${r.seed}`), values: main.map((r) => lastValue(results.get(r.dir)!, c.metric)),
        mean: s ? s.mean : null, ci: s?.ciAvailable ? s.ci : null, ciLevel: s?.confidence ?? 0.95,
      }),
    };
  });
}

function lastValue(file: RunResultsFile, metric: string): number | null {
  const values = file.records.filter((r) => r.name === metric).map((r) => r.value);
  const v = values[values.length - 1];
  return typeof v === 'number' ? v : null;
}

/**
 * One table per ablation (baselines first), rows its points with results; a sweep's command-line
 * grid (not in config.yaml) too, and with two axes or more one table per axis, each value's row
 * over every point and seed that has it.
 */
function ablationTables(config: PaperConfig, summary: RunSummary, results: Map<string, RunResultsFile>): ResultTable[] {
  const metrics = [...new Set(config.claims.map((c) => c.metric))];
  const declared = config.ablations.map((a) => a.name);
  const ran = [...new Set(summary.runs.flatMap((r) => (r.ablation ? [r.ablation.ablation] : [])))];
  const names = [...declared, ...ran.filter((n) => !declared.includes(n))];
  const baselinesFirst = [...names].sort((x, y) => Number(kindOf(config, y) === 'baseline') - Number(kindOf(config, x) === 'baseline'));
  const row = (name: string, point: RunSummary['runs']) => ({
    name,
    parameters: {},
    metrics: Object.fromEntries(metrics.map((m) => [m, estimateOver(point.map((r) => lastValue(results.get(r.dir)!, m)))])),
    provenance: point.flatMap((r) => metrics.flatMap((m) => provenanceFromRecords(results.get(r.dir)!.records as never, m, r.dir))),
  });
  const tables = baselinesFirst.map((a) => {
    const runs = summary.runs.filter((r) => r.ablation?.ablation === a);
    const points = [...new Set(runs.map((r) => r.ablation!.name))];
    return { title: a, kind: kindOf(config, a), parameters: [], metrics, rows: points.map((name) => row(name, runs.filter((r) => r.ablation!.name === name))) };
  });
  const grid = summary.sweep?.grid ?? {};
  const axes = Object.keys(grid).length > 1 ? Object.entries(grid).map(([axis, values]) => {
    const runs = summary.runs.filter((r) => r.ablation && !declared.includes(r.ablation.ablation));
    // The value the replay was given (its manifest's parameters), not the point's name: a list value has commas.
    const has = (r: RunSummary['runs'][number], v: unknown) => JSON.stringify((results.get(r.dir)!.manifest.parameters as Record<string, unknown>)[axis]) === JSON.stringify(v);
    return { title: `${axis} (over every other axis and seed)`, kind: 'ablation' as const, parameters: [axis], metrics, rows: values.map((v) => row(`${axis}=${JSON.stringify(v)}`, runs.filter((r) => has(r, v)))) };
  }) : [];
  return [...tables, ...axes].filter((t) => t.rows.length > 0);
}

function failureRows(paperDir: string): PaperReport['failures'] {
  const path = join(paperDir, FAILURES_FILE);
  if (!existsSync(path)) return [];
  return readFailureLog(path).map((f) => ({
    id: f.id,
    seed: f.seed ?? null,
    cell: f.where?.cell ?? null,
    symptom: `${f.kind}${f.claim ? ` (${f.claim})` : ''}: ${f.symptom}`,
    ...(f.suspectedCause ? { cause: f.suspectedCause } : {}),
    status: f.status,
    ...(f.run ? { runDir: f.run } : {}),
  }));
}

function environment(): PaperReport['environment'] {
  const lock = join(PROJECT_ROOT, LOCK_FILE);
  return existsSync(lock) ? environmentSummary(readLock(lock), fileSha256(lock)) : null;
}
