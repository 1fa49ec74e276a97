import type { JSONSchemaType, SchemaObject } from 'ajv';
import type { Acceptance } from '../leakage/index';
import type { Budget } from '../budget/index';
import type { JsonValue } from '../results/index';

export type { JsonValue };

/**
 * The shapes of a paper folder's files: `papers/<id>/config.yaml` (PaperConfig) and
 * `papers/<id>/failures.yaml` (a list of FailureEntry). One ajv schema per shape, checked
 * against these types (see `Checked`).
 */

/** Who wrote the paper and where: the citation the README and reports print. */
export interface PaperMeta {
  /** The folder name, a slug such as `zhang2017-random-labels`. */
  id: string;
  title: string;
  /** One entry per author, in the paper's order. At least one. */
  authors: string[];
  /** Year of the version reproduced (integer). */
  year: number;
  /** e.g. `ICLR 2017`, `arXiv preprint`. */
  venue: string;
  /** arXiv id as a string (`"1611.03530"`, quoted: unquoted YAML reads 1706.10 as the number 1706.1). */
  arxiv?: string;
  /** DOI as a string, e.g. `"10.1145/3446776"`. */
  doi?: string;
  /** Where to read it (http or https). */
  url?: string;
}

/** How far our value may be from the paper's. `abs` and `rel` both given: within either passes. */
export interface Tolerance {
  /** Absolute distance allowed, in the metric's unit; >= 0. */
  abs?: number;
  /** Relative distance allowed, as a fraction of |paperValue| (0.05 = 5 %); >= 0. */
  rel?: number;
}

/**
 * Which side passes: `within` the tolerance of the paper's value (default), `at-least` it (minus the
 * tolerance, if any) or `at-most` it (plus the tolerance).
 */
export type Direction = 'within' | 'at-least' | 'at-most';

/** One claim of the paper that the notebook measures. */
export interface Claim {
  /** Unique within the config; a slug such as `random-labels-train-acc`. */
  id: string;
  /** The claim in words, as the paper makes it. */
  statement: string;
  /** Where in the paper: `Table 1`, `Figure 2 (left)`, `Section 5.1`. */
  source: string;
  /** Name of the record the notebook makes (`record('<metric>', value)`). */
  metric: string;
  /** How the value is measured (data part, aggregation over seeds, unit). */
  measure: string;
  /** The paper's number for this metric, or (with `valueFrom: ours`) the threshold we fixed for it. */
  paperValue: number;
  /**
   * Whose number `paperValue` is: `paper` (absent means so) when the paper prints it, `ours` when the paper
   * prints none and the value is our own a-priori threshold (a qualitative claim made testable).
   * Reports label the value accordingly, so our threshold never reads as the paper's result.
   */
  valueFrom?: 'paper' | 'ours';
  /** The paper's reported spread (± std over its runs), when it gives one; >= 0. */
  paperStd?: number;
  tolerance?: Tolerance;
  /** Default `within` (filled in at load); `within` needs a tolerance. */
  direction: Direction;
}

/** One ablation: a grid over parameters, or a list of named variants. Exactly one of the two. */
export interface Ablation {
  /** Unique within the config; a slug. */
  name: string;
  /** `baseline`: run with every `paperlab run` and tabled first; `ablation` (default): run with `--ablations`. */
  kind?: 'baseline' | 'ablation';
  description?: string;
  /** Parameter name → values to try (the cross product is run). Names must be in `parameters`. */
  grid?: Record<string, JsonValue[]>;
  /** Named parameter overrides, each run as one variant. */
  variants?: AblationVariant[];
}

export interface AblationVariant {
  name: string;
  /** Overrides of `parameters`; every name must be declared there. */
  parameters: Record<string, JsonValue>;
}

/** Which data, typed where the loaders need it; anything else goes in `options`. */
export interface DataConfig {
  /** Data set name, e.g. `mnist`, `fashion-mnist`, `iris`, or a file under data/. */
  name: string;
  /** Where it comes from (package, URL, Debian package). */
  source?: string;
  licence?: string;
  /** Rows used for training after subsampling; default all. */
  nTrain?: number;
  /** Rows used for testing; default all. */
  nTest?: number;
  /** Loader-specific settings, free-form. */
  options?: Record<string, JsonValue>;
}

/** Split kinds of src/library/splits, plus `predefined` (the data set's official split). */
export type SplitKind =
  | 'predefined'
  | 'holdout'
  | 'stratified-holdout'
  | 'kfold'
  | 'stratified-kfold'
  | 'group-kfold'
  | 'stratified-group-kfold'
  | 'time-series';

/** The split, in src/library/splits' option names. */
export interface SplitConfig {
  kind: SplitKind;
  /** Test part: a fraction in (0, 1) or a row count. */
  testSize?: number;
  /** Validation part, same units; default none. */
  validationSize?: number;
  /** Folds, >= 2 (k-fold kinds). Default 5. */
  nSplits?: number;
  shuffle?: boolean;
  /** Column holding group labels; required by group kinds. */
  groupBy?: string;
  /** Column holding class labels for stratified kinds; default the label. */
  stratifyBy?: string;
}

/**
 * config.yaml `budget`: the library's compute limits (src/library/budget `Budget`, the same keys
 * and units), held by the runner against each replay (one seed's notebook run), plus the wall limit
 * of the whole run. `maxWallSeconds` is required here; `maxSteps` and `maxEpochs` are integers.
 * The runner enforces `maxPeakMemoryMB` on the kernel's whole process group and `maxSteps`/`maxEpochs`
 * on each train() call's recorded use (src/harness/runner/memory-watch.ts), whatever the notebook passes to train().
 */
export interface PaperBudget extends Budget {
  /** Wall-clock limit of one seed's run, in seconds; > 0. */
  maxWallSeconds: number;
  /** Wall-clock limit of the whole run (all seeds and ablations), in seconds; > 0. Default none. */
  maxTotalWallSeconds?: number;
}

/**
 * The CI profile: a tiny replay of the notebook that finishes in seconds, checked metric by metric
 * against `accepted.replay.json` (same seed and backend give bit-identical values, so the default
 * tolerance is exact). Run by `paperlab run|check --replay` and by the test suite for every paper.
 */
export interface ReplayProfile {
  /** Root seeds of the replay; default config.yaml's first seed. */
  seeds?: number[];
  /** Overrides of `parameters` that make the replay small; every name must be declared there. */
  parameters: Record<string, JsonValue>;
  /** Absolute tolerance for metrics whose accepted entry sets none; default 0 (exact). */
  atol?: number;
  /** Relative tolerance, same rule; default 0. */
  rtol?: number;
}

/**
 * config.yaml `slurm`: how `paperlab sweep --on slurm` asks for each task (one notebook replay);
 * each is overridable by the flag of the same name. Defaults: the cluster's default partition, a
 * time limit derived from budget.maxWallSeconds, the replay's native threads (1 on the wasm/JS
 * path) and budget.maxPeakMemoryMB plus headroom.
 */
export interface SlurmSettings {
  /** `sbatch --partition`. */
  partition?: string;
  /** `sbatch --time`, in whole minutes; >= 1. */
  timeMinutes?: number;
  /** `sbatch --cpus-per-task`; >= 1. */
  cpusPerTask?: number;
  /** `sbatch --mem`, in MB; >= 1. */
  memoryMB?: number;
  /** Array tasks at once (`--array=0-N%P`); >= 1. Default: no limit but the cluster's. */
  maxParallel?: number;
}

/** Everything `config.yaml` holds, after defaults are filled in. */
export interface PaperConfig {
  paper: PaperMeta;
  claims: Claim[];
  /** Root seeds, one run each; integers, at least one, no repeats. */
  seeds: number[];
  /** Defaults injected into the notebook's `parameters` cell. Names are TS identifiers; not `seed`. */
  parameters: Record<string, JsonValue>;
  ablations: Ablation[];
  data?: DataConfig;
  split?: SplitConfig;
  budget: PaperBudget;
  /** CleanRL-style: "we use X whereas the paper (Table 2) uses Y because …". */
  deviations: string[];
  /**
   * What was easy to reproduce, one sentence each (ML Reproducibility Challenge, "What was easy").
   * Absent: the report's memo lists the heading as not written yet, never invented text.
   */
  easy?: string[];
  /** What was difficult, one sentence each (ML Reproducibility Challenge, "What was difficult"). */
  hard?: string[];
  /** Leakage findings accepted with a reason (see src/library/leakage). */
  accept: Acceptance[];
  /** The tiny CI replay; every paper in papers/ needs one (the test suite replays them all). */
  replay?: ReplayProfile;
  /** What each task of a sweep on Slurm asks for (`paperlab sweep --on slurm`). */
  slurm?: SlurmSettings;
}

/** What went wrong, for the failure log. */
export type FailureKind = 'cell-error' | 'timeout' | 'kernel-died' | 'kernel-start' | 'over-budget' | 'nan' | 'claim-not-met' | 'other';

/** Where the analysis stands. */
export type FailureStatus = 'open' | 'explained' | 'fixed' | 'wont-fix';

/** One entry of `failures.yaml`. Runs append them; people add `suspectedCause`, `analysis`, `status`. */
export interface FailureEntry {
  /** `F<n>`, unique in the log; assigned on append. */
  id: string;
  /** When it happened, ISO 8601 with time zone (`2026-11-23T13:30:00Z`). */
  date: string;
  /** Git commit (7–40 hex digits, `-dirty` when the tree had changes), or `unknown`. */
  commit: string;
  /** Root seed of the run; absent when the failure concerns no single seed. */
  seed?: number;
  /** The parameters the run used (after injection). */
  parameters: Record<string, JsonValue>;
  where: FailureWhere;
  kind: FailureKind;
  /** What was seen (error text, the value, the limit hit). */
  symptom: string;
  suspectedCause?: string;
  /** Default `open`. */
  status: FailureStatus;
  analysis?: string;
  /** Claim id, for `claim-not-met`. */
  claim?: string;
  /** Run folder (executed notebook and results.json), relative to the repository. */
  run?: string;
}

export interface FailureWhere {
  /**
   * Cell index in the executed notebook, 0-based, markdown cells counted (as src/harness/runner reports
   * it). The injected parameters cell shifts later indices by one: `cellId` is the stable name.
   */
  cell?: number;
  /** nbformat 4.5 cell id (the scaffold names cells: `setup`, `main`, …). */
  cellId?: string;
  /** Training step or epoch when known. */
  step?: number;
}

/** The dialect of every paperlab schema (ajv's `ajv/dist/2020`). */
export const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

/**
 * `JSONSchemaType<T>` under strict TypeScript (our tsc), plain `SchemaObject` where strict null
 * checks are off: tslab compiles src/ non-strict, and there ajv's type is an error string.
 */
export type Checked<T> = JSONSchemaType<T> extends string ? SchemaObject : JSONSchemaType<T>;
