import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { test } from 'node:test';
import { executeNotebook } from '../../../src/harness/runner/index';
import { summarize } from '../../../src/library/stats/index';
import { diffRuns, judgeClaims } from '../../../src/harness/verdict/index';
import { makeNotebook } from '../runner/fixtures';

// On the real tslab kernel (its own TypeScript 5.0, non-strict): a notebook loops over seeds,
// summarizes with a seeded bootstrap and judges a claim; the results it records are then judged
// again from results.json, as `paperlab` would, and must agree.
test('a notebook summarizes over seeds and judges a claim on the tslab kernel; results.json judges the same', async () => {
  const input = makeNotebook([
    "import { record } from './src/library/results/index';\nimport { setRootSeed, rng } from './src/library/random/index';\nimport { summarize } from './src/library/stats/index';\nimport { judgeClaim, verdictTable } from './src/harness/verdict/index';",
    "const accs: number[] = [];\nfor (const seed of [1, 2, 3, 4]) {\n  setRootSeed(seed);\n  const acc = 0.9 + 0.01 * rng('noise').normal();\n  accs.push(acc);\n  record('acc', acc);\n}",
    "setRootSeed(0);\nconst s = summarize(accs, { method: 'bootstrap', resamples: 2000 });\nrecord('acc_ci_lo', s.ci[0]);\nrecord('acc_ci_hi', s.ci[1]);",
    "const j = judgeClaim({ id: 'acc', metric: 'acc', paperValue: 0.9, tolerance: { abs: 0.05 } }, accs);\nrecord('verdict', j.verdict);\nconsole.log(verdictTable([j]).markdown);",
  ]);
  const result = await executeNotebook({ input });
  try {
    assert.equal(result.ok, true, JSON.stringify(result.failure));
    const value = (name: string) => result.records.filter((r) => r.name === name).map((r) => r.value);
    const accs = value('acc') as number[];
    assert.equal(accs.length, 4);
    const here = summarize(accs, { method: 'bootstrap', resamples: 2000 });
    assert.deepEqual([...value('acc_ci_lo'), ...value('acc_ci_hi')], here.ci, 'same seeded bootstrap in the kernel and here');
    const [judged] = judgeClaims([{ id: 'acc', metric: 'acc', paperValue: 0.9, tolerance: { abs: 0.05 } }], [{ records: result.records }]);
    assert.deepEqual([judged!.summary?.n, value('verdict')], [4, [judged!.verdict]]);
    assert.equal(judged!.verdict, 'reproduced', judged!.reason);
    assert.deepEqual(diffRuns({ records: result.records }, { records: result.records }).map((r) => r.status), ['ok', 'ok', 'ok']);
  } finally {
    rmSync(dirname(input), { recursive: true, force: true });
  }
});
