import type { Figure } from '../../library/display/index';
import type { RunManifest } from '../env/index';

/**
 * A number as a report shows it. JSON cannot hold NaN or ±Infinity, so (as `record()` does) a
 * diverged value may arrive as the string "NaN", "Infinity" or "-Infinity"; null means missing.
 */
export type ReportNumber = number | 'NaN' | 'Infinity' | '-Infinity' | null;

// One vocabulary for verdicts: src/harness/verdict judges, the report shows what it said.
import { VERDICTS, VERDICT_LABELS, type Verdict } from '../verdict/index';
export { VERDICTS, VERDICT_LABELS, type Verdict };

/** Which run produced a number: seed, notebook cell and run folder (and, optionally, the record). */
export interface Provenance {
  seed: number | string;
  /** Index of the cell in the executed notebook; null when the number was not recorded by a cell. */
  cell: number | null;
  /** Run folder holding the executed notebook and results.json, relative to the repository root. */
  runDir: string;
  /** Name of the `record()` that carried the value. */
  record?: string;
  /** The value this seed produced. */
  value?: ReportNumber;
}

/** A value over seeds: mean, sample standard deviation, confidence interval and seed count. */
export interface Estimate {
  mean: ReportNumber;
  std?: ReportNumber;
  /** Confidence interval [low, high] of the mean (the level is stated in `PaperReport.ciLevel`). */
  ci?: [ReportNumber, ReportNumber] | null;
  /** Number of seeds behind the value. */
  n: number;
}

/** One row of the claim table: what the paper says, what we measured, and the verdict. */
export interface ClaimRow {
  id: string;
  statement: string;
  /** Where in the paper, e.g. "Table 2, row 3" or "Section 4.1". */
  source: string;
  metric: string;
  unit?: string;
  /** The paper's number; null when the claim is qualitative. */
  paperValue: ReportNumber;
  /** The rule the verdict applies, in words, e.g. "within 1.0 points" or "ours ≥ paper − 2σ". */
  tolerance: string;
  /**
   * Whose number `paperValue` is: the paper's (default) or a threshold of ours, where the paper
   * prints no number (config.yaml `valueFrom: ours`). The table labels it so.
   */
  valueFrom?: 'paper' | 'ours';
  /** The interval the verdict accepts, [low, high]; null for an open side. Shown as the band. */
  band?: [ReportNumber, ReportNumber];
  ours: Estimate;
  verdict: Verdict;
  /** Why this verdict, in one sentence. */
  reason: string;
  provenance: Provenance[];
}

/** A row of a baseline or ablation table. */
export interface TableRow {
  name: string;
  /** Parameter values of this variant, by parameter name. */
  parameters: Record<string, string | number | boolean | null>;
  /** Metric values by metric name (keys of `ResultTable.metrics`). */
  metrics: Record<string, Estimate>;
  provenance: Provenance[];
}

/** A baseline or ablation table: variants as rows, parameters then metrics as columns. */
export interface ResultTable {
  title: string;
  kind: 'baseline' | 'ablation';
  caption?: string;
  /** Parameter columns, in order. */
  parameters: string[];
  /** Metric columns, in order (each row's `metrics` is keyed by these names). */
  metrics: string[];
  rows: TableRow[];
}

/** A plotly figure with the caption shown under it. */
export interface ReportFigure {
  caption: string;
  figure: Figure;
  provenance?: Provenance[];
}

/** One entry of the failure-case log. */
export interface FailureEntry {
  id: string;
  seed: number | string | null;
  cell: number | null;
  /** What was seen, e.g. "loss became NaN at step 412". */
  symptom: string;
  cause?: string;
  /** e.g. "open", "explained", "fixed in 3f2a1c". */
  status?: string;
  runDir?: string;
}

/** One budgeted resource: declared limit against what each seed used. */
export interface BudgetLine {
  /** e.g. "wall time", "GPU hours", "training steps". */
  resource: string;
  unit: string;
  /** Declared limit (for the whole run, or for each replay: see `limitPer`); null when none was declared. */
  declared: number | null;
  /** `run`: the limit holds for each seed's replay and is compared with the largest one; `total` (default): with the sum. */
  limitPer?: 'run' | 'total';
  usedPerSeed: Array<{ seed: number | string; used: number }>;
  /** The whole run's use: the sum over seeds, or the largest seed's for `aggregate: 'max'`. */
  usedTotal: number;
  /** How seeds combine: `sum` (default: time, steps, FLOPs) or `max` (a peak, such as memory, does not add). */
  aggregate?: 'sum' | 'max';
  /** Set when the runner knows better (e.g. a seed was stopped at its limit); default: usedTotal > declared. */
  over?: boolean;
}

/** The environment results were produced in: lock digest and a flat summary of the lock. */
export interface EnvironmentSummary {
  lockSha256: string | null;
  /** Flattened lock keys, e.g. `node`, `os.distro`, `packages.@tensorflow/tfjs`. */
  values: Record<string, string | number | boolean | null>;
  /** Differences of this machine from the lock, one line each (`paperlab env check`). */
  differences?: string[];
}

/** One task of a sweep (`paperlab sweep`): where it ran and how it ended. */
export interface SweepTaskRow {
  index: number;
  /** The task's replay folder in the sweep folder (`seed-1`, `ablation-…-seed-1`). */
  label: string;
  /** ok, failed, cancelled, timeout, lost, … */
  state: string;
  /** `<array job>_<task>` on Slurm; null on the local pool. */
  slurmId: string | null;
  node: string | null;
  seconds: number | null;
  /** `exit:signal` on Slurm, the process's exit status on the local pool. */
  exitCode: string | null;
  detail: string | null;
}

/** One finding of the static leakage check of the paper's code (src/harness/code-leaks), as the memo lists it. */
export interface CodeLeakFinding {
  /** Kapoor & Narayanan 2023 rule, e.g. `L1.2`. */
  rule: string;
  /** e.g. `code-resampling-fit`. */
  check: string;
  /** File in the paper folder and place: `reproduce.ipynb code cell 5, line 2`. */
  where: string;
  /** The warning, ending with its remedy. */
  message: string;
  /** config.yaml `accept`'s reason, when it covers the finding. */
  accepted?: string;
}

/**
 * What the one-page reproduction memo needs beyond the other sections: facts of the run folder
 * and config.yaml only (never a written summary). Absent in reports from before the memo.
 */
export interface ReportMemo {
  /** Root seeds of the main runs, in order (baselines and ablations ran with the same seeds). */
  seeds: Array<number | string>;
  /** Parameters whose config.yaml comment gives the paper's value as different: ours, and the comment's words for the paper's. */
  settings: Array<{ parameter: string; ours: string; paper: string }>;
  /** Parameters whose config.yaml comment calls them the paper's own. */
  asPaper: string[];
  /** config.yaml `easy` / `hard` (ML Reproducibility Challenge); absent when not written. */
  easy?: string[];
  hard?: string[];
  /** config.yaml `split`, its keys as written (kind, testSize, groupBy, ...); null when none is declared. */
  split: Record<string, string | number | boolean> | null;
  /** config.yaml `data` (name, source, licence, sizes) and the digest of data/manifest.yaml the replays were keyed on. */
  data: { name: string; source?: string; licence?: string; nTrain?: number; nTest?: number; manifestSha256?: string } | null;
  /** The static leakage check of the code as the run started; null when the run did not record it (older runs, sweeps). */
  codeLeaks: { findings: CodeLeakFinding[]; skipped: Array<{ file: string; reason: string }> } | null;
  /** How the numbers were computed: environment lock digest, TF.js backend (null when none was recorded), compute path. */
  compute: { lockSha256: string | null; backend: string | null; path: string };
}

/** Everything one paper's report shows. Render with `renderPaperHtml`, `renderMarkdownSummary`. */
export interface PaperReport {
  paper: { id: string; title: string; authors: string[]; year: number; venue: string; arxiv?: string; doi?: string; url?: string };
  /** Level of the confidence intervals in `Estimate.ci`, e.g. 0.95. */
  ciLevel: number;
  claims: ClaimRow[];
  figures: ReportFigure[];
  tables: ResultTable[];
  failures: FailureEntry[];
  budget: BudgetLine[];
  environment: EnvironmentSummary | null;
  manifests: RunManifest[];
  /** Where and why we deviate from the paper (CleanRL style), one sentence each. */
  deviations: string[];
  /** Leakage findings the config accepts with a reason (src/library/leakage): shown, never hidden. */
  acceptedLeakage?: Array<{ rule: string; reason: string }>;
  /** Set for a sweep: every task's provenance, those without results too. */
  sweep?: { on: string; tasks: SweepTaskRow[] };
  /** The run folder the report shows (`papers/<id>/runs/<stamp>`, relative to the repository root): its failures come first. */
  runDir?: string;
  /** Inputs of the one-page reproduction memo at the top of the page; without them the memo is built from the rest alone. */
  memo?: ReportMemo;
  /** ISO 8601 time the report was built. */
  generatedAt: string;

  // Runs over time (history.ts): set by reportFromRun; the section shows when there are two or more.
  /** Every run folder of the paper, newest first: full and replay runs, interrupted ones marked. */
  history?: HistoryRun[];
}

/** One run of a paper in "Runs over time": where and how it ran, and each claim's mean and verdict. */
export interface HistoryRun {
  /** The run folder's name (`20261204T195759Z`, `…-replay`). */
  stamp: string;
  /** The run folder, relative to the repository root. */
  runDir: string;
  /** ISO 8601 start of the run (summary.json), null when it left none. */
  startedAt: string | null;
  /** `full`, or `replay` for the CI profile: other parameters, so never on one line with full runs. */
  profile: 'full' | 'replay';
  /** Why it did not finish (a signal, killed, still running), null when it did; such runs are listed, never plotted. */
  interrupted: string | null;
  /** Each distinct commit its replays' manifests name, with the work tree's dirty flag. */
  commits: Array<{ commit: string | null; dirty: boolean | null }>;
  /** Compute path (`native`, `fallback`, `unknown`) and tfjs backend, as `paperlab diff` reads them. */
  compute: string;
  backend: string;
  /** Seeds of its main replays. */
  seeds: number[];
  /** The claims judged in this run, as summary.json holds them (mean over finite seeds, t CI when n > 1). */
  claims: Array<{ id: string; metric: string; mean: number | null; ci: [number, number] | null; n: number; verdict: Verdict }>;
}

/** One line of the index over all papers. */
export interface PaperSummary {
  id: string;
  title: string;
  year: number;
  verdicts: Record<Verdict, number>;
  /** End of the latest run (ISO 8601), null when never run. */
  lastRunAt: string | null;
  /** The first budget line: used against declared. */
  budget: { resource: string; unit: string; used: number; declared: number | null; over: boolean; text: string } | null;
  failures: number;
  /** Relative link to the paper's report page. */
  href: string;
}
