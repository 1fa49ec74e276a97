import type { RunManifest } from '../../../src/harness/env/index';
import type { PaperReport, Provenance } from '../../../src/harness/report/index';

/** Text that would run or inject markup if any part of a report failed to escape it. */
export const HOSTILE = `<script>alert(1)</script><img src=x onerror="alert(2)"> "quotes" & 'single' <script src="https://evil.example/x.js"></script> </script>`;

function manifest(seed: number, startedAt: string, seconds: number): RunManifest {
  return {
    manifestVersion: 1,
    git: { commit: 'ca3bad9f0e1d2c3b4a5968778695a4b3c2d1e0f9', dirty: seed === 2, diffSha256: seed === 2 ? 'ab12cd34ef56' + '0'.repeat(52) : null, untracked: [] },
    environmentLockSha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    backend: { name: 'wasm', tfjsVersion: '4.22.0', gpu: null },
    seed,
    parameters: { epochs: 20, lr: 0.01, labelNoise: 1 },
    startedAt,
    endedAt: new Date(Date.parse(startedAt) + seconds * 1000).toISOString(),
    durationMs: seconds * 1000,
    node: 'v20.20.2',
    platform: 'linux',
    arch: 'x64',
  };
}

const seeds = [1, 2, 3];
function prov(record: string, values: number[], cell = 12): Provenance[] {
  return seeds.map((seed, i) => ({ seed, cell, runDir: `papers/zhang2017/runs/20261123T1200${i}Z-reproduce`, record, value: values[i] }));
}

function curve(offset: number): number[] {
  return Array.from({ length: 20 }, (_, i) => Math.max(0, 2.3 * Math.exp(-(i + offset) / 6)));
}

/** A realistic report: Zhang et al. 2017 (random labels), three seeds, one figure pair, one ablation. */
export function sampleReport(): PaperReport {
  return {
    paper: {
      id: 'zhang2017-random-labels',
      title: 'Understanding deep learning requires rethinking generalization',
      authors: ['Chiyuan Zhang', 'Samy Bengio', 'Moritz Hardt', 'Benjamin Recht', 'Oriol Vinyals'],
      year: 2017,
      venue: 'ICLR',
      arxiv: '1611.03530',
    },
    ciLevel: 0.95,
    claims: [
      {
        id: 'C1', statement: 'A small MLP fits random labels to zero training error.', source: 'Section 2, Figure 1a',
        metric: 'train_accuracy', paperValue: 1, tolerance: 'ours ≥ 0.99', ours: { mean: 0.9967, std: 0.0021, ci: [0.9915, 1.0019], n: 3 },
        verdict: 'reproduced', reason: 'All three seeds reach ≥ 0.994 training accuracy.', provenance: prov('train_accuracy', [0.998, 0.9943, 0.9978]),
      },
      {
        id: 'C2', statement: 'Fitting random labels takes only a small constant factor longer than true labels.', source: 'Figure 1b',
        metric: 'epochs_ratio', paperValue: 1.5, tolerance: 'within ±0.5', ours: { mean: 2.412, std: 0.31, ci: [1.642, 3.182], n: 3 },
        verdict: 'partially', reason: 'Ratio is 2.4, above the tolerance; CI overlaps it.', provenance: prov('epochs_ratio', [2.1, 2.41, 2.72]),
      },
      {
        id: 'C3', statement: 'Test accuracy on random labels stays at chance.', source: 'Table 1', metric: 'test_accuracy', unit: '',
        paperValue: 0.1, tolerance: 'within 0.02 of chance', ours: { mean: 0.1012, std: 0.004, ci: [0.0913, 0.1111], n: 3 },
        verdict: 'reproduced', reason: 'Mean 0.101, CI contains chance (0.1).', provenance: prov('test_accuracy', [0.097, 0.1046, 0.102]),
      },
      {
        id: 'C4', statement: 'Explicit regularisation is not necessary for generalisation.', source: 'Table 2',
        metric: 'test_accuracy_gap', paperValue: 0.0012, tolerance: 'gap < 0.05', ours: { mean: 'NaN', std: null, ci: null, n: 1 },
        verdict: 'not-measured', reason: 'The only finished seed diverged (loss NaN).', provenance: prov('test_accuracy_gap', [NaN, NaN, NaN]).slice(0, 1),
      },
    ],
    figures: [
      {
        caption: 'Training loss per epoch, true vs random labels (seed 1).',
        figure: {
          data: [
            { type: 'scatter', mode: 'lines', name: 'true labels', y: curve(4) },
            { type: 'scatter', mode: 'lines', name: 'random labels', y: curve(0) },
          ],
          layout: { title: { text: 'Training loss' }, xaxis: { title: { text: 'epoch' } }, yaxis: { title: { text: 'loss' } } },
        },
        provenance: prov('train_loss', [0.01, 0.02, 0.015], 11),
      },
      {
        caption: 'Epochs to fit, by label noise.',
        figure: { data: [{ type: 'bar', x: ['true labels', 'half random', 'random labels'], y: new Float32Array([6, 10, 14.5]) }], layout: { title: { text: 'Epochs to 100 % train accuracy' } } },
      },
    ],
    tables: [
      {
        title: 'Label noise', kind: 'ablation', caption: 'Fraction of labels replaced by random ones.',
        parameters: ['labelNoise', 'optimizer'], metrics: ['train_accuracy', 'test_accuracy'],
        rows: [
          { name: 'true labels', parameters: { labelNoise: 0, optimizer: 'sgd' }, metrics: { train_accuracy: { mean: 1, std: 0, n: 3 }, test_accuracy: { mean: 0.9713, std: 0.0018, n: 3 } }, provenance: prov('test_accuracy', [0.97, 0.973, 0.9711]) },
          { name: 'half random', parameters: { labelNoise: 0.5, optimizer: 'sgd' }, metrics: { train_accuracy: { mean: 0.9991, std: 0.0004, n: 3 }, test_accuracy: { mean: 0.5234, std: 0.012, n: 3 } }, provenance: prov('test_accuracy', [0.51, 0.53, 0.5302]) },
          { name: 'random labels', parameters: { labelNoise: 1, optimizer: 'sgd' }, metrics: { train_accuracy: { mean: 0.9967, std: 0.0021, n: 3 } }, provenance: prov('train_accuracy', [0.998, 0.9943, 0.9978]) },
        ],
      },
    ],
    failures: [
      { id: 'F1', seed: 2, cell: 14, symptom: 'Loss became NaN at epoch 17 with lr=0.1.', cause: 'Learning rate too high for the wasm backend float32 sums.', status: 'explained', runDir: 'papers/zhang2017/runs/20261123T12001Z-reproduce' },
    ],
    budget: [
      { resource: 'wall time', unit: 's', declared: 3600, usedPerSeed: [{ seed: 1, used: 1210.5 }, { seed: 2, used: 1380.2 }, { seed: 3, used: 1190 }], usedTotal: 3780.7 },
      { resource: 'training steps', unit: 'steps', declared: null, usedPerSeed: [{ seed: 1, used: 9400 }, { seed: 2, used: 9400 }, { seed: 3, used: 9400 }], usedTotal: 28200 },
    ],
    environment: {
      lockSha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      values: { node: 'v20.20.2', npm: '11.6.2', 'os.distro': 'Debian GNU/Linux 12 (bookworm)', 'packages.@tensorflow/tfjs': '4.22.0', 'tfjsBackends.wasm': true },
    },
    manifests: [manifest(1, '2026-11-23T12:00:00.000Z', 1210.5), manifest(2, '2026-11-23T12:20:30.000Z', 1380.2), manifest(3, '2026-11-23T12:44:00.000Z', 1190)],
    deviations: ['We train for 20 epochs on 10,000 MNIST digits whereas (Zhang et al., 2017, Section 2) train CIFAR-10 to convergence, to fit the budget.'],
    generatedAt: '2026-11-23T13:40:00.000Z',
  };
}

/** The sample report with hostile text in every free-text field a person or a notebook can fill. */
export function hostileReport(): PaperReport {
  const r = sampleReport();
  r.paper.title = `Title ${HOSTILE}`;
  r.paper.authors = [HOSTILE];
  r.paper.venue = HOSTILE;
  r.claims[0].statement = `Statement ${HOSTILE}`;
  r.claims[0].reason = HOSTILE;
  r.claims[0].metric = HOSTILE;
  r.claims[0].provenance[0].record = HOSTILE;
  r.claims[0].provenance[0].runDir = HOSTILE;
  r.failures[0].symptom = `Symptom ${HOSTILE}`;
  r.failures[0].cause = HOSTILE;
  r.tables[0].title = HOSTILE;
  r.tables[0].rows[0].name = `Row ${HOSTILE}`;
  r.tables[0].rows[0].parameters.optimizer = `Param ${HOSTILE}`;
  r.figures[0].caption = `Caption ${HOSTILE}`;
  r.figures[0].figure.data[0].name = HOSTILE;
  r.figures[0].figure.layout = { title: { text: HOSTILE } };
  r.deviations.push(HOSTILE);
  r.environment!.values[HOSTILE] = HOSTILE;
  r.manifests[0].parameters = { note: HOSTILE };
  return r;
}

/**
 * The sample report as a real run folder reports it: bands, a threshold of ours, a run folder,
 * a failure log with this run's entries among old, repeated ones, memory and FLOPs budget lines and
 * the notebook's non-claim records.
 */
export function honestReport(): PaperReport {
  const r = sampleReport();
  const run = 'papers/zhang2017/runs/20261204T100000Z';
  r.runDir = run;
  r.claims[0] = { ...r.claims[0], tolerance: 'at least, ± 0.01', band: [0.99, null] };
  r.claims[1] = { ...r.claims[1], tolerance: '± 0.02', paperValue: 0.93, band: [0.91, 0.95] };
  r.claims[2] = { ...r.claims[2], tolerance: 'at least', paperValue: 2, valueFrom: 'ours', band: [2, null] };
  r.claims[3] = { ...r.claims[3], tolerance: 'at most', paperValue: 0.05, band: [null, 0.05] };
  const old = (id: string, stamp: string) => ({ id, seed: 1, cell: 9, symptom: 'claim-not-met (C2): partially reproduced from 1 seed.', cause: 'Replay profile: one seed cannot confirm a claim.', status: 'explained', runDir: `papers/zhang2017/runs/${stamp}-replay` });
  r.failures = [
    old('F1', '20261123T160318Z'), old('F2', '20261124T090000Z'), old('F3', '20261125T090000Z'),
    { id: 'F4', seed: null, cell: null, symptom: 'note: the report schema lacks a field.', status: 'fixed' },
    { id: 'F5', seed: 2, cell: 14, symptom: 'budget-exceeded: seed 2 ran 130 s of 100 s.', status: 'open', runDir: run },
    { id: 'F6', seed: 3, cell: 14, symptom: 'nan: loss became NaN at step 412.', status: 'open', runDir: `${run}/seed-3` },
    // Another claim of the same old replay, explained by the same pasted paragraph.
    { ...old('F7', '20261123T160318Z'), symptom: 'claim-not-met (C1): partially reproduced from 1 seed.' },
  ];
  r.budget = [
    { resource: 'wall time', unit: 's', declared: 100, limitPer: 'run', usedPerSeed: [{ seed: 1, used: 80 }, { seed: 2, used: 70 }, { seed: 3, used: 78 }], usedTotal: 228, over: false },
    { resource: 'wall time, whole run', unit: 's', declared: 3600, limitPer: 'total', usedPerSeed: [{ seed: 1, used: 80 }, { seed: 2, used: 70 }, { seed: 3, used: 78 }], usedTotal: 229, over: false },
    { resource: 'peak memory (RSS)', unit: 'MB', declared: 2048, limitPer: 'run', aggregate: 'max', usedPerSeed: [{ seed: 1, used: 431 }, { seed: 2, used: 440 }, { seed: 3, used: 423 }], usedTotal: 440, over: false },
    { resource: 'training FLOPs (estimate)', unit: 'FLOP', declared: null, limitPer: 'run', usedPerSeed: [{ seed: 1, used: 425751552000 }, { seed: 2, used: 425751552000 }, { seed: 3, used: 425751552000 }], usedTotal: 1277254656000 },
  ];
  return r;
}
