/**
 * Benchmark of the data-level leakage checks (L1.4 duplicates, L3.2 groups, L3.1 time) on
 * 1,000,000 rows x 20 numeric columns, beside the same checks in pandas (Debian python3-pandas,
 * run as a child process on the same bytes). Not a test: run it with
 *   node --import tsx tests/bench/leakage.bench.ts [nRows] [reps]
 * Prints seconds per check (best of `reps`) for both, their ratio, and whether the counts agree.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkDuplicates, checkGroups, checkTemporal, type Table } from '../../src/library/leakage/index';
import { rng } from '../../src/library/random/index';

const n = Number(process.argv[2] ?? 1_000_000);
const reps = Number(process.argv[3] ?? 3);
const d = 20;
const tolerance = 1e-6;
const r = rng('bench').child('leakage');

function makeData(): { t: Table; train: Int32Array; test: Int32Array; features: string[] } {
  const columns: Record<string, Float64Array> = {};
  const features = Array.from({ length: d }, (_, j) => `x${j}`);
  for (const f of features) columns[f] = Float64Array.from({ length: n }, () => r.normal());
  const perm = r.permutation(n);
  const cut = Math.floor(n * 0.8);
  const train = perm.slice(0, cut).sort();
  const test = perm.slice(cut).sort();
  // plant 1,000 exact and 500 near duplicates across the parts
  for (let k = 0; k < 1500; k++) {
    const from = train[r.integer(0, train.length)]!;
    const to = test[r.integer(0, test.length)]!;
    for (const f of features) columns[f]![to] = columns[f]![from]! + (k < 1000 ? 0 : 1e-9);
  }
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

function best<T>(f: () => T): { seconds: number; value: T } {
  let seconds = Infinity;
  let value!: T;
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    value = f();
    seconds = Math.min(seconds, (performance.now() - t0) / 1000);
  }
  return { seconds, value };
}

function main(): void {
  const t0 = performance.now();
  const { t, train, test, features } = makeData();
  console.log(`data: ${n.toLocaleString()} rows x ${d} features + group + time, generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const parts = { train, test };
  const dup = best(() => checkDuplicates(t, parts, { columns: features }));
  const grp = best(() => checkGroups(t, parts, 'group'));
  const tim = best(() => checkTemporal(t, parts, 'time'));
  const count = (fs: { check: string; count: number; details?: Record<string, number | string> }[], check: string, key?: string) => {
    const f = fs.find((x) => x.check === check);
    return f ? (key ? Number(f.details![key]) : f.count) : 0;
  };
  const ours = {
    duplicates: { seconds: dup.seconds, exact: count(dup.value, 'exact-duplicates'), near: count(dup.value, 'near-duplicates') },
    groups: { seconds: grp.seconds, groupRows: count(grp.value, 'shared-groups', 'evaluationRows'), groups: count(grp.value, 'shared-groups') },
    temporal: { seconds: tim.seconds, earlier: count(tim.value, 'temporal-order') },
  };
  const dir = mkdtempSync(join(tmpdir(), 'leakage-bench-'));
  try {
    const names = Object.keys(t.columns);
    const buf = new Float64Array(n * names.length);
    names.forEach((name, j) => buf.set(t.columns[name] as Float64Array, j * n));
    writeFileSync(join(dir, 'columns.f64'), buf);
    writeFileSync(join(dir, 'train.i32'), train);
    writeFileSync(join(dir, 'test.i32'), test);
    writeFileSync(join(dir, 'meta.json'), JSON.stringify({ n, columns: names, features, tolerance, reps }));
    const py = spawnSync('/usr/bin/python3', [join(__dirname, 'leakage_pandas.py'), dir], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (py.status !== 0) throw new Error(`pandas peer failed: ${py.stderr}`);
    const theirs = JSON.parse(py.stdout) as typeof ours;
    let totalOurs = 0;
    let totalTheirs = 0;
    console.log('check        paperlab s   pandas s   ratio (paperlab/pandas)   counts agree');
    for (const k of ['duplicates', 'groups', 'temporal'] as const) {
      const { seconds: a, ...ca } = ours[k];
      const { seconds: b, ...cb } = theirs[k];
      totalOurs += a;
      totalTheirs += b;
      const agree = JSON.stringify(ca) === JSON.stringify(cb) ? 'yes' : `NO ours ${JSON.stringify(ca)} pandas ${JSON.stringify(cb)}`;
      console.log(`${k.padEnd(12)} ${a.toFixed(3).padStart(10)} ${b.toFixed(3).padStart(10)} ${(a / b).toFixed(2).padStart(12)}              ${agree} ${JSON.stringify(ca)}`);
    }
    console.log(`${'total'.padEnd(12)} ${totalOurs.toFixed(3).padStart(10)} ${totalTheirs.toFixed(3).padStart(10)} ${(totalOurs / totalTheirs).toFixed(2).padStart(12)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
