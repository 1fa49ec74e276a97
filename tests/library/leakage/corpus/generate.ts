// The planted-leakage corpus: a seeded set of train/test pairs, each with the Kapoor & Narayanan
// (2023) rules planted in it, plus clean controls that look suspicious. See README.md for the seeds.
import { invalid } from '../../../../src/library/errors/index';
import { rng, type Rng } from '../../../../src/library/random/index';
import type { RuleId } from '../../../../src/library/leakage/index';
import type { Case } from './case';
import { exactDuplicates, heavyOverlap, nearDuplicates, testInsideTrain, testIsTrain } from './leaky-split';
import { randomOversamplingBeforeSplit, smoteBeforeSplit } from './leaky-oversampling';
import { labelEncoded, labelPlusNoise, regressionLinear, regressionMonotone, regressionProxy } from './leaky-features';
import { unitsOverTime, unitsWithProxy } from './leaky-combined';
import { leakyUnitSplit, mostlyForward, rowSplitOfUnits, shuffledOverTime, testBeforeTrain } from './leaky-time-groups';
import {
  collinearFeatures, denseLowDim, duplicatesWithinTrain, groupDisjoint, imbalancedLabels, moderatelyCorrelated,
  oversampledInsideTrain, timeOrdered,
} from './clean';

/** Seeds for developing and tuning checks: look at these as much as you like. */
export const DEVELOPMENT_SEEDS: readonly number[] = [1, 2, 3];
/**
 * The seed the corpus test scores. Never tune a threshold on it: once it has been used for tuning,
 * it is no longer unseen, so replace it with a fresh one and record the old one in README.md.
 */
export const HELD_OUT_SEED = 8191;

/** One kind of case: its maker and how many variants (each with its own stream) the corpus holds. */
interface Kind {
  kind: string;
  /** The rule it plants, `combined` for two, or `clean`. */
  rule: RuleId | 'combined' | 'clean';
  variants: number;
  make: (r: Rng, name: string, v: number) => Case;
}

/** Every kind: 24 cases per rule with that rule alone, 8 with two rules, 24 clean controls. */
export const KINDS: readonly Kind[] = [
  { kind: 'test-is-train', rule: 'L1.1', variants: 8, make: testIsTrain },
  { kind: 'test-inside-train', rule: 'L1.1', variants: 8, make: testInsideTrain },
  { kind: 'heavy-overlap', rule: 'L1.1', variants: 8, make: heavyOverlap },
  { kind: 'smote-before-split', rule: 'L1.2', variants: 16, make: smoteBeforeSplit },
  { kind: 'random-oversampling-before-split', rule: 'L1.2', variants: 8, make: randomOversamplingBeforeSplit },
  { kind: 'exact-duplicates', rule: 'L1.4', variants: 10, make: exactDuplicates },
  { kind: 'near-duplicates', rule: 'L1.4', variants: 14, make: nearDuplicates },
  { kind: 'label-plus-noise', rule: 'L2', variants: 6, make: labelPlusNoise },
  { kind: 'label-encoded', rule: 'L2', variants: 6, make: labelEncoded },
  { kind: 'regression-proxy', rule: 'L2', variants: 6, make: regressionProxy },
  { kind: 'regression-linear', rule: 'L2', variants: 3, make: regressionLinear },
  { kind: 'regression-monotone', rule: 'L2', variants: 3, make: regressionMonotone },
  { kind: 'test-before-train', rule: 'L3.1', variants: 8, make: testBeforeTrain },
  { kind: 'shuffled-over-time', rule: 'L3.1', variants: 8, make: shuffledOverTime },
  { kind: 'mostly-forward', rule: 'L3.1', variants: 8, make: mostlyForward },
  { kind: 'row-split-of-units', rule: 'L3.2', variants: 12, make: rowSplitOfUnits },
  { kind: 'leaky-unit-split', rule: 'L3.2', variants: 12, make: leakyUnitSplit },
  { kind: 'units-over-time', rule: 'combined', variants: 4, make: unitsOverTime },
  { kind: 'units-with-proxy', rule: 'combined', variants: 4, make: unitsWithProxy },
  { kind: 'clean-dense-low-dim', rule: 'clean', variants: 3, make: denseLowDim },
  { kind: 'clean-duplicates-within-train', rule: 'clean', variants: 3, make: duplicatesWithinTrain },
  { kind: 'clean-collinear', rule: 'clean', variants: 3, make: collinearFeatures },
  { kind: 'clean-imbalanced', rule: 'clean', variants: 3, make: imbalancedLabels },
  { kind: 'clean-group-disjoint', rule: 'clean', variants: 3, make: groupDisjoint },
  { kind: 'clean-time-ordered', rule: 'clean', variants: 3, make: timeOrdered },
  { kind: 'clean-moderately-correlated', rule: 'clean', variants: 3, make: moderatelyCorrelated },
  { kind: 'clean-oversampled-inside-train', rule: 'clean', variants: 3, make: oversampledInsideTrain },
];

/**
 * One case in five has its test columns in another order, as two files exported separately can:
 * a checker must match columns by name. Drawn after the case, so the case itself is unchanged.
 */
function reorderTestColumns(r: Rng, c: Case): Case {
  if (r.uniform() >= 0.2) return c;
  const names = Object.keys(c.test.columns);
  const order = r.shuffle(names);
  if (order.every((n, i) => n === names[i])) order.reverse();
  return { ...c, description: `${c.description}; test columns in another order`, test: { columns: Object.fromEntries(order.map((n) => [n, c.test.columns[n]!])) } };
}

/** Options of {@link generateCorpus}. */
export interface CorpusOptions {
  /** Only these kinds (e.g. `['near-duplicates']`); default all. */
  kinds?: string[];
}

/**
 * The corpus of root seed `seed`. Each case draws from its own stream,
 * `rng('tests', seed).child('leakage-corpus').child(name).child('case')`, so a case is the same whatever other
 * cases exist, and a new seed changes every size, strength and value.
 */
export function generateCorpus(seed: number, options: CorpusOptions = {}): Case[] {
  const root = rng('tests', seed).child('leakage-corpus');
  const wanted = options.kinds ? new Set(options.kinds) : undefined;
  if (wanted) {
    const unknown = [...wanted].filter((k) => !KINDS.some((x) => x.kind === k));
    if (unknown.length > 0) throw invalid('generateCorpus(options.kinds)', `kinds of the corpus (${KINDS.map((k) => k.kind).join(', ')})`, unknown[0]);
  }
  const cases: Case[] = [];
  for (const k of KINDS) {
    if (wanted && !wanted.has(k.kind)) continue;
    for (let v = 0; v < k.variants; v++) {
      const name = `${k.kind}-${v}`;
      // the fixed last segment matters: alea's draws from seed strings that differ only in their last
      // characters are correlated (measured: the first uniform of `…-0`..`-7` rose in steps of 0.023)
      const r = root.child(name).child('case');
      cases.push(reorderTestColumns(r, k.make(r, name, v)));
    }
  }
  return cases;
}
