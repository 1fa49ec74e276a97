/**
 * Benchmark of the data-level leakage checks (L1.4 exact duplicates, L3.2 groups, L3.1 time) on
 * 1,000,000 rows x 20 numeric columns, beside the same checks in pandas (Debian python3-pandas,
 * run as a child process on the same bytes); then the L1.4 near-duplicate search beside the same
 * decision made with scipy's cKDTree, and the L1.2 oversampling search (no peer). Not a test: run it with
 *   node --import tsx tests/bench/leakage.bench.ts [nRows] [reps] [exactQueries]
 * Prints seconds per check (best over `reps` rounds that alternate the two sides) for both, their
 * ratio, and whether the counts agree.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { checkDuplicates, checkGroups, checkNearDuplicates, checkOversampling, checkTemporal, type Table } from '../../src/library/leakage/index';
import { rng } from '../../src/library/random/index';

const n = Number(process.argv[2] ?? 1_000_000);
const reps = Number(process.argv[3] ?? 3); // alternating rounds of ours and the peer; inside a round, best of 3 of ours
const inner = 3;
const exactQueries = Number(process.argv[4] ?? 30); // exact cKDTree 3-NN queries timed for the plain-way figure (0: none)
const d = 20;
const nearNoise = 1e-4; // sd of the noise on planted near copies, in each column's sd (1)
const r = rng('bench').child('leakage');

function makeData(): { t: Table; train: Int32Array; test: Int32Array; features: string[] } {
  const columns: Record<string, Float64Array> = {};
  const features = Array.from({ length: d }, (_, j) => `x${j}`);
  for (const f of features) columns[f] = Float64Array.from({ length: n }, () => r.normal());
  const perm = r.permutation(n);
  const cut = Math.floor(n * 0.8);
  const train = perm.slice(0, cut).sort();
  const test = perm.slice(cut).sort();
  // plant 1,000 exact and 500 near duplicates (noise 1e-4 sd) across the parts
  for (let k = 0; k < 1500; k++) {
    const from = train[r.integer(0, train.length)]!;
    const to = test[r.integer(0, test.length)]!;
    for (const f of features) columns[f]![to] = columns[f]![from]! + (k < 1000 ? 0 : nearNoise * r.normal());
  }
  // an imbalanced label (10 % positives) for the oversampling search
  columns.label = Float64Array.from({ length: n }, () => (r.uniform() < 0.1 ? 1 : 0));
  // n/5 patients of 5 rows, each on one side of the split and in time order (train before test);
  // then 2% of test rows get a training patient's id and 1% are backdated into the training period
  columns.group = new Float64Array(n);
  columns.time = new Float64Array(n);
  perm.forEach((row, k) => {
    columns.group![row] = Math.floor(k / 5);
    columns.time![row] = 1.6e12 + k * 1000; // epoch ms, one second apart
  });
  for (let k = 0; k < test.length / 50; k++) columns.group[test[r.integer(0, test.length)]!] = columns.group[train[r.integer(0, train.length)]!]!;
  for (let k = 0; k < test.length / 100; k++) columns.time[test[r.integer(0, test.length)]!] = 1.6e12 + r.integer(0, cut) * 1000;
  return { t: { columns }, train, test, features };
}

function best<T>(f: () => T, times = inner): { seconds: number; value: T } {
  let seconds = Infinity;
  let value!: T;
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    value = f();
    seconds = Math.min(seconds, (performance.now() - t0) / 1000);
  }
  return { seconds, value };
}

type Counts = Record<string, number>;
interface Timed { seconds: number; counts: Counts }

function count(fs: { check: string; count: number; details?: Record<string, number | string> }[], check: string, key?: string): number {
  const f = fs.find((x) => x.check === check);
  return f ? (key ? Number(f.details![key]) : f.count) : 0;
}

function line(name: string, a: number, b: number | undefined, agree: string): string {
  const peer = b === undefined ? '         -' : b.toFixed(3).padStart(10);
  const ratio = b === undefined ? '           -' : (a / b).toFixed(2).padStart(12);
  return `${name.padEnd(14)} ${a.toFixed(3).padStart(10)} ${peer} ${ratio}              ${agree}`;
}

function agreement(a: Counts, b: Counts | undefined): string {
  if (!b) return JSON.stringify(a);
  return JSON.stringify(a) === JSON.stringify(b) ? `yes ${JSON.stringify(a)}` : `NO ours ${JSON.stringify(a)} peer ${JSON.stringify(b)}`;
}

type PeerOut = Record<string, Timed> & { exactKnn?: { queries: number; secondsPerQuery: number } };

/** Runs the pandas/scipy peer once (one rep of each check) on the bytes in `dir`. */
function peer(dir: string, exact: number): PeerOut {
  const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(dir, 'meta.json'), JSON.stringify({ ...meta, exactQueries: exact }));
  const py = spawnSync('/usr/bin/python3', [join(__dirname, 'leakage_pandas.py'), dir], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (py.status !== 0) throw new Error(`pandas peer failed: ${py.stderr}`);
  return JSON.parse(py.stdout) as PeerOut;
}

/** Keeps the faster of two timings of the same check (counts must not change between rounds). */
function faster(a: Timed | undefined, b: Timed): Timed {
  return a === undefined || b.seconds < a.seconds ? b : a;
}

function main(): void {
  const t0 = performance.now();
  const { t, train, test, features } = makeData();
  console.log(`data: ${n.toLocaleString()} rows x ${d} features + group + time + label, generated in ${((performance.now() - t0) / 1000).toFixed(1)} s; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (2 cores, shared)`);
  const parts = { train, test };
  const dir = mkdtempSync(join(tmpdir(), 'leakage-bench-'));
  try {
    const names = Object.keys(t.columns);
    const buf = new Float64Array(n * names.length);
    names.forEach((name, j) => buf.set(t.columns[name] as Float64Array, j * n));
    writeFileSync(join(dir, 'columns.f64'), buf);
    writeFileSync(join(dir, 'train.i32'), train);
    writeFileSync(join(dir, 'test.i32'), test);
    writeFileSync(join(dir, 'meta.json'), JSON.stringify({ n, columns: names, features, reps: inner, ratio: 0.05, exactQueries: 0 }));
    // rounds alternate ours and the peer, so a load change on the shared machine hits both sides;
    // each side keeps its best round per check
    const ours: Record<string, Timed> = {};
    let theirs: Record<string, Timed> = {};
    let exactKnn: PeerOut['exactKnn'];
    let near: ReturnType<typeof checkNearDuplicates> = [];
    let over: { seconds: number; found: number } | undefined;
    for (let round = 0; round < reps; round++) {
      const dup = best(() => checkDuplicates(t, parts, { columns: features }));
      const grp = best(() => checkGroups(t, parts, 'group'));
      const tim = best(() => checkTemporal(t, parts, 'time'));
      const nd = best(() => checkNearDuplicates(t, parts, { columns: features }), 1);
      const ov = best(() => checkOversampling(t, parts, { label: 'label', columns: features }), 1);
      near = nd.value;
      if (!over || ov.seconds < over.seconds) over = { seconds: ov.seconds, found: ov.value.length };
      ours.duplicates = faster(ours.duplicates, { seconds: dup.seconds, counts: { exact: count(dup.value, 'exact-duplicates') } });
      ours.groups = faster(ours.groups, { seconds: grp.seconds, counts: { groupRows: count(grp.value, 'shared-groups', 'evaluationRows'), groups: count(grp.value, 'shared-groups') } });
      ours.temporal = faster(ours.temporal, { seconds: tim.seconds, counts: { earlier: count(tim.value, 'temporal-order') } });
      ours.near = faster(ours.near, { seconds: nd.seconds, counts: { near: count(nd.value, 'near-duplicates') } });
      const p = peer(dir, round === reps - 1 ? exactQueries : 0);
      for (const k of ['duplicates', 'groups', 'temporal', 'near']) theirs = { ...theirs, [k]: faster(theirs[k], p[k]!) };
      exactKnn = p.exactKnn ?? exactKnn;
    }
    console.log(`best of ${reps} alternating rounds; load average now ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
    console.log('check            paperlab s     peer s   ratio (paperlab/peer)   counts agree');
    let a = 0;
    let b = 0;
    for (const k of ['duplicates', 'groups', 'temporal']) {
      a += ours[k]!.seconds;
      b += theirs[k]!.seconds;
      console.log(line(k, ours[k]!.seconds, theirs[k]!.seconds, agreement(ours[k]!.counts, theirs[k]!.counts)));
    }
    console.log(line('data checks', a, b, '(pandas 1.5.3: hash_pandas_object + isin, unique, max)'));
    console.log(line('near (L1.4)', ours.near!.seconds, theirs.near!.seconds, `${agreement(ours.near!.counts, theirs.near!.counts)} (scipy 1.10 cKDTree, same decision)`));
    console.log(line('oversampling', over!.seconds, undefined, `${JSON.stringify({ found: over!.found })} (L1.2, label given; no peer: imbalanced-learn finds no leak)`));
    if (exactKnn) {
      const { queries, secondsPerQuery } = exactKnn;
      console.log(`scipy cKDTree exact 3-NN, the plain way: ${(secondsPerQuery * 1000).toFixed(1)} ms per query over ${queries} queries, so ~${((secondsPerQuery * test.length) / 60).toFixed(0)} min for the ${test.length.toLocaleString()} test rows`);
    }
    const dims = near[0]?.details;
    if (dims) console.log(`near finding: dimension ${dims.dimension} (lower ${dims.dimensionLower}), ${dims.expectedByChance} expected by chance, ${dims.testedRows} rows tested`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
