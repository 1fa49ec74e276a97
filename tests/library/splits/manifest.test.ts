import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { digestIds, digestSplits, groupKfold, holdout, kfold, stratifiedKfold, type Label } from '../../../src/library/splits/index';

/** sha256 of the canonical text, computed by Python's hashlib (an independent implementation). */
function pythonDigest(ids: Label[]): string {
  const code = [
    'import hashlib, json, sys',
    'ids = json.load(sys.stdin)',
    'key = (lambda v: v) if all(isinstance(v, (int, float)) for v in ids) else str',
    'fmt = lambda v: str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)',
    "print('sha256:' + hashlib.sha256(''.join(fmt(v) + '\\n' for v in sorted(ids, key=key)).encode()).hexdigest())",
  ].join('\n');
  const res = spawnSync('/usr/bin/python3', ['-c', code], { input: JSON.stringify(ids) });
  assert.equal(res.status, 0, res.stderr.toString());
  return res.stdout.toString().trim();
}

test('digestIds: sha256 of the sorted ids, one per line (checked with Python hashlib)', () => {
  assert.equal(digestIds([2, 0, 1]), pythonDigest([0, 1, 2]));
  assert.equal(digestIds([]), 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  const many = Array.from({ length: 10000 }, (_, i) => (i * 7919) % 10007); // crosses the 4096-id chunks
  assert.equal(digestIds(many), pythonDigest(many));
  assert.equal(digestIds(['b', 'a', 'é', 'A']), pythonDigest(['b', 'a', 'é', 'A']));
  assert.equal(digestIds([10, 9, 100]), pythonDigest([9, 10, 100]), 'numbers sort numerically, not as text');
  assert.notEqual(digestIds([1, 1, 2]), digestIds([1, 2]), 'duplicates count');
});

test('part digests hash the row ids when given, else the row positions', () => {
  const ids = ['r10', 'r11', 'r12', 'r13', 'r14', 'r15'];
  const [s] = kfold({ nSplits: 3 }).split({ nSamples: 6, ids });
  assert.equal(s!.manifest.parts.test.digest, digestIds(['r10', 'r11']));
  assert.equal(s!.manifest.parts.train.digest, digestIds(['r12', 'r13', 'r14', 'r15']));
  const [p] = kfold({ nSplits: 3 }).split({ nSamples: 6 });
  assert.equal(p!.manifest.parts.test.digest, digestIds([0, 1]));
  // Same rows under a reordering of the data: same ids, same digest, whatever the positions.
  const [q] = groupKfold({ nSplits: 2 }).split({ nSamples: 4, groups: [1, 1, 2, 2], ids: [7, 8, 9, 10] });
  const [q2] = groupKfold({ nSplits: 2 }).split({ nSamples: 4, groups: [2, 1, 2, 1], ids: [9, 7, 10, 8] });
  assert.equal(q!.manifest.parts.test.digest, q2!.manifest.parts.test.digest);
});

test('manifest: splitter, description, params, seed, sizes, class and group counts, warnings', () => {
  const y = ['cat', 'dog', 'cat', 'dog', 'cat', 'cat', 'dog', 'bird', 'bird', 'cat'];
  const groups = [1, 1, 2, 2, 3, 3, 4, 4, 5, 5];
  const splits = stratifiedKfold({ nSplits: 2, shuffle: true, seed: 11 }).split({ nSamples: 10, y, groups });
  const m = splits[1]!.manifest;
  assert.equal(m.splitter, 'stratifiedKfold');
  assert.equal(m.description, 'stratifiedKfold(nSplits=2, shuffle=true, seed=11)');
  assert.deepEqual(m.params, { nSplits: 2, shuffle: true, seed: 11 });
  assert.deepEqual(m.seed, { rootSeed: 11, stream: 'splits' });
  assert.equal(m.fold, 1);
  assert.equal(m.nSplits, 2);
  assert.equal(m.nSamples, 10);
  assert.equal(m.nClasses, 3);
  assert.equal(m.nGroups, 5);
  assert.equal(m.parts.train.size + m.parts.test.size, 10);
  const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
  assert.equal(sum(m.parts.test.classCounts!), m.parts.test.size);
  assert.deepEqual(
    { cat: m.parts.train.classCounts!.cat! + m.parts.test.classCounts!.cat!, bird: m.parts.train.classCounts!.bird! + m.parts.test.classCounts!.bird! },
    { cat: 5, bird: 2 },
  );
  // 5 cats over 2 folds: sklearn's dealing gives 3 to one test fold and 2 to the other.
  assert.deepEqual([splits[0]!.manifest.parts.test.classCounts!.cat, m.parts.test.classCounts!.cat].sort(), [2, 3]);
  assert.ok(m.parts.test.nGroups! >= 1 && m.parts.test.nGroups! <= 5);
  assert.deepEqual(m.warnings, []);
  assert.match(m.digest, /^sha256:[0-9a-f]{64}$/);
  assert.deepEqual(JSON.parse(JSON.stringify(m)), m, 'plain JSON');
});

test('the split digest changes when any part changes and only then', () => {
  const a = holdout({ seed: 1 }).split({ nSamples: 50 })[0]!.manifest;
  const b = holdout({ seed: 1 }).split({ nSamples: 50 })[0]!.manifest;
  const c = holdout({ seed: 2 }).split({ nSamples: 50 })[0]!.manifest;
  const v = holdout({ seed: 1, validationSize: 5 }).split({ nSamples: 50 })[0]!.manifest;
  assert.equal(a.digest, b.digest);
  assert.notEqual(a.digest, c.digest);
  assert.notEqual(a.digest, v.digest);
  assert.equal(a.parts.test.digest, v.parts.test.digest, 'same test rows (first nTest of the same permutation)');
});

test('input checks name the column: lengths, types, empty data', () => {
  assert.throws(() => kfold().split({ nSamples: 3, ids: [1, 2] }), /^PaperlabError: kfold input\.ids: expected 3 values \(one per row, input\.nSamples=3\), got 2 values$/);
  assert.throws(() => kfold({ nSplits: 2 }).split({ nSamples: 3, ids: [1, 'b', 2] }), /kfold input\.ids\[1\]: expected a number like input\.ids\[0\], got a string \(b\); use one type per column/);
  assert.throws(() => kfold().split({ nSamples: -1 }), /kfold input\.nSamples: expected a positive integer, got -1$/);
  assert.throws(() => kfold().split({ nSamples: 2.5 }), /kfold input\.nSamples: expected a positive integer, got 2\.5/);
  assert.throws(() => kfold({ nSplits: 2 }).split({ nSamples: 2, y: [null as unknown as number, 1] }), /kfold input\.y\[0\]: expected a finite number or a string, got null/);
});

test('digestSplits: one string for a whole cross-validation scheme', () => {
  const a = kfold({ nSplits: 4, shuffle: true, seed: 1 }).split({ nSamples: 40 });
  const b = kfold({ nSplits: 4, shuffle: true, seed: 1 }).split({ nSamples: 40 });
  const c = kfold({ nSplits: 4, shuffle: true, seed: 2 }).split({ nSamples: 40 });
  assert.match(digestSplits(a), /^sha256:[0-9a-f]{64}$/);
  assert.equal(digestSplits(a), digestSplits(b));
  assert.notEqual(digestSplits(a), digestSplits(c));
  assert.notEqual(digestSplits(a), digestSplits(a.slice(0, 3)));
  assert.notEqual(digestSplits(a), digestSplits([a[1]!, a[0]!, a[2]!, a[3]!]), 'fold order counts');
});
