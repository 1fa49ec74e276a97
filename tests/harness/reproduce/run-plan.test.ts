import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkPaperConfig, loadPaperConfig } from '../../../src/library/paper-files/index';
import { ablationPoints, replayProfile, runParameters } from '../../../src/harness/reproduce/index';
import { edited, paperFolder } from '../../library/paper-files/helpers';

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

test('replayProfile: the CI profile with its defaults; a paper without one is told what to add', () => {
  const withReplay = loadPaperConfig(paperFolder({ 'config.yaml': edited('seeds: [0, 1, 2]\n', 'seeds: [0, 1, 2]\nreplay:\n  parameters: { steps: 3 }\n') }));
  assert.deepEqual(replayProfile(withReplay), { seeds: [0], parameters: { steps: 3 }, atol: 0, rtol: 0 });
  const explicit = loadPaperConfig(paperFolder({ 'config.yaml': edited('seeds: [0, 1, 2]\n', 'seeds: [0, 1, 2]\nreplay:\n  seeds: [4, 5]\n  parameters: { hidden: 2 }\n  rtol: 1e-9\n') }));
  assert.deepEqual(replayProfile(explicit), { seeds: [4, 5], parameters: { hidden: 2 }, atol: 0, rtol: 1e-9 });
  assert.throws(() => replayProfile(config), /papers\/demo-paper\/config\.yaml field replay: expected a `replay:` section .*got none; add one so CI can replay this paper/);
});

test('a replay profile may only override declared parameters, and is checked by the schema', () => {
  const folder = paperFolder({ 'config.yaml': edited('seeds: [0, 1, 2]\n', 'seeds: [0, 1, 2]\nreplay:\n  parameters: { stepz: 3 }\n') });
  const { issues } = checkPaperConfig(folder);
  assert.equal(issues.length, 1);
  assert.match(issues[0]!.message, /config\.yaml:\d+ replay\.parameters\.stepz: expected a parameter declared under `parameters` \(steps, hidden\), got "stepz"; did you mean "steps"\?/);
  const bad = checkPaperConfig(paperFolder({ 'config.yaml': edited('seeds: [0, 1, 2]\n', 'seeds: [0, 1, 2]\nreplay:\n  seeds: []\n  parameters: {}\n') })).issues;
  assert.match(bad.map((i) => i.message).join('\n'), /replay\.seeds/);
});
