/**
 * The shapes every splitter shares. `Split` is consumed by `src/library/leakage`: keep it stable.
 */

/** A row label (class, group or row id). Numbers must be finite; one type per column. */
export type Label = number | string;

/**
 * What a splitter splits. Only `nSamples` is always needed; each splitter names the columns it reads.
 * - `y`: class labels (stratified splitters).
 * - `groups`: group labels (group splitters); rows of one group never straddle parts.
 * - `time`: timestamps (time-series split), any finite numbers; rows are ordered by it.
 * - `ids`: row ids hashed into each part's digest; default the row index 0..nSamples-1.
 * Every column given must have exactly `nSamples` entries.
 */
export interface SplitInput {
  nSamples: number;
  y?: ArrayLike<Label>;
  groups?: ArrayLike<Label>;
  time?: ArrayLike<number>;
  ids?: ArrayLike<Label>;
}

/** One part (train, validation or test) as recorded in the manifest. */
export interface PartManifest {
  /** Number of rows. */
  size: number;
  /** `sha256:<hex>` of the part's sorted row ids (see `digestIds`). Equal digests, equal rows. */
  digest: string;
  /** Rows per class label (keys are `String(label)`), when `y` was given. */
  classCounts?: Record<string, number>;
  /** Number of distinct groups in the part, when `groups` was given. */
  nGroups?: number;
}

/** Where a shuffled splitter's draws came from: `rng(stream, rootSeed)` of src/library/random. */
export interface SeedRecord {
  rootSeed: number;
  stream: string;
}

/**
 * Everything needed to prove two runs used the same split: who split, with what, and what came out.
 * Plain JSON (no typed arrays), so it can be written into a run's manifest as is.
 */
export interface SplitManifest {
  /** Factory name, e.g. `kfold`. */
  splitter: string;
  /** `describe()` of the splitter, e.g. `kfold(nSplits=5, shuffle=true, seed=7)`. */
  description: string;
  /** Every parameter of the splitter, resolved (defaults filled in). */
  params: Record<string, number | string | boolean | null>;
  /** Seed of the draws; `null` when the splitter draws nothing (unshuffled, time series). */
  seed: SeedRecord | null;
  /** 0-based index of this split and how many the splitter makes. */
  fold: number;
  nSplits: number;
  nSamples: number;
  /** Class labels / groups seen in the whole input (absent when the column was not given). */
  nClasses?: number;
  nGroups?: number;
  parts: { train: PartManifest; validation?: PartManifest; test: PartManifest };
  /** `sha256:<hex>` over the parts' digests: one string to compare two splits by. */
  digest: string;
  /** Soft problems (e.g. a class smaller than nSplits), as sklearn would warn. Empty when none. */
  warnings: string[];
}

/**
 * One split. Index arrays are row positions (0..nSamples-1), sorted ascending, disjoint; together
 * they cover every row except, in a time-series split, rows after the test window or inside the gap,
 * and, in a holdout given both `trainSize` and `testSize`, the rows neither part takes (as in sklearn).
 * `validation` is present only when a holdout was asked for one.
 */
export interface Split {
  fold: number;
  train: Int32Array;
  validation?: Int32Array;
  test: Int32Array;
  manifest: SplitManifest;
}

/** The one interface of every splitter (after sklearn's `split` / `get_n_splits` / `repr`). */
export interface Splitter {
  /** All splits of `input`, fold 0 first. Same input and seed, same splits. */
  split(input: SplitInput): Split[];
  /**
   * How many splits `split` returns. Every splitter here has a fixed count; `input` is part of the
   * interface so that data-dependent splitters (e.g. leave-one-group-out) fit it too.
   */
  nSplits(input?: SplitInput): number;
  /** One line naming the splitter and every parameter, e.g. `kfold(nSplits=5, shuffle=true, seed=7)`. */
  describe(): string;
}

/**
 * Seed options of a shuffling splitter. The splitter draws from `rng(stream, seed)` of src/library/random,
 * restarted on every `split` call so repeated calls give the same splits.
 */
export interface SeedOptions {
  /** Root seed of the stream. Default: the run's root seed (`rootSeed()`) when the splitter is built. */
  seed?: number;
  /** Stream name. Default `'splits'`. */
  stream?: string;
}
