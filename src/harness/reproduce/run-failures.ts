import type { NewFailure } from '../../library/paper-files/index';
import type { FailureKind, FailureWhere, JsonValue } from '../../library/paper-files/index';

/**
 * What `failuresFromRun` reads of a notebook run: the shape of src/harness/runner's `ExecutionResult`,
 * restated here (structurally) so that this file does not depend on the runner's internals.
 */
export interface RunOutcome {
  parameters: Record<string, unknown>;
  outputDir: string;
  failure?: { cell: number; cellId: string; status: string; detail: string; errorText: string };
  records: ReadonlyArray<{ name: string; value: unknown; cell: number; cellId: string; seed?: number | null; censored?: string }>;
}

const KIND_OF_STATUS: Record<string, FailureKind> = { error: 'cell-error', aborted: 'cell-error', timeout: 'timeout', dead: 'kernel-died', 'kernel-start': 'kernel-start', 'over-budget': 'over-budget' };

/** Longest symptom kept (characters); error texts beyond it are cut, the run folder keeps them whole. */
export const MAX_SYMPTOM_CHARS = 4000;

/**
 * The failure-log entries a run calls for: its failed cell (error, timeout, dead kernel, a replay
 * the runner stopped over a declared limit: kind over-budget, the detail naming limit and value), and
 * every record that came out NaN or infinite (`record` stores them as "NaN", "Infinity",
 * "-Infinity") unless it was recorded as censored, with a reason (an event that did not happen within
 * the run, e.g. steps to 99 % when 99 % was never reached). Budget overruns and unmet claims are judged elsewhere and passed to `appendFailure`
 * directly. `commit` is the run's git commit; `run` the run folder as it should be written (default
 * the run's outputDir).
 */
export function failuresFromRun(outcome: RunOutcome, commit: string, run: string = outcome.outputDir): NewFailure[] {
  const parameters = outcome.parameters as Record<string, JsonValue>;
  const rawSeed = parameters.seed;
  const seed = typeof rawSeed === 'number' && Number.isInteger(rawSeed) && rawSeed >= 0 ? rawSeed : undefined;
  const base = { commit, parameters, run, ...(seed === undefined ? {} : { seed }) };
  const out: NewFailure[] = [];
  const f = outcome.failure;
  if (f) {
    const symptom = [f.detail, f.errorText].filter((s) => s && s.trim()).join('\n');
    out.push({ ...base, kind: KIND_OF_STATUS[f.status] ?? 'other', where: f.status === 'kernel-start' ? {} : whereOf(f.cell, f.cellId), symptom: clip(symptom || `cell ${f.cell} ${f.status}`) });
  }
  for (const r of outcome.records) {
    if ((r.value === 'NaN' || r.value === 'Infinity' || r.value === '-Infinity') && !r.censored) {
      out.push({ ...base, kind: 'nan', where: whereOf(r.cell, r.cellId), symptom: `record ${r.name} = ${r.value}` });
    }
  }
  return out;
}

function whereOf(cell: number, cellId: string): FailureWhere {
  return cellId ? { cell, cellId } : { cell };
}

function clip(text: string): string {
  return text.length <= MAX_SYMPTOM_CHARS ? text : `${text.slice(0, MAX_SYMPTOM_CHARS)}\n… (${text.length - MAX_SYMPTOM_CHARS} more characters in the run folder)`;
}
