import seedrandom from 'seedrandom';
import { invalid } from '../errors/index';

/**
 * A named, seeded stream of random numbers. Every draw in paperlab comes from one of these, so a
 * run is replayed exactly from its root seed. Streams are derived by name (not by order of
 * creation), so adding a new stream never changes the draws of existing ones.
 *
 * Each `Rng` is stateful and starts at the beginning of its stream: `rng('init')` called twice
 * gives two streams with the same draws. Derive distinct draws by name (`child('dense1')`,
 * `initSeed('dense1')`, `epochPermutation(n, epoch)`), never by call order, so that re-running a
 * notebook cell or inserting a layer leaves every other draw unchanged.
 *
 * Resolution: alea yields 32 random bits per draw, so `uniform()` is a multiple of 2^-32 and
 * `normal()` never exceeds ~6.66 standard deviations.
 */
export class Rng {
  /** Seed string the generator was built from: `${rootSeed}/${path}`. */
  readonly seed: string;
  private readonly draw: () => number;

  constructor(readonly rootSeed: number, readonly path: string) {
    checkRootSeed('new Rng(rootSeed)', rootSeed);
    if (typeof path !== 'string' || path === '') throw invalid('new Rng(path)', 'a non-empty stream path', path);
    this.seed = `${rootSeed}/${path}`;
    // alea: fast, pure-JS double arithmetic, so identical on every machine and Node version.
    this.draw = seedrandom.alea(this.seed);
  }

  /** A sub-stream, e.g. `rng('init').child('layer1')`, independent of this stream's draws. */
  child(name: string): Rng {
    checkStreamName(`${this.path}.child(name)`, name);
    return new Rng(this.rootSeed, `${this.path}/${name}`);
  }

  /** Uniform float in [lo, hi); defaults [0, 1). */
  uniform(lo = 0, hi = 1): number {
    if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi < lo) {
      throw invalid('rng.uniform(lo, hi)', 'finite numbers with lo <= hi', [lo, hi]);
    }
    return lo + (hi - lo) * this.draw();
  }

  /** Normal draw; defaults mean 0, std 1 (Box–Muller; two draws, the pair's sine half is discarded). */
  normal(mean = 0, std = 1): number {
    if (!Number.isFinite(mean) || !Number.isFinite(std) || std < 0) {
      throw invalid('rng.normal(mean, std)', 'a finite mean and a finite std >= 0', [mean, std]);
    }
    const u1 = 1 - this.draw(); // in (0, 1]: log(0) never happens
    const u2 = this.draw();
    return mean + std * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /**
   * Integer in [lo, hiExclusive). The range may span at most 2^32 values (one 32-bit draw);
   * the modulo-free `floor(u * range)` has a relative bias below range / 2^32.
   */
  integer(lo: number, hiExclusive: number): number {
    if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hiExclusive) || hiExclusive <= lo) {
      throw invalid('rng.integer(lo, hiExclusive)', 'safe integers with lo < hiExclusive', [lo, hiExclusive]);
    }
    if (hiExclusive - lo > 2 ** 32) {
      throw invalid('rng.integer(lo, hiExclusive)', 'a range of at most 2^32 values', hiExclusive - lo);
    }
    return lo + Math.floor(this.draw() * (hiExclusive - lo));
  }

  /** A permutation of 0..n-1 (Fisher–Yates, n - 1 draws). */
  permutation(n: number): Int32Array {
    if (!Number.isSafeInteger(n) || n < 0 || n > 2 ** 31 - 1) {
      throw invalid('rng.permutation(n)', 'an integer 0 <= n < 2^31', n);
    }
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(this.draw() * (i + 1));
      const t = out[i]!;
      out[i] = out[j]!;
      out[j] = t;
    }
    return out;
  }

  /** A shuffled copy of `items` (the input is left alone). Use instead of `tf.util.shuffle`. */
  shuffle<T>(items: readonly T[]): T[] {
    return Array.from(this.permutation(items.length), (i) => items[i]!);
  }

  /** `k` items drawn from `items`, without replacement unless `replace` is set (default false). */
  choice<T>(items: readonly T[], k: number, replace = false): T[] {
    if (!Number.isSafeInteger(k) || k < 0) throw invalid('rng.choice(k)', 'a non-negative integer', k);
    if (replace && items.length === 0 && k > 0) {
      throw invalid('rng.choice(items)', 'at least one item to draw from', '[]');
    }
    if (!replace && k > items.length) {
      throw invalid('rng.choice(k)', `k <= ${items.length} without replacement`, k, 'pass replace=true or lower k');
    }
    if (replace) return Array.from({ length: k }, () => items[Math.floor(this.draw() * items.length)]!);
    return this.shuffle(items).slice(0, k);
  }

  /**
   * An integer seed in [1, 2^31 - 1) for TF.js initializers and random ops, which take a `seed`
   * option. Never 0: TF.js 4.22 treats a falsy seed as "no seed" (`seed ? seed : Math.random()`
   * in tfjs-core ops/rand_util.js, `seed || Math.random()` in multinomial) and would draw unseeded.
   * Prefer `initSeed(name)` for weights, so each layer's seed is derived from its name.
   */
  tfSeed(): number {
    return 1 + Math.floor(this.draw() * 0x7ffffffe);
  }
}

/** Root seeds are non-negative safe integers: they are printed into the seed string and the manifest. */
export function checkRootSeed(where: string, seed: number): void {
  if (!Number.isSafeInteger(seed) || seed < 0) throw invalid(where, 'a non-negative integer', seed);
}

/**
 * Stream names are non-empty and contain no '/', which separates a child from its parent in the
 * seed string: `rng('a/b')` would otherwise silently replay `rng('a').child('b')`.
 */
export function checkStreamName(where: string, name: string): void {
  if (typeof name !== 'string' || name === '') throw invalid(where, 'a non-empty stream name', name);
  if (name.includes('/')) {
    throw invalid(where, "a stream name without '/'", name, `use rng('${name.split('/')[0]}').child(...)`);
  }
}
