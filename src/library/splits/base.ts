import { invalid, PaperlabError } from '../errors/index';
import { rng, rootSeed, type Rng } from '../random/index';
import { makeSplits, type RawFold } from './manifest';
import type { SeedOptions, SeedRecord, Split, SplitInput, Splitter } from './types';
import { checkBool, prepare, type Needs, type Prepared } from './validate';

/** What a splitter's core returns: its folds and any soft problems to record in the manifest. */
export interface FoldPlan {
  folds: RawFold[];
  warnings?: string[];
}

type Params = Record<string, number | string | boolean | null>;

/** Default stream of shuffling splitters: `rng('splits')` of the run's root seed. */
export const DEFAULT_SPLIT_STREAM = 'splits';

/** Resolves seed options now (not at split time), so `describe()` and every split agree. */
export function resolveSeed(who: string, opts: SeedOptions): SeedRecord {
  const seed = opts.seed ?? rootSeed();
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0) {
    throw invalid(`${who} seed`, 'a non-negative integer', typeof seed === 'number' ? String(seed) : typeof seed);
  }
  const stream = opts.stream ?? DEFAULT_SPLIT_STREAM;
  if (typeof stream !== 'string' || stream === '') throw invalid(`${who} stream`, 'a non-empty stream name', String(stream));
  try {
    rng(stream, seed); // src/library/random owns the naming rules; report its complaint under our option's name
  } catch (e) {
    if (!(e instanceof PaperlabError)) throw e;
    throw invalid(`${who} stream`, e.expected ?? 'a valid stream name', stream, e.hint);
  }
  return { rootSeed: seed, stream };
}

/** `shuffle` option plus the seed it implies (`null` when nothing is drawn). */
export function shuffleSeed(who: string, opts: SeedOptions & { shuffle?: boolean }, byDefault: boolean): SeedRecord | null {
  const shuffle = checkBool(who, 'shuffle', opts.shuffle ?? byDefault);
  if (!shuffle && (opts.seed !== undefined || opts.stream !== undefined)) {
    throw invalid(`${who} seed`, 'no seed when shuffle=false (nothing is drawn)', String(opts.seed ?? opts.stream), 'set shuffle=true or drop the seed');
  }
  return shuffle ? resolveSeed(who, opts) : null;
}

/** `name(a=1, b=true, c="x")`, the one-line form of `describe()` (sklearn's repr). */
export function formatCall(name: string, params: Params): string {
  const args = Object.entries(params).map(([k, v]) => `${k}=${typeof v === 'string' ? JSON.stringify(v) : String(v)}`);
  return `${name}(${args.join(', ')})`;
}

/**
 * Shared mechanics: checks input, restarts the seeded stream, builds manifests. A splitter only
 * implements `plan` (after sklearn's `_iter_test_indices`).
 */
export abstract class BaseSplitter implements Splitter {
  protected constructor(
    readonly name: string,
    protected readonly k: number,
    protected readonly needs: Needs,
    readonly seed: SeedRecord | null,
  ) {}

  /** Parameters shown by `describe()` and recorded in the manifest. */
  protected abstract params(): Params;

  /** The folds of checked data. `draw` is a fresh stream per call, or null if unshuffled. */
  protected abstract plan(data: Prepared, draw: Rng | null): FoldPlan;

  split(input: SplitInput): Split[] {
    const data = prepare(this.name, input, this.needs);
    const draw = this.seed ? rng(this.seed.stream, this.seed.rootSeed) : null;
    const { folds, warnings = [] } = this.plan(data, draw);
    const meta = { splitter: this.name, description: this.describe(), params: this.allParams(), seed: this.seed, nSplits: this.k };
    return makeSplits(meta, data, folds, warnings);
  }

  nSplits(_input?: SplitInput): number {
    return this.k;
  }

  describe(): string {
    return formatCall(this.name, this.allParams());
  }

  private allParams(): Params {
    const p = this.params();
    if (this.seed) {
      p.seed = this.seed.rootSeed;
      if (this.seed.stream !== DEFAULT_SPLIT_STREAM) p.stream = this.seed.stream;
    }
    return p;
  }
}
