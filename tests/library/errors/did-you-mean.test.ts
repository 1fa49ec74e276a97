import assert from 'node:assert/strict';
import { test } from 'node:test';
import { levenshtein, nearest } from '../../../src/library/errors/index';

test('levenshtein counts insertions, deletions and substitutions', () => {
  assert.equal(levenshtein('', ''), 0);
  assert.equal(levenshtein('kitten', 'sitting'), 3);
  assert.equal(levenshtein('titel', 'title'), 2);
  assert.equal(levenshtein('abc', ''), 3);
  assert.equal(levenshtein('flaw', 'lawn'), 2);
});

test('nearest suggests a likely typo, case-insensitively, and nothing for a stranger', () => {
  const keys = ['maxWallSeconds', 'maxTotalWallSeconds', 'maxSteps', 'maxEpochs'];
  assert.equal(nearest('maxStep', keys), 'maxSteps');
  assert.equal(nearest('maxwallseconds', keys), 'maxWallSeconds');
  assert.equal(nearest('maxWallSecs', keys), 'maxWallSeconds');
  assert.equal(nearest('learningRate', keys), undefined);
  assert.equal(nearest('x', []), undefined);
  assert.equal(nearest('test_acc', ['train_accuracy', 'test_accuracy']), 'test_accuracy', 'an abbreviation');
  assert.equal(nearest('max', keys), undefined, 'too short to be an abbreviation');
});
