import { invalid } from '../../errors/index';
import type { Rng } from '../../random/index';
import { checkDataset, countClasses, type Dataset } from '../dataset';

/** Binary operations mod p, as in Power et al. 2022 ("Grokking", Appendix A.1). */
export type ModOp = '+' | '-' | '*' | '/';

/** Options of `modularArithmetic`. */
export interface ModularOptions {
  /** Modulus; must be prime for `'/'` (Power et al. use 97). */
  p: number;
  /** The operation, or any `(a, b, p) => c` with c in 0..p-1. Default `'+'`. */
  op?: ModOp | ((a: number, b: number, p: number) => number);
  /** Share of the table drawn into `train` (rounded to a row count); the rest is `test`. Default 0.5. */
  trainFraction?: number;
  /** Stream that draws the train/test split (e.g. `rng('data')`). */
  rng: Rng;
}

/** The full table of `a op b mod p` with a seeded train/test split. */
export interface ModularTable {
  /** All rows: x is one-hot(a) ‖ one-hot(b), shape `[n, 2p]`; y = c, p classes. */
  readonly dataset: Dataset;
  /** Operands of each row (row-major over a, then b). */
  readonly a: Int32Array;
  readonly b: Int32Array;
  /** Row indices of the train and test sets, each sorted ascending, disjoint, together all rows. */
  readonly train: Int32Array;
  readonly test: Int32Array;
}

/**
 * Every pair (a, b) in 0..p-1 and its result c = (a op b) mod p — all p² pairs, or p(p-1) for `'/'`
 * (b = 0 is skipped, as in Power et al.) — one-hot encoded, with a train/test split drawn from `rng`.
 */
export function modularArithmetic(options: ModularOptions): ModularTable {
  const { p, op = '+', trainFraction = 0.5, rng } = options;
  if (!Number.isInteger(p) || p < 2 || p > 4096) throw invalid('modularArithmetic(p)', 'an integer in 2..4096', p);
  if (!(trainFraction > 0 && trainFraction < 1)) throw invalid('modularArithmetic(trainFraction)', 'a number in (0, 1)', trainFraction);
  if (op === '/' && !isPrime(p)) throw invalid('modularArithmetic(p)', "a prime for op '/' (inverses mod p must exist)", p);
  const f = typeof op === 'function' ? op : OPS[op];
  if (!f) throw invalid('modularArithmetic(op)', "'+', '-', '*', '/' or a function", op);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < p; i++) for (let j = op === '/' ? 1 : 0; j < p; j++) { a.push(i); b.push(j); }
  const n = a.length;
  const x = new Float32Array(n * 2 * p);
  const y = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const c = f(a[r]!, b[r]!, p);
    if (!Number.isInteger(c) || c < 0 || c >= p) throw invalid(`modularArithmetic(op)(${a[r]}, ${b[r]}, ${p})`, `an integer in 0..${p - 1}`, c);
    x[r * 2 * p + a[r]!] = 1;
    x[r * 2 * p + p + b[r]!] = 1;
    y[r] = c;
  }
  const nTrain = Math.round(trainFraction * n);
  if (nTrain < 1 || nTrain >= n) throw invalid('modularArithmetic(trainFraction)', `a share leaving both sets non-empty for ${n} rows`, trainFraction);
  const perm = rng.permutation(n);
  const opName = typeof op === 'function' ? (op.name || 'custom') : op;
  const dataset = checkDataset({
    name: `mod${p}(${opName})`, x, y, shape: [n, 2 * p], task: 'classification', nClasses: p,
    classCounts: countClasses(y, p), source: `synthetic: (a ${opName} b) mod ${p}`, licence: 'CC0-1.0',
  });
  return {
    dataset, a: Int32Array.from(a), b: Int32Array.from(b),
    train: perm.slice(0, nTrain).sort(), test: perm.slice(nTrain).sort(),
  };
}

const OPS: Record<ModOp, (a: number, b: number, p: number) => number> = {
  '+': (a, b, p) => (a + b) % p,
  '-': (a, b, p) => (((a - b) % p) + p) % p,
  '*': (a, b, p) => (a * b) % p,
  '/': (a, b, p) => (a * modPow(b, p - 2, p)) % p, // Fermat: b^(p-2) = b^-1 mod prime p
};

function modPow(base: number, exp: number, mod: number): number {
  let result = 1;
  let x = base % mod;
  for (let e = exp; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) result = (result * x) % mod; // p ≤ 4096 keeps products far below 2^53
    x = (x * x) % mod;
  }
  return result;
}

function isPrime(p: number): boolean {
  for (let d = 2; d * d <= p; d++) if (p % d === 0) return false;
  return p >= 2;
}
