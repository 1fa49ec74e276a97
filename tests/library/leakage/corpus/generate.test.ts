// The corpus itself is checked from its tables alone: what it says was planted is there, clean
// controls are clean, and the same seed gives the same corpus. Development seed 1 (see README.md).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Column, Table } from '../../../../src/library/leakage/index';
import { rng } from '../../../../src/library/random/index';
import type { Case } from './case';
import { generateCorpus, KINDS } from './generate';
import { smote } from './oversample';
import { rowCount, source } from './sources';

const corpus = generateCorpus(1);
const kindOf = (c: Case) => c.name.replace(/-\d+$/, '');
const ofKind = (...kinds: string[]) => corpus.filter((c) => kinds.includes(kindOf(c)));

/** Every value of row i, as text, in the order of `names`: equal keys are exact copies (label included). */
function rowKeys(t: Table, names = Object.keys(t.columns)): string[] {
  const cols = names.map((n) => t.columns[n] as ArrayLike<number | string>);
  return Array.from({ length: rowCount(t) }, (_, i) => JSON.stringify(cols.map((c) => c[i])));
}
function testRowsInTrain(c: Case): number {
  const names = Object.keys(c.train.columns);
  const train = new Set(rowKeys(c.train, names));
  return rowKeys(c.test, names).filter((k) => train.has(k)).length;
}
const repeats = (t: Table) => rowCount(t) - new Set(rowKeys(t)).size;

test('the corpus: 24 single-rule cases per rule (+ 8 with two rules), 24 clean controls, unique names, both sides with the same columns and declared ones present', () => {
  const perRule = new Map<string, number>();
  for (const c of corpus) for (const r of c.planted.length ? c.planted : ['clean']) perRule.set(r, (perRule.get(r) ?? 0) + 1);
  assert.deepEqual(Object.fromEntries(perRule), { 'L1.1': 24, 'L1.2': 24, 'L1.4': 24, L2: 28, 'L3.1': 28, 'L3.2': 32, clean: 24 });
  assert.equal(corpus.filter((c) => c.planted.length === 2).length, 8);
  assert.equal(new Set(corpus.map((c) => c.name)).size, corpus.length);
  const reordered = corpus.filter((c) => Object.keys(c.test.columns).join() !== Object.keys(c.train.columns).join());
  assert.ok(reordered.length >= 20 && reordered.every((c) => c.description.endsWith('; test columns in another order')), `${reordered.length} cases with test columns reordered`);
  for (const c of corpus) {
    assert.deepEqual(Object.keys(c.test.columns).sort(), Object.keys(c.train.columns).sort(), c.name);
    for (const [name, col] of Object.entries(c.train.columns)) assert.equal(Array.isArray(col), Array.isArray(c.test.columns[name]), `${c.name} '${name}'`);
    for (const declared of [c.options.label, c.options.group, c.options.time]) if (declared) assert.ok(declared in c.train.columns, `${c.name}: ${declared}`);
    assert.ok(rowCount(c.train) > 0 && rowCount(c.test) > 0, c.name);
  }
});

test('the same seed gives the same corpus, each case the same whatever kinds are generated with it; another seed changes every case', () => {
  const kinds = ['near-duplicates', 'smote-before-split', 'clean-group-disjoint'];
  assert.deepEqual(generateCorpus(1, { kinds }), corpus.filter((c) => kinds.includes(kindOf(c))));
  const other = generateCorpus(3, { kinds });
  const same = other.filter((c, i) => rowCount(c.train) === rowCount(ofKind(...kinds)[i]!.train));
  assert.ok(same.length <= 1, `cases of the same size under seeds 1 and 3: ${same.map((c) => c.name).join(', ')}`);
  assert.throws(() => generateCorpus(1, { kinds: ['near-duplicate'] }), /generateCorpus\(options\.kinds\): expected kinds of the corpus .*, got near-duplicate$/);
});

test('L1.1, L1.4 and random-oversampling copies are where the cases say, and nowhere in clean controls', () => {
  for (const c of ofKind('test-is-train', 'test-inside-train')) assert.equal(testRowsInTrain(c), rowCount(c.test), c.name);
  for (const c of ofKind('heavy-overlap')) {
    assert.equal(testRowsInTrain(c), c.leakyTestRows, c.name);
    assert.ok(c.leakyTestRows! >= 0.49 * rowCount(c.test), c.name);
    assert.equal(repeats(c.train), 0, `${c.name}: an overlap case's train has no repeats of its own (that is an L1.4 source)`);
  }
  for (const c of ofKind('exact-duplicates')) {
    assert.equal(testRowsInTrain(c), c.leakyTestRows, c.name);
    assert.ok(c.leakyTestRows! > 0 && repeats(c.train) > 0, c.name);
    assert.ok(c.leakyTestRows! < 0.45 * rowCount(c.test), `${c.name}: a duplicate source leaves a minority of test rows with a copy`);
  }
  for (const c of ofKind('random-oversampling-before-split')) assert.equal(testRowsInTrain(c), c.leakyTestRows, c.name);
  for (const c of corpus.filter((x) => x.planted.length === 0)) assert.equal(testRowsInTrain(c), 0, c.name);
  assert.ok(ofKind('clean-duplicates-within-train').every((c) => repeats(c.train) > 0));
});

/** Train-standardised numeric feature columns (label left out) of `t`. */
function standardised(train: Table, t: Table): Float64Array[] {
  return Object.keys(train.columns).filter((k) => k !== 'y' && !Array.isArray(train.columns[k])).map((k) => {
    const a = train.columns[k] as Float64Array;
    const mean = a.reduce((s, v) => s + v, 0) / a.length;
    const sd = Math.sqrt(a.reduce((s, v) => s + (v - mean) ** 2, 0) / a.length);
    return Float64Array.from(t.columns[k] as Float64Array, (v) => (v - mean) / sd);
  });
}
function nearestDistance(q: Float64Array[], i: number, ref: Float64Array[], skip = -1): number {
  let best = Infinity;
  for (let j = 0; j < ref[0]!.length; j++) {
    if (j === skip) continue;
    let s = 0;
    for (let f = 0; f < q.length && s < best; f++) s += (q[f]![i]! - ref[f]![j]!) ** 2;
    if (s < best) best = s;
  }
  return Math.sqrt(best);
}

test('L1.4 near copies: the planted test rows sit within 6 noise sd of a train row, well under the train rows\' own nearest-neighbour distances', () => {
  for (const c of ofKind('near-duplicates')) {
    const tr = standardised(c.train, c.train);
    const te = standardised(c.train, c.test);
    const typical = c.params!.noiseSd! * Math.sqrt(tr.length); // distance of a copy from its original
    const near = Array.from({ length: rowCount(c.test) }, (_, i) => nearestDistance(te, i, tr)).filter((d) => d <= 6 * typical).length;
    assert.ok(near >= c.leakyTestRows! && near <= c.leakyTestRows! + 0.02 * rowCount(c.test), `${c.name}: ${near} test rows near a train row, ${c.leakyTestRows} planted`);
    const n = rowCount(c.train);
    const trainNN = Array.from({ length: 200 }, (_, k) => nearestDistance(tr, Math.floor((k * n) / 200), tr, Math.floor((k * n) / 200))).sort((a, b) => a - b);
    assert.ok(3 * typical < trainNN[2]!, `${c.name}: copies at ${typical.toExponential(1)}, train neighbours from ${trainNN[2]!.toExponential(1)} (1st percentile)`);
  }
});

test('seeded SMOTE: every new row is on the segment from a minority row to one of its 5 nearest minority neighbours', () => {
  const t = source(rng('tests').child('leakage-corpus-smote'), { n: 400, d: 3, task: 'classification', minority: 0.1 });
  const minority = Int32Array.from(Array.from({ length: 400 }, (_, i) => i).filter((i) => t.columns.y![i] === 1));
  const made = smote(rng('tests').child('leakage-corpus-smote'), t, minority, 200, ['x0', 'x1', 'x2']);
  const x = (f: string, i: number) => (t.columns[f] as Float64Array)[i]!;
  const dist = (a: number, b: number) => Math.hypot(...['x0', 'x1', 'x2'].map((f) => x(f, a) - x(f, b)));
  for (let s = 0; s < 200; s++) {
    const [b, nb, u] = [made.base[s]!, made.neighbour[s]!, made.u[s]!];
    assert.ok(u > 0 && u < 1 && b !== nb);
    for (const f of ['x0', 'x1', 'x2']) assert.ok(Math.abs((made.rows.columns[f] as Float64Array)[s]! - (x(f, b) + u * (x(f, nb) - x(f, b)))) < 1e-9);
    assert.equal((made.rows.columns.y as Float64Array)[s], 1);
    const closer = Array.from(minority).filter((m) => m !== b && dist(b, m) < dist(b, nb)).length;
    assert.ok(closer < 5, `neighbour ${nb} of ${b} has ${closer} closer minority rows`);
  }
  const again = smote(rng('tests').child('leakage-corpus-smote'), t, minority, 200, ['x0', 'x1', 'x2']);
  assert.deepEqual(again, made);
});

/** Pearson correlation of two numeric columns over the train rows. */
function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0, mb = 0;
  for (let i = 0; i < n; i++) { ma += a[i]! / n; mb += b[i]! / n; }
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) { sab += (a[i]! - ma) * (b[i]! - mb); saa += (a[i]! - ma) ** 2; sbb += (b[i]! - mb) ** 2; }
  return sab / Math.sqrt(saa * sbb);
}
const numericFeatures = (c: Case) => Object.entries(c.train.columns).filter(([k, col]) => k !== 'y' && !Array.isArray(col)) as [string, Column][];

test('L2: regression proxies have the correlation drawn, and no honest feature of a clean regression case comes near 0.95', () => {
  for (const c of ofKind('regression-proxy')) {
    const r = correlation(c.train.columns[`x${c.params!.leakColumn}`] as Float64Array, c.train.columns.y as Float64Array);
    assert.ok(Math.abs(r - c.params!.rho!) < 0.02, `${c.name}: r = ${r}, drawn ${c.params!.rho}`);
  }
  for (const c of corpus.filter((x) => x.planted.length === 0 && x.options.task === 'regression')) {
    const top = Math.max(...numericFeatures(c).filter(([k]) => k !== c.options.time && k !== c.options.group).map(([, col]) => Math.abs(correlation(col as Float64Array, c.train.columns.y as Float64Array))));
    assert.ok(top < 0.85, `${c.name}: an honest feature correlates ${top.toFixed(3)} with the target`);
  }
  for (const c of ofKind('clean-moderately-correlated')) {
    for (const [k, rho] of Object.entries(c.params!)) {
      const r = correlation(c.train.columns[k] as Float64Array, c.train.columns.y as Float64Array);
      assert.ok(Math.abs(r - rho) < 0.06 && r >= 0.45 && r <= 0.85, `${c.name} ${k}: r = ${r}, drawn ${rho}`);
    }
  }
});

test('L3.1 and L3.2: the counted test rows are earlier than train or share a unit with it; time-ordered and unit-split controls have none', () => {
  const times = (c: Case, t: Table) => {
    const col = t.columns[c.options.time!]!;
    return Array.from(col as ArrayLike<number | string>, (v) => (typeof v === 'string' ? Date.parse(v) : v));
  };
  for (const c of corpus.filter((x) => x.options.time)) {
    const end = Math.max(...times(c, c.train));
    const earlier = times(c, c.test).filter((v) => v < end).length;
    if (!c.planted.includes('L3.1')) assert.equal(earlier, 0, c.name);
    else assert.ok(earlier > 0 && (c.leakyTestRows === undefined || earlier === c.leakyTestRows), c.name);
  }
  for (const c of corpus.filter((x) => x.options.group)) {
    const units = new Set(Array.from(c.train.columns[c.options.group!] as ArrayLike<number | string>));
    const shared = Array.from(c.test.columns[c.options.group!] as ArrayLike<number | string>).filter((u) => units.has(u)).length;
    if (!c.planted.includes('L3.2')) assert.equal(shared, 0, c.name);
    else assert.ok(shared > 0 && (c.leakyTestRows === undefined || shared === c.leakyTestRows), c.name);
  }
  assert.equal(KINDS.filter((k) => k.rule === 'clean').reduce((s, k) => s + k.variants, 0), 24);
});
