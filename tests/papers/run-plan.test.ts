import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ablationPoints, loadPaperConfig, runParameters } from '../../src/papers/index';
import { edited, paperFolder } from './helpers';

const config = loadPaperConfig(
  paperFolder({
    'config.yaml': edited(
      'ablations:\n  - name: width\n    grid:\n      hidden: [8, 16, 32]\n',
      'ablations:\n  - name: width\n    grid:\n      hidden: [8, 16]\n      steps: [10, 20]\n  - name: optimizer\n    variants:\n      - { name: short, parameters: { steps: 5 } }\n',
    ),
  }),
);

test('runParameters: config defaults, then overrides, then the seed', () => {
  assert.deepEqual(runParameters(config, 7), { steps: 100, hidden: 16, seed: 7 });
  assert.deepEqual(runParameters(config, 1, { hidden: 64 }), { steps: 100, hidden: 64, seed: 1 });
  assert.deepEqual(runParameters(config, 1, { paperDir: '/tmp/x' }), { steps: 100, hidden: 16, paperDir: '/tmp/x', seed: 1 });
  assert.throws(() => runParameters(config, 1, { hiden: 64 }), /^PaperlabError: parameter hiden: expected one declared in config\.yaml parameters \(steps, hidden\), got hiden; did you mean "hidden"\?$/);
});

test('ablationPoints: grid cross product (last key fastest), then variants', () => {
  assert.deepEqual(
    ablationPoints(config).map((p) => [p.ablation, p.name, p.parameters]),
    [
      ['width', 'hidden=8,steps=10', { steps: 10, hidden: 8 }],
      ['width', 'hidden=8,steps=20', { steps: 20, hidden: 8 }],
      ['width', 'hidden=16,steps=10', { steps: 10, hidden: 16 }],
      ['width', 'hidden=16,steps=20', { steps: 20, hidden: 16 }],
      ['optimizer', 'short', { steps: 5, hidden: 16 }],
    ],
  );
});
