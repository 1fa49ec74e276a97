import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { logisticScores } from '../../../src/library/models/index';
import { rng } from '../../../src/library/random/index';

test('logisticScores equals sklearn LogisticRegression(C).predict_proba (newton-cg, tight tolerance) to 1e-9', () => {
  const r = rng('test-logistic', 5);
  for (const [n, p, C] of [[80, 3, 1], [120, 10, 0.5], [60, 20, 1]] as const) {
    const x = Float64Array.from({ length: n * p }, () => r.normal());
    const y = Array.from({ length: n }, (_, i) => (x[i * p]! - x[i * p + 1]! + r.normal() > 0 ? 1 : 0));
    const xTest = Float64Array.from({ length: 15 * p }, () => r.normal());
    // tol 1e-14 is below float64's floor for this gradient, so newton-cg never stops on it and ran to
    // max_iter (27 s per fit at 100,000). Its answer is fixed after ~20 Newton steps: max_iter 20, 100
    // and 3,000 give identical probabilities (measured, sklearn 1.2.1), so 100 loses nothing.
    const script = `
import json, sys, numpy as np
from sklearn.linear_model import LogisticRegression
d = json.load(sys.stdin)
m = LogisticRegression(C=d['C'], solver='newton-cg', tol=1e-14, max_iter=100).fit(np.array(d['x']).reshape(-1, d['p']), d['y'])
print(json.dumps(m.predict_proba(np.array(d['xTest']).reshape(-1, d['p']))[:, 1].tolist()))
`;
    const res = spawnSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify({ x: Array.from(x), y, xTest: Array.from(xTest), p, C }) });
    assert.equal(res.status, 0, res.stderr?.toString());
    const theirs = JSON.parse(res.stdout.toString()) as number[];
    const ours = logisticScores(x, y, xTest, p, C);
    theirs.forEach((t, i) => assert.ok(Math.abs(ours[i]! - t) < 1e-9, `n=${n} p=${p} C=${C} row ${i}: ours ${ours[i]}, sklearn ${t}`));
  }
});
