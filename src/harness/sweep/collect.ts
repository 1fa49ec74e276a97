import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { invalid } from '../../library/errors/index';
import { loadPaperConfig, FAILURES_FILE, NOTEBOOK_FILE, type FailureEntry, type FailureKind, type JsonValue, type NewFailure } from '../../library/paper-files/index';
import { readResults, type ExecutionResult } from '../runner/index';
import { appendAll, commitLabel, failureEntries, sameSeeds, readRunSummary, writeSummary, type NotebookRun, type PaperRun } from '../reproduce/index';
import { judgeClaims, verdictTable } from '../verdict/index';
import { sweepStatus, type TaskState, type TaskStatus } from './sweep-state';

// A sweep whose tasks all ended becomes a run folder like `paperlab run`'s: summary.json with the
// claims judged on the main tasks, so verdicts, reports, accept and diff read it as they read a
// run; plus the sweep's own part (every task's provenance, and those without results).

/** A task's row in the sweep's provenance table. */
export interface TaskProvenance {
  index: number;
  label: string;
  state: TaskState;
  slurmId: string | null;
  slurmState: string | null;
  node: string | null;
  seconds: number | null;
  exitCode: string | null;
  detail: string | null;
}

export interface CollectedSweep {
  run: PaperRun;
  tasks: TaskProvenance[];
  /** Tasks without results (cancelled, timed out, failed before the notebook ran, never run). */
  incomplete: TaskProvenance[];
}

/**
 * Collects a sweep whose tasks all ended into `<sweepDir>/summary.json` and, unless the sweep said
 * `--no-failures`, appends to failures.yaml what failed: failed cells and NaNs as a run logs them,
 * and every task that ended without results, with its Slurm state and exit code. Collecting again
 * (after `--resume`) logs only what was not logged before.
 */
export function collectSweep(sweepDir: string): CollectedSweep {
  const status = sweepStatus(sweepDir);
  const { sweep } = status;
  if (status.active > 0) throw invalid(sweepDir, 'a sweep whose tasks all ended', `${status.active} of ${sweep.tasks.length} tasks still queued or running`, '`paperlab sweep status` shows them; collect when they end');
  const config = loadPaperConfig(sweep.paperDir);
  const runs = status.tasks.flatMap((t) => withResults(sweepDir, t, sweep.paperDir));
  const main = runs.filter((r) => !r.ablation);
  const judgements = judgeClaims(config.claims, main.map((r) => ({ records: r.execution.records })));
  const tasks = status.tasks.map(provenance);
  const incomplete = tasks.filter((t) => !runs.some((r) => r.dir === join(sweepDir, t.label)));
  const previous = readRunSummary(sweepDir) as (ReturnType<typeof readRunSummary> & { sweep?: { logged?: string[] }; failuresLogged?: FailureEntry[] }) | undefined;
  const logged = new Set(previous?.sweep?.logged ?? []);
  const startedAt = [...runs.map((r) => r.execution.startedAt), sweep.createdAt].sort()[0]!;
  const result: PaperRun = {
    paperId: sweep.paperId,
    paperDir: sweep.paperDir,
    runDir: sweepDir,
    profile: 'full',
    startedAt,
    endedAt: new Date().toISOString(),
    runs,
    judgements,
    verdictMarkdown: verdictTable(judgements).markdown,
    failuresLogged: previous?.failuresLogged ?? [],
    // Replays at once, as they ran (on Slurm the cluster decides): the most whose wall times overlapped.
    pool: { jobs: peakOverlap(runs.map((r) => r.execution)), threads: sweep.cpusPerTask },
  };
  // What this collect logs: each task attempt once (a resumed task is a new attempt), claims once all main tasks have results.
  const attempt = (t: TaskStatus) => `${t.task.index}@${t.slurmId ?? t.record?.startedAt ?? 'local'}`;
  const fresh = status.tasks.filter((t) => !logged.has(attempt(t)) && t.state !== 'not-run' && t.state !== 'not-submitted');
  const judgedAsDeclared = sameSeeds(sweep.seeds, config.seeds) && Object.keys(sweep.fixed).length === 0 && main.length === sweep.tasks.filter((t) => !t.ablation).length;
  const claimsOnce = judgedAsDeclared && !logged.has('claims');
  const sweepPart = { on: sweep.on, grid: sweep.grid, jobName: sweep.jobName ?? null, submissions: sweep.submissions, tasks, incomplete: incomplete.map((t) => t.label), logged: [...logged] };
  writeSummary(result, { sweep: sweepPart }); // the verdicts are on disk before failures.yaml is touched
  if (sweep.logFailures) {
    const freshRuns = runs.filter((r) => fresh.some((t) => join(sweepDir, t.task.label) === r.dir));
    const parameters = { ...config.parameters, ...sweep.fixed } as Record<string, JsonValue>;
    // A task's own failures (a failed cell, a NaN) also say where Slurm ran it and how it ended there.
    const onSlurm = new Map(fresh.filter((t) => t.slurmId).map((t) => [join(sweepDir, t.task.label), t]));
    const withSlurm = (e: NewFailure): NewFailure => {
      const t = e.run ? onSlurm.get(e.run) : undefined;
      return t ? { ...e, symptom: `${e.symptom} (${slurmWhere(t)})` } : e;
    };
    const entries = [
      ...failureEntries(config, freshRuns, claimsOnce ? judgements : [], sweepDir, parameters).map(withSlurm),
      ...fresh.filter((t) => incomplete.some((i) => i.index === t.task.index)).map((t) => taskFailure(t, sweepDir)),
    ];
    const written = appendAll(join(sweep.paperDir, FAILURES_FILE), entries);
    result.failuresLogged = [...result.failuresLogged, ...written.written];
    if (written.error) {
      result.failuresError = written.error;
      result.failuresNotLogged = written.notWritten;
    } else {
      for (const t of fresh) logged.add(attempt(t));
      if (claimsOnce) logged.add('claims');
    }
    writeSummary(result, { sweep: { ...sweepPart, logged: [...logged] } });
  }
  return { run: result, tasks, incomplete };
}

/** The replay of a task that ended with results (a failed cell has results too), as a run holds it. */
function withResults(sweepDir: string, t: TaskStatus, paperDir: string): NotebookRun[] {
  const dir = join(sweepDir, t.task.label);
  if (!t.record || (t.state !== 'ok' && t.state !== 'failed') || !existsSync(join(dir, 'results.json'))) return [];
  const file = readResults(dir);
  if (file.interrupted) return [];
  const manifest = file.manifest as { memory?: ExecutionResult['memory'] } | undefined;
  const execution: ExecutionResult = {
    ok: file.ok,
    input: join(paperDir, NOTEBOOK_FILE),
    notebookPath: file.notebook,
    outputDir: dir,
    startedAt: t.record.startedAt,
    endedAt: t.record.endedAt,
    parameters: t.task.parameters,
    ...(file.failure ? { failure: file.failure as ExecutionResult['failure'] } : {}),
    records: file.records as ExecutionResult['records'],
    cells: file.cells as ExecutionResult['cells'],
    ...(manifest?.memory ? { memory: manifest.memory } : {}),
  };
  return [{ seed: t.task.seed, ...(t.task.ablation ? { ablation: t.task.ablation } : {}), ok: file.ok, dir, resultsPath: join(dir, 'results.json'), execution, ...(file.cachedFrom ? { cachedFrom: file.cachedFrom } : {}) }];
}

function provenance(t: TaskStatus): TaskProvenance {
  return {
    index: t.task.index, label: t.task.label, state: t.state, slurmId: t.slurmId ?? null, slurmState: t.slurmState ?? null,
    node: t.node ?? null, seconds: t.seconds ?? null, exitCode: t.exitCode ?? null, detail: t.detail ?? null,
  };
}

const KIND_OF: Partial<Record<TaskState, FailureKind>> = { timeout: 'timeout', failed: 'kernel-died', lost: 'kernel-died' };

function slurmWhere(t: TaskStatus): string {
  return `Slurm task ${t.slurmId}${t.node ? ` on ${t.node}` : ''}, state ${t.slurmState ?? '?'}, exit code ${t.exitCode ?? '?'}`;
}

/** A task that ended without results, for failures.yaml: its Slurm state and exit code in the symptom. */
function taskFailure(t: TaskStatus, sweepDir: string): NewFailure {
  const where = t.slurmId ? slurmWhere(t) : `local task ${t.task.index}`;
  return {
    commit: commitLabel(),
    seed: t.task.seed,
    kind: KIND_OF[t.state] ?? 'other',
    where: {},
    parameters: t.task.parameters,
    symptom: `sweep task ${t.task.index} (${t.task.label}) ${t.state} without results (${where})${t.detail ? `: ${t.detail}` : ''}`,
    run: join(sweepDir, t.task.label),
  };
}

function peakOverlap(spans: ReadonlyArray<{ startedAt: string; endedAt: string }>): number {
  const events = spans.flatMap((s) => [[Date.parse(s.startedAt), 1], [Date.parse(s.endedAt), -1]] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let peak = 0;
  for (const [, delta] of events) peak = Math.max(peak, (now += delta));
  return peak;
}

