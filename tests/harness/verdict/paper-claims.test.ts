import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PaperConfig } from '../../../src/library/paper-files/index';
import { judgeClaims } from '../../../src/harness/verdict/index';

// Integration guard: a paper config's claims (src/papers) go into judgeClaims as they load; this
// file stops compiling if the two claim shapes drift apart.
test('claims typed as a paper config holds them are judged, tolerance as max(abs, rel · |paper|)', () => {
  const claims: Readonly<PaperConfig>['claims'] = [{
    id: 'train-acc', statement: 'fits random labels', source: 'Table 1', metric: 'train_accuracy',
    measure: 'final epoch, mean over seeds', paperValue: 1, tolerance: { abs: 0.01, rel: 0.02 }, direction: 'at-least',
  }];
  const runs = [1, 2, 3].map((seed) => ({ records: [{ name: 'train_accuracy', value: 0.99 - 0.001 * seed, seed }] }));
  const [j] = judgeClaims(Object.freeze(claims), runs);
  assert.deepEqual([j!.tolerance.value, j!.band[0], j!.verdict], [0.02, 0.98, 'reproduced']);
});
