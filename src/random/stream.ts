import seedrandom from 'seedrandom';
import { invalid } from '../errors/index';

/**
 * A named, seeded stream of random numbers. Every draw in paperlab comes from one of these, so a
 * run is replayed exactly from its root seed. Streams are derived by name (not by order of
 * creation), so adding a new stream never changes the draws of existing ones.
 */
export class Rng {
  /** Seed string the generator was built from: `${rootSeed}/${path}`. */
  readonly seed: string;
  private readonly draw: () => number;

  constructor(readonly rootSeed: number, readonly path: string) {
    this.seed = `${rootSeed}/${path}`;
    // alea: fast, pure-JS double arithmetic, so identical on every machine and Node version.
    this.draw = seedrandom.alea(this.seed);
  }

  /** A sub-stream, e.g. `rng('init').child('layer1')`, independent of this stream's draws. */
  child(name: string): Rng {
    return new Rng(this.rootSeed, `${this.path}/${name}`);
  }

  /** Uniform float in [lo, hi). */
  uniform(lo = 0, hi = 1): number {
    return lo + (hi - lo) * this.draw();
  }

  /** Normal draw (Box–Muller; one of the pair is discarded to keep draws stateless). */
  normal(mean = 0, std = 1): number {
    const u1 = 1 - this.draw(); // in (0, 1]: log(0) never happens
    const u2 = this.draw();
    return mean + std * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Integer in [lo, hiExclusive). */
  integer(lo: number, hiExclusive: number): number {
    if (!Number.isInteger(lo) || !Number.isInteger(hiExclusive) || hiExclusive <= lo) {
      throw invalid('rng.integer(lo, hiExclusive)', 'integers with lo < hiExclusive', [lo, hiExclusive]);
    }
    return lo + Math.floor(this.draw() * (hiExclusive - lo));
  }

  /** A permutation of 0..n-1 (Fisher–Yates). */
  permutation(n: number): Int32Array {
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

  /** `k` items drawn from `items`, without replacement unless `replace` is set. */
  choice<T>(items: readonly T[], k: number, replace = false): T[] {
    if (!replace && k > items.length) {
      throw invalid('rng.choice(k)', `k <= ${items.length} without replacement`, k, 'pass replace=true or lower k');
    }
    if (replace) return Array.from({ length: k }, () => items[Math.floor(this.draw() * items.length)]!);
    return this.shuffle(items).slice(0, k);
  }

  /** A 31-bit integer seed for TF.js initializers and random ops, which take a `seed` option. */
  tfSeed(): number {
    return Math.floor(this.draw() * 0x7fffffff);
  }
}
