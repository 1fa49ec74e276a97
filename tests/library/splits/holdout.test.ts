import assert from 'node:assert/strict';
import { test } from 'node:test';
import { holdout, stratifiedHoldout, type Split } from '../../../src/library/splits/index';
import { caseRng, classCounts, folds, imbalancedLabels, sklearn, stratDeviation, type OracleCase } from './helpers';

// Random cases: fractions with awkward floats (0.3 * 10 = 3.0000000000000004 rounds up to 4 in
// sklearn and must here too) and integer counts, for testSize alone, trainSize alone (floor, not
// ceil) and both (rows may be left out), several holdouts per splitter (ShuffleSplit's n_splits).
const r = caseRng('holdout');
const FRACTIONS = [0.1, 0.2, 0.25, 0.3, 0.33, 0.5, 0.7, 0.05, 0.15, 0.45, 0.6, 0.9, 0.999];
const frac = () => FRACTIONS[r.integer(0, FRACTIONS.length)]!;
type Sizes = { testSize?: number; trainSize?: number };
/** Which size options a case gives: test only, train only, or both (each a fraction or a count >= 2). */
function randomSizes(i: number, n: number, lo = 2): Sizes {
  const size = () => (r.uniform() < 0.35 ? r.integer(lo, Math.max(lo + 1, Math.floor(n / 2))) : frac());
  const mode = i % 3;
  if (mode === 0) return { testSize: size() };
  if (mode === 1) return { trainSize: size() };
  return { testSize: size(), trainSize: size() };
}
const plain: OracleCase[] = [];
for (let i = 0; i < 300; i++) {
  const n = r.integer(3, 500);
  const shuffle = i % 4 !== 3;
  const nSplits = shuffle && i % 5 === 0 ? r.integer(2, 5) : 1;
  plain.push({ kind: 'holdout', n, params: { ...randomSizes(i, n), shuffle, ...(nSplits > 1 ? { nSplits } : {}) } });
}
const strat: OracleCase[] = [];
while (strat.length < 200) {
  const nClasses = r.integer(2, 6);
  const n = r.integer(nClasses * 8, 500);
  const sizes = randomSizes(strat.length, n, nClasses);
  const nSplits = strat.length % 5 === 0 ? r.integer(2, 4) : 1;
  strat.push({ kind: 'stratifiedHoldout', n, params: { ...sizes, ...(nSplits > 1 ? { nSplits } : {}) }, y: imbalancedLabels(r, n, nClasses, r.uniform(0.2, 1)) });
}
// Sizes sklearn rejects (and so must we): fractions over 1 together, a train part floored to 0,
// counts over nSamples, a count of all rows, a test part of fewer rows than classes.
const badPlain: OracleCase[] = [
  { kind: 'holdout', n: 10, params: { testSize: 0.3, trainSize: 0.8, shuffle: true } },
  { kind: 'holdout', n: 5, params: { trainSize: 0.1, shuffle: true } },
  { kind: 'holdout', n: 10, params: { testSize: 4, trainSize: 7, shuffle: true } },
  { kind: 'holdout', n: 10, params: { testSize: 10, shuffle: true } },
  { kind: 'holdout', n: 10, params: { trainSize: 10, shuffle: false } },
  { kind: 'holdout', n: 10, params: { testSize: 0.5, trainSize: 6, shuffle: true } },
  { kind: 'holdout', n: 10, params: { testSize: 12, shuffle: false } },
];
const badStrat: OracleCase[] = [
  { kind: 'stratifiedHoldout', n: 9, params: { trainSize: 2 }, y: [0, 0, 0, 1, 1, 1, 2, 2, 2] },
  { kind: 'stratifiedHoldout', n: 9, params: { testSize: 0.2, trainSize: 0.7 }, y: [0, 0, 0, 1, 1, 1, 2, 2, 2] },
  { kind: 'stratifiedHoldout', n: 8, params: { testSize: 0.5, shuffle: false }, y: [0, 0, 0, 0, 1, 1, 1, 1] },
];
const oracle = sklearn([...plain, ...strat, ...badPlain, ...badStrat]);

function assertDisjoint(s: Split, n: number, cover: boolean, what: string): void {
  const parts = [s.train, s.validation ?? new Int32Array(0), s.test];
  const seen = new Uint8Array(n);
  for (const p of parts) for (const i of p) seen[i]!++;
  assert.ok(seen.every((c) => c <= 1), `${what}: parts disjoint`);
  if (cover) assert.ok(seen.every((c) => c === 1), `${what}: parts covering`);
}
const assertDisjointCover = (s: Split, n: number, what: string) => assertDisjoint(s, n, true, what);
const both = (c: OracleCase) => c.params.testSize !== undefined && c.params.trainSize !== undefined;
const opt = (c: OracleCase) => ({ testSize: c.params.testSize as number | undefined, trainSize: c.params.trainSize as number | undefined, nSplits: c.params.nSplits as number | undefined });

test('holdout: sizes equal sklearn ShuffleSplit (test_size, train_size, both, n_splits); unshuffled equals train_test_split(shuffle=False)', () => {
  plain.forEach((c, i) => {
    const shuffle = c.params.shuffle as boolean;
    const run = () => holdout({ ...opt(c), shuffle, ...(shuffle ? { seed: i } : {}) }).split({ nSamples: c.n });
    if ('error' in oracle[i]!) return void assert.throws(run, /^PaperlabError: holdout (testSize|trainSize)/, `case ${i} ${JSON.stringify(c.params)} n=${c.n}: sklearn raised ${(oracle[i] as { error: string }).error}`);
    const splits = run();
    const theirs = folds(oracle[i]!, `case ${i} ${JSON.stringify(c.params)} n=${c.n}`);
    assert.equal(splits.length, theirs.length, `case ${i} nSplits`);
    splits.forEach((s, k) => {
      const f = theirs[k]!;
      const what = `case ${i} split ${k} ${JSON.stringify(c.params)} n=${c.n}`;
      assert.equal(s.test.length, f.test.length, `${what} test size`);
      assert.equal(s.train.length, f.train.length, `${what} train size`);
      if (!shuffle) {
        assert.deepEqual(Array.from(s.train), f.train);
        assert.deepEqual(Array.from(s.test), f.test);
      }
      assert.equal(s.manifest.nSplits, splits.length);
      assertDisjoint(s, c.n, !both(c), what);
    });
  });
});

test('holdout and stratifiedHoldout reject exactly the sizes sklearn rejects', () => {
  [...badPlain, ...badStrat].forEach((c, j) => {
    const sk = oracle[plain.length + strat.length + j]!;
    assert.ok('error' in sk, `sklearn accepted ${JSON.stringify(c.params)}`);
    const o = { ...opt(c), ...(c.params.shuffle === false ? { shuffle: false } : { seed: 1 }) };
    const run = () => (c.kind === 'holdout' ? holdout(o as never) : stratifiedHoldout(o as never)).split({ nSamples: c.n, y: c.y });
    assert.throws(run, /^PaperlabError: (holdout|stratifiedHoldout) (testSize|trainSize|shuffle): expected/, `${c.kind} ${JSON.stringify(c.params)} (sklearn: ${(sk as { error: string }).error})`);
  });
});

test('trainSize: floor for train, ceil for test; with both given, rows are left out; messages name the rule', () => {
  const [a] = holdout({ trainSize: 0.33, seed: 1 }).split({ nSamples: 10 });
  assert.deepEqual([a!.train.length, a!.test.length], [3, 7]); // floor(3.3), the rest
  const [b] = holdout({ trainSize: 0.5, testSize: 0.3, shuffle: false }).split({ nSamples: 11 });
  assert.deepEqual([Array.from(b!.train), Array.from(b!.test)], [[0, 1, 2, 3, 4], [5, 6, 7, 8]]); // floor(5.5), ceil(3.3); rows 9, 10 unused
  assert.equal(holdout({ trainSize: 0.5, seed: 2 }).describe(), 'holdout(testSize=null, trainSize=0.5, validationSize=null, shuffle=true, seed=2)');
  assert.equal(holdout({ seed: 2 }).describe(), 'holdout(testSize=0.25, validationSize=null, shuffle=true, seed=2)');
  assert.throws(() => holdout({ testSize: 0.3, trainSize: 0.8 }), /^PaperlabError: holdout trainSize: expected trainSize \+ testSize <= 1 \(as fractions\), got 0\.8 \+ 0\.3 = 1\.1; lower trainSize and\/or testSize$/);
  assert.throws(() => holdout({ trainSize: 0.1, seed: 1 }).split({ nSamples: 5 }), /^PaperlabError: holdout trainSize: expected at least one train row, got 0 rows \(floor\(0\.1 \* nSamples=5\)\); raise trainSize or add data$/);
  assert.throws(() => holdout({ trainSize: 6, testSize: 5, seed: 1 }).split({ nSamples: 10 }), /^PaperlabError: holdout trainSize: expected train \+ validation \+ test rows <= nSamples=10, got 6 train \+ 0 validation \+ 5 test rows/);
  assert.throws(() => holdout({ trainSize: 10, seed: 1 }).split({ nSamples: 10 }), /^PaperlabError: holdout trainSize: expected train \+ validation rows < nSamples=10 so test keeps a row, got 10 train \+ 0 validation rows/);
});

test('trainSize with a validation part: validation rounds up like test, the implied part takes the rest', () => {
  const [a] = holdout({ trainSize: 0.6, validationSize: 0.15, seed: 4 }).split({ nSamples: 21 });
  assert.deepEqual([a!.train.length, a!.validation!.length, a!.test.length], [12, 4, 5]); // floor(12.6), ceil(3.15), rest
  const [u] = holdout({ trainSize: 4, validationSize: 2, testSize: 3, shuffle: false }).split({ nSamples: 12 });
  assert.deepEqual([Array.from(u!.train), Array.from(u!.validation!), Array.from(u!.test)], [[0, 1, 2, 3], [4, 5], [6, 7, 8]]);
  const y = imbalancedLabels(r, 200, 3, 0.6, 10);
  const [st] = stratifiedHoldout({ trainSize: 0.5, validationSize: 0.2, testSize: 0.2, seed: 4 }).split({ nSamples: 200, y });
  assert.deepEqual([st!.train.length, st!.validation!.length, st!.test.length], [100, 40, 40]);
  assertDisjoint(st!, 200, false, 'strat train/validation/test with rows left out');
  for (const part of [st!.train, st!.validation!, st!.test]) assert.ok(classCounts(part, y, 3).every((m) => m > 0), "every class in every part");
  assert.throws(() => holdout({ trainSize: 0.7, validationSize: 0.3, seed: 1 }).split({ nSamples: 10 }),
    /^PaperlabError: holdout trainSize: expected train \+ validation rows < nSamples=10 so test keeps a row, got 7 train \+ 3 validation rows; lower trainSize\/validationSize or add data$/);
});

test('a size of 1 is refused as ambiguous (1.0 = all rows, 1 = one row), for every size option', () => {
  for (const name of ['testSize', 'trainSize', 'validationSize'] as const) {
    assert.throws(() => holdout({ [name]: 1 }), new RegExp(`^PaperlabError: holdout ${name}: expected a fraction in \\(0, 1\\) or a row count >= 2, got 1; 1 is ambiguous \\(1\\.0 = all rows or 1 = one row\\? JavaScript cannot tell them apart\\); pass a fraction below 1 or a row count >= 2$`));
    assert.throws(() => stratifiedHoldout({ [name]: 1.0 }), new RegExp(`^PaperlabError: stratifiedHoldout ${name}: expected .* got 1; 1 is ambiguous`));
  }
  assert.equal(holdout({ testSize: 2, seed: 1 }).split({ nSamples: 10 })[0]!.test.length, 2);
});

test('repeated holdouts (nSplits): independent seeded splits, split 0 equal to the single holdout, one interface', () => {
  const many = holdout({ testSize: 0.3, nSplits: 4, seed: 5 });
  const one = holdout({ testSize: 0.3, seed: 5 });
  const s = many.split({ nSamples: 40 });
  assert.equal(many.nSplits(), 4);
  assert.deepEqual(s.map((x) => x.fold), [0, 1, 2, 3]);
  assert.deepEqual(Array.from(s[0]!.test), Array.from(one.split({ nSamples: 40 })[0]!.test));
  assert.equal(new Set(s.map((x) => x.manifest.digest)).size, 4, 'four different splits');
  assert.deepEqual(s.map((x) => x.manifest.digest), many.split({ nSamples: 40 }).map((x) => x.manifest.digest), 'same seed, same splits');
  assert.equal(many.describe(), 'holdout(testSize=0.3, validationSize=null, nSplits=4, shuffle=true, seed=5)');
  const y = imbalancedLabels(r, 120, 3, 0.5);
  const st = stratifiedHoldout({ testSize: 0.25, nSplits: 3, seed: 5 });
  const ss = st.split({ nSamples: 120, y });
  assert.equal(ss.length, 3);
  assert.deepEqual(Array.from(ss[0]!.test), Array.from(stratifiedHoldout({ testSize: 0.25, seed: 5 }).split({ nSamples: 120, y })[0]!.test));
  assert.notDeepEqual(Array.from(ss[1]!.test), Array.from(ss[2]!.test));
  assert.throws(() => holdout({ nSplits: 3, shuffle: false }), /^PaperlabError: holdout nSplits: expected 1 when shuffle=false \(every unshuffled holdout is the same rows\), got 3; set shuffle=true or nSplits=1$/);
  assert.throws(() => holdout({ nSplits: 0 }), /^PaperlabError: holdout nSplits: expected an integer >= 1, got 0$/);
});

test('stratifiedHoldout: shuffle=false is refused as sklearn refuses it; unknown options are refused at run time', () => {
  assert.throws(() => stratifiedHoldout({ shuffle: false } as never),
    /^PaperlabError: stratifiedHoldout shuffle: expected true \(a stratified split is always drawn at random\), got false; drop shuffle \(sklearn has no unshuffled stratified split: train_test_split\(shuffle=False, stratify=y\) raises\), or use holdout\(\{ shuffle: false \}\) without stratification$/);
  assert.equal(stratifiedHoldout({ shuffle: true, seed: 3 }).describe(), 'stratifiedHoldout(testSize=0.25, validationSize=null, seed=3)');
  assert.throws(() => stratifiedHoldout({ testSize: 0.2, shufle: true } as never),
    /^PaperlabError: stratifiedHoldout options: expected only known options \(testSize, trainSize, validationSize, nSplits, shuffle, seed, stream\), got unknown option\(s\) "shufle"; check the spelling/);
  assert.throws(() => holdout({ test_size: 0.2 } as never), /^PaperlabError: holdout options: expected only known options .*, got unknown option\(s\) "test_size"/);
  assert.throws(() => holdout(0.2 as never), /^PaperlabError: holdout options: expected an options object \{ testSize, trainSize, validationSize, nSplits, shuffle, seed, stream \}, got number 0\.2$/);
});

test('holdout with a validation part: train/validation/test sizes, disjoint, in the manifest', () => {
  const [s] = holdout({ testSize: 0.2, validationSize: 0.1, seed: 3 }).split({ nSamples: 95 });
  assert.equal(s!.test.length, 19); // ceil(0.2 * 95)
  assert.equal(s!.validation!.length, 10); // ceil(0.1 * 95) = ceil(9.5)
  assert.equal(s!.train.length, 66);
  assertDisjointCover(s!, 95, 'validation');
  assert.equal(s!.manifest.parts.validation!.size, 10);
  assert.match(s!.manifest.parts.validation!.digest, /^sha256:[0-9a-f]{64}$/);
  const [u] = holdout({ testSize: 2, validationSize: 3, shuffle: false }).split({ nSamples: 10 });
  assert.deepEqual([Array.from(u!.train), Array.from(u!.validation!), Array.from(u!.test)], [[0, 1, 2, 3, 4], [5, 6, 7], [8, 9]]);
  const [none] = holdout({ seed: 1 }).split({ nSamples: 10 });
  assert.equal(none!.validation, undefined);
  assert.equal(none!.manifest.parts.validation, undefined);
});

test('stratifiedHoldout: sizes equal sklearn (test_size, train_size, both, n_splits), class counts within one row of sklearn, floor or ceil of the exact share', () => {
  strat.forEach((c, j) => {
    const i = plain.length + j;
    const run = () => stratifiedHoldout({ ...opt(c), seed: j }).split({ nSamples: c.n, y: c.y });
    if ('error' in oracle[i]!) return void assert.throws(run, /^PaperlabError: stratifiedHoldout (testSize|trainSize)/, `case ${j} ${JSON.stringify(c.params)} n=${c.n}: sklearn raised ${(oracle[i] as { error: string }).error}`);
    const splits = run();
    const theirs = folds(oracle[i]!, `case ${j} ${JSON.stringify(c.params)}`);
    assert.equal(splits.length, theirs.length);
    const y = c.y!;
    const k = new Set(y).size;
    const all = classCounts(Array.from({ length: c.n }, (_, x) => x), y, k);
    splits.forEach((s, sp) => {
      const f = theirs[sp]!;
      const what = `case ${j} split ${sp} ${JSON.stringify(c.params)} n=${c.n}`;
      assert.equal(s.test.length, f.test.length, `${what} test size`);
      assert.equal(s.train.length, f.train.length, `${what} train size`);
      for (const [part, sk] of [[s.test, f.test], [s.train, f.train]] as const) {
        const ours = classCounts(part, y, k);
        const theirsC = classCounts(sk, y, k);
        ours.forEach((m, cl) => {
          assert.ok(Math.abs(m - theirsC[cl]!) <= 1, `${what} class ${cl}: ${m} vs sklearn ${theirsC[cl]}`);
          const share = (all[cl]! * part.length) / c.n;
          assert.ok(m >= Math.floor(share - 1e-9) - (both(c) ? 1 : 0) && m <= Math.ceil(share + 1e-9) + (both(c) ? 1 : 0), `${what} class ${cl}: ${m} rows for a share of ${share}`);
        });
      }
      const dev = stratDeviation([s.test], y);
      assert.ok(dev <= stratDeviation([f.test], y) + 1 / s.test.length + 1e-12, `${what}: deviation`);
      assertDisjoint(s, c.n, !both(c), what);
    });
  });
});

test('stratifiedHoldout with validation keeps every class in every part', () => {
  const y = imbalancedLabels(r, 300, 4, 0.4, 10);
  const [s] = stratifiedHoldout({ testSize: 0.2, validationSize: 0.2, seed: 9 }).split({ nSamples: 300, y });
  assertDisjointCover(s!, 300, 'strat validation');
  const all = classCounts(Array.from({ length: 300 }, (_, x) => x), y, 4);
  for (const part of [s!.train, s!.validation!, s!.test]) {
    classCounts(part, y, 4).forEach((m, cl) => {
      const share = (all[cl]! * part.length) / 300;
      assert.ok(Math.abs(m - share) <= 2, `class ${cl}: ${m} rows for a share of ${share}`);
    });
  }
  assert.deepEqual(Object.keys(s!.manifest.parts.validation!.classCounts!).sort(), ['0', '1', '2', '3']);
});

test('same seed same split; different seed different split', () => {
  const y = imbalancedLabels(r, 200, 3, 0.5);
  const t = (seed: number) => Array.from(stratifiedHoldout({ seed }).split({ nSamples: 200, y })[0]!.test);
  assert.deepEqual(t(1), t(1));
  assert.notDeepEqual(t(1), t(2));
  const h = (seed: number) => Array.from(holdout({ seed }).split({ nSamples: 200 })[0]!.test);
  assert.deepEqual(h(1), h(1));
  assert.notDeepEqual(h(1), h(2));
});

test('bad input: sizes, one-member class, parts smaller than the class count', () => {
  assert.throws(() => holdout({ testSize: 1.5 }), /^PaperlabError: holdout testSize: expected a fraction in \(0, 1\) or a row count >= 2, got 1\.5$/);
  assert.throws(() => holdout({ testSize: 0 }), /holdout testSize: expected a fraction in \(0, 1\) or a row count >= 2, got 0/);
  assert.throws(() => holdout({ testSize: 20, seed: 1 }).split({ nSamples: 10 }), /holdout testSize: expected at most nSamples=10 rows, got 20; lower it or add data/);
  assert.throws(() => holdout({ testSize: 0.6, validationSize: 0.4 }).split({ nSamples: 10 }),
    /holdout testSize: expected test \+ validation rows < nSamples=10 so train keeps a row, got 6 test \+ 4 validation rows/);
  assert.throws(() => holdout().split({ nSamples: 0 }), /holdout input\.nSamples: expected a positive integer, got 0; the data is empty/);
  assert.throws(() => stratifiedHoldout({ seed: 1 }).split({ nSamples: 5, y: [0, 0, 1, 1, 2] }),
    /stratifiedHoldout input\.y: expected at least 2 rows in every class, got 1 class\(es\) with 1 row: 2/);
  assert.throws(() => stratifiedHoldout({ testSize: 2, seed: 1 }).split({ nSamples: 9, y: [0, 0, 0, 1, 1, 1, 2, 2, 2] }),
    /stratifiedHoldout testSize: expected a test part of at least 3 rows \(one per class\), got 2 rows/);
  assert.throws(() => stratifiedHoldout({ trainSize: 7, seed: 1 }).split({ nSamples: 9, y: [0, 0, 0, 1, 1, 1, 2, 2, 2] }),
    /^PaperlabError: stratifiedHoldout trainSize: expected a test part of at least 3 rows \(one per class\), got 2 rows; change the sizes or merge classes$/);
  assert.throws(() => stratifiedHoldout({ trainSize: 2, seed: 1 }).split({ nSamples: 9, y: [0, 0, 0, 1, 1, 1, 2, 2, 2] }),
    /^PaperlabError: stratifiedHoldout trainSize: expected a train part of at least 3 rows \(one per class\), got 2 rows/);
  assert.throws(() => stratifiedHoldout({ seed: 1 }).split({ nSamples: 4 }), /stratifiedHoldout input\.y: expected a column of 4 values, got nothing/);
  assert.throws(() => stratifiedHoldout({ stream: 'a/b' }), /^PaperlabError: stratifiedHoldout stream: expected .+, got a\/b/);
});

test('the random cases reach every size mode, accepted and rejected by sklearn', () => {
  const mode = (c: OracleCase) => (both(c) ? 'both' : c.params.trainSize !== undefined ? 'train' : 'test');
  const seen = new Set([...plain, ...strat].map((c, i) => `${c.kind}:${mode(c)}:${'error' in oracle[i]! ? 'rejected' : 'accepted'}`));
  for (const kind of ['holdout', 'stratifiedHoldout']) for (const m of ['test', 'train', 'both']) assert.ok(seen.has(`${kind}:${m}:accepted`), `${kind} ${m}`);
  assert.ok([...seen].some((x) => x.endsWith('rejected')), 'some random case rejected by sklearn');
});
