import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding, RuleId } from '../../../../src/library/leakage/index';
import type { Case } from './case';
import { contractProblems, formatScore, missingFields, scoreCorpus, type ContractFinding } from './score';

const tiny = { columns: { x: Float64Array.from([1, 2, 3, 4]) } };
const kase = (name: string, planted: RuleId[], extra: Partial<Case> = {}): Case => ({ name, description: name, train: tiny, test: tiny, options: {}, planted, ...extra });
const finding = (rule: RuleId, extra: Partial<Finding> = {}): Finding => ({
  rule, severity: 'error', check: 'c', count: 1, unit: 'rows', examples: [0], message: `leakage ${rule}: one row; do this`, ...extra,
});

test('scoreCorpus: recall and precision count cases, a tolerated rule counts neither way, questions and crashes flag nothing', () => {
  const cases = [
    kase('a', ['L1.4'], { check: 'near-duplicates', leakyTestRows: 1 }), kase('b', ['L1.4']), kase('c', ['L1.1']),
    kase('d', ['L1.2'], { tolerated: ['L1.4'] }), kase('clean', []), kase('boom', ['L3.1']),
  ];
  const said: Record<string, Finding[]> = {
    a: [finding('L1.4'), finding('L1.4', { check: 'near-duplicates' })], // two findings, one case
    b: [],
    c: [finding('L1.4')],
    d: [finding('L1.4')],
    clean: [finding('L3.3', { severity: 'question' }), finding('L2', { severity: 'warning', unit: 'features', examples: [] })],
  };
  const s = scoreCorpus(cases, (c) => {
    if (c.name === 'boom') throw new Error('no time column');
    return said[c.name]!;
  });
  const byRule = Object.fromEntries(s.rules.map((r) => [r.rule, r]));
  assert.deepEqual(Object.keys(byRule), ['L1.1', 'L1.2', 'L1.4', 'L2', 'L3.1']);
  assert.deepEqual([byRule['L1.4']!.found, byRule['L1.4']!.planted, byRule['L1.4']!.right, byRule['L1.4']!.flagged], [1, 2, 1, 2]);
  assert.equal(byRule['L1.4']!.recall, 0.5);
  assert.equal(byRule['L1.4']!.precision, 0.5);
  assert.deepEqual(byRule['L1.4']!.wrong.map((r) => r.name), ['c']);
  assert.deepEqual([byRule['L1.1']!.recall, byRule['L1.1']!.precision], [0, 1]);
  assert.deepEqual([byRule['L2']!.recall, byRule['L2']!.precision], [1, 0]); // never planted, flagged once: wrong
  assert.deepEqual(byRule['L3.1']!.missed.map((r) => r.name), ['boom']);
  assert.deepEqual(s.crashes.map((r) => r.crash), ['no time column']);
  assert.deepEqual(s.falsePositives.map((f) => `${f.name} ${f.finding.rule}`), ['clean L2']);
  const text = formatScore(s);
  assert.match(text, /^\| rule \| planted \| found \| recall \|/);
  assert.match(text, /\n\| L1\.4 \| 2 \| 1 \| 0\.50 \| 2 \| 1 \| 0\.50 \| 1\/1 \| 1\/1 \| NOT met \|\n/);
  assert.match(text, /\n\| L1\.1 \| 1 \| 0 \| 0\.00 \| 0 \| 0 \| — \|/);
  assert.match(text, /\nclean controls: 1 cases, 1 false-positive findings\n {2}clean: leakage L2: one row; do this\n/);
  assert.match(text, /\nchecker threw on boom: no time column\n/);
});

test('contractProblems: examples must be test rows, fraction count / test rows, lines the examples\' CSV lines, the message end with the remedy', () => {
  assert.deepEqual(contractProblems(finding('L1.4', { count: 2, examples: [0, 3] }), 4), []);
  const good: ContractFinding = { ...finding('L1.4', { count: 2, examples: [0, 3] }), fraction: 0.5, lines: [2, 5], remedy: 'do this' };
  assert.deepEqual(contractProblems(good, 4), []);
  assert.deepEqual(contractProblems({ ...good, examples: [0, 7], lines: [2, 9] }, 4), ['examples 7 are not test-row indices (0..3)']);
  assert.deepEqual(contractProblems({ ...good, count: 5, fraction: 1.25 }, 4), ['count 5 is above the 4 test rows', 'fraction 1.25 is not in [0, 1]']);
  assert.deepEqual(contractProblems({ ...good, fraction: 0.25 }, 4), ['fraction 0.25 is not count / test rows = 0.5000']);
  assert.deepEqual(contractProblems({ ...good, lines: [1, 4] }, 4), ["lines 1, 4 are not the examples' lines (2, 5)"]);
  assert.deepEqual(contractProblems({ ...good, remedy: 'split by time' }, 4), ['the message does not end with its remedy']);
  assert.deepEqual(missingFields(finding('L3.2', { check: 'shared-groups', unit: 'groups' })), ['remedy', 'fraction', 'columns']);
  assert.deepEqual(missingFields({ ...finding('L1.1', { unit: 'rows' }), remedy: 'r', fraction: 0.25 }), []);
});
