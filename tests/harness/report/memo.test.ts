import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { appendFailure } from '../../../src/library/paper-files/index';
import { scaffoldPaper } from '../../../src/harness/scaffold/index';
import { formatNumber, renderReports, VERDICTS } from '../../../src/harness/report/index';
import { readRunSummary, reportFromRun, runPaper } from '../../../src/harness/reproduce/index';
import { VERDICT_LABELS, type Judgement } from '../../../src/harness/verdict/index';
import { assertQuiet, launchChromium } from './chromium';

// The memo of a report built from a REAL run folder (a tslab kernel per seed), opened in Chromium:
// what it says must be what summary.json and results.json hold, and it must fit 768 and 1280 px.

const made: string[] = [];
after(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

// Planted on purpose in a .ts file of the paper folder (the static check reads those too): scaling
// every row before the split (accepted in config.yaml below) and oversampling before it (not accepted).
const LEAKY_TS = `const t = data.loadTable('breast-cancer-table');
const allRows = Int32Array.from({ length: t.columns.label.length }, (_, i) => i);
const scaled = leakage.standardScaler({}).fit(t, allRows).transform(t);
const over = leakage.randomOversampler({ label: 'label', rng: rng('oversample') }).fitResample(t, allRows);
const [split] = splits.holdout({ testSize: 0.2, shuffle: true }).split({ nSamples: allRows.length });
export { scaled, over, split };
`;

const ACCEPT_REASON = 'the toy measures what scaling before the split does';

/** A scaffolded paper with two claims (one met, one not), commented parameters, data, easy (no hard) and planted leaks. */
function memoPaper(root: string): string {
  const { dir } = scaffoldPaper(root, 'toy2026-memo', { title: 'A toy for the memo' });
  const configPath = join(dir, 'config.yaml');
  let config = readFileSync(configPath, 'utf8')
    .replace(/^seeds: \[0, 1, 2\]/m, 'seeds: [1, 2]')
    .replace('# training steps per run', '# training steps per run (the paper: 5000)')
    .replace('# optimizer step size', "# optimizer step size (the paper's)")
    .replace(/^data:\n  name: TODO[^\n]*\n/m, 'data:\n  name: xor-toy\n  source: "four points typed into the notebook"\n  licence: "CC0-1.0"\n')
    .replace(/^accept: \[\]$/m, `accept:\n  - rule: L1.2\n    check: code-preprocessing-fit\n    reason: "${ACCEPT_REASON}"`)
    .replace(/^deviations: \[\]$/m, 'deviations:\n  - "we record fixed numbers whereas the paper trains a network, because this is a test"\neasy:\n  - "the claim is one number the notebook records"');
  config = config.replace(/^seeds:/m, [
    '  - id: second-result',
    '    statement: "Training accuracy reaches 99 %"',
    '    source: "Section 3 (qualitative; the threshold is ours)"',
    '    metric: train_accuracy',
    '    measure: "train accuracy at the end, mean over seeds"',
    '    paperValue: 0.99',
    '    valueFrom: ours',
    '    direction: at-least',
    '',
    'seeds:',
  ].join('\n'));
  writeFileSync(configPath, config);
  writeFileSync(join(dir, 'leaky-prep.ts'), LEAKY_TS);
  const nbPath = join(dir, 'reproduce.ipynb');
  writeFileSync(nbPath, readFileSync(nbPath, 'utf8').replace("record('test_accuracy', Number.NaN);",
    "record('test_accuracy', 0.9 + Number(seed) / 1000); record('train_accuracy', 0.5); record('majority_accuracy', Number(seed) === 2 ? Number.NaN : 0.5);"));
  // An old entry of another run: the memo lists this run's failures only.
  appendFailure(join(dir, 'failures.yaml'), { commit: 'unknown', parameters: {}, where: {}, kind: 'other', symptom: 'an old replay note', status: 'explained', run: 'papers/toy2026-memo/runs/20260101T000000Z-replay' });
  return dir;
}

/** What the memo must say of a judgement: mean, CI and n from summary.json, formatted as the report formats numbers. */
function oursText(j: Judgement): string {
  const s = j.summary!;
  return `${formatNumber(s.mean)}${s.ciAvailable ? ` [${formatNumber(s.ci[0])}, ${formatNumber(s.ci[1])}]` : ' (no CI)'}, n=${s.n}`;
}

test('the memo of a real run: facts equal summary.json and results.json, quiet in Chromium, no overflow at 768 and 1280 px', async () => {
  const root = mkdtempSync(join(tmpdir(), 'paperlab-memo-'));
  made.push(root);
  const dir = memoPaper(root);
  // steps as the run used it (-p steps=7), not config.yaml's 100: the memo says what ran.
  const run = await runPaper(dir, { overrides: { steps: 7 } });
  const summary = readRunSummary(run.runDir)!;
  const report = reportFromRun(dir, run.runDir);
  const out = join(root, 'reports');
  const written = renderReports([report], out, '2026-12-04T22:00:00.000Z');

  // What the run folder holds, read directly.
  const judgements = summary.judgements;
  const seeds = summary.runs.filter((r) => !r.ablation).map((r) => r.seed);
  assert.deepEqual(seeds, [1, 2]);
  const perSeed = summary.runs.map((r) => JSON.parse(readFileSync(r.resultsPath, 'utf8')) as { records: Array<{ name: string; value: unknown }> });
  const testAcc = perSeed.map((f) => f.records.find((x) => x.name === 'test_accuracy')!.value as number);
  const main = judgements.find((j) => j.claimId === 'main-result')!;
  assert.ok(Math.abs(main.summary!.mean - testAcc.reduce((a, b) => a + b, 0) / testAcc.length) < 1e-12, 'summary.json mean is the mean of results.json values');
  const leaks = summary.codeLeaks!;
  assert.deepEqual(leaks.findings.map((f) => [f.file, f.check, f.accepted?.reason ?? null]),
    [['leaky-prep.ts', 'code-preprocessing-fit', ACCEPT_REASON], ['leaky-prep.ts', 'code-resampling-fit', null]]);

  const counts = Object.fromEntries(VERDICTS.map((v) => [v, judgements.filter((j) => j.verdict === v).map((j) => j.claimId)]));
  const rest = VERDICTS.filter((v) => v !== 'reproduced' && counts[v]!.length).map((v) => `${counts[v]!.length} ${VERDICT_LABELS[v]} (${counts[v]!.join(', ')})`);
  const verdictLine = `Reproduced ${counts.reproduced!.length} of ${judgements.length} claims${rest.length ? `; ${rest.join('; ')}` : ''}.`;
  assert.equal(verdictLine, 'Reproduced 1 of 2 claims; 1 not reproduced (second-result).', 'the run judged as planned');

  const browser = await launchChromium({ width: 1280, height: 900 });
  try {
    for (const width of [1280, 768]) {
      const o = await browser.open(written.papers[0]!.html);
      await o.page.setViewportSize({ width, height: 900 });
      const memo = o.page.locator('#memo');
      assert.equal(await o.page.locator('main > section').first().getAttribute('id'), 'memo', 'the memo is the first section');
      assert.equal(await o.page.locator('nav.toc a').first().getAttribute('href'), '#memo');
      assert.equal((await memo.locator('.memo-verdict').textContent())?.trim(), verdictLine);
      const rows = await memo.locator('table.memo-claims tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
      assert.deepEqual(rows.map((r) => [r[0], r[2], r[4]]), judgements.map((j) => [j.claimId, oursText(j), VERDICT_LABELS[j.verdict]]));
      // The gap is ours minus the reference, its CI the mean's shifted by it.
      const s = main.summary!;
      const signed = (v: number) => (v > 0 ? `+${formatNumber(v)}` : formatNumber(v).replace(/^-/, '−'));
      assert.equal(rows[0]![3], `${signed(s.mean - 0.9)} [${signed(s.ci[0] - 0.9)}, ${signed(s.ci[1] - 0.9)}]`);
      assert.match(rows[1]![1]!, /^0\.99 \(our threshold: the paper prints none\)$/);

      const sheet = await memo.locator('table.memo-sheet tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
      const item = (start: string) => sheet.find((r) => r[0]!.startsWith(start))?.[1] ?? assert.fail(`sheet item ${start}: ${JSON.stringify(sheet)}`);
      assert.ok(item('Seeds').startsWith(`${seeds.join(', ')} (2 root seeds`), item('Seeds'));
      const leakText = item('Leakage: static check');
      assert.ok(leakText.startsWith('2 findings, 1 accepted in config.yaml'), leakText);
      // Each finding with its place; an accepted one with config.yaml's reason, an open one with its message.
      for (const f of leaks.findings) {
        const said = f.accepted ? `accepted: ${f.accepted.reason}` : f.message.replace(/^leakage L1\.2 \(code\): /, '');
        assert.ok(leakText.includes(`${f.rule} ${f.check} at ${f.file}:${f.line}: ${said}`), `${f.check} listed in ${leakText}`);
      }
      assert.ok(!sheet.some((r) => r[0]!.startsWith('Leakage: other')), 'the one acceptance is shown with its finding, not twice');
      assert.match(item('Train/test split'), /^kind holdout, testSize 0\.25$/);
      assert.match(item('Data provenance'), /^xor-toy; source four points typed into the notebook; licence CC0-1\.0/);
      assert.match(item('Environment'), /compute path /);

      const text = (await memo.textContent()) ?? '';
      assert.ok(text.includes('steps = 7 (the paper: 5000)') && text.includes('As the paper (config.yaml\'s comments): learningRate.'), 'parameters from config.yaml comments');
      assert.ok(text.includes('the claim is one number the notebook records'));
      assert.ok(text.includes('not written yet (config.yaml hard:)'), 'no hard: an explicit open item');
      assert.ok(text.includes('Is every feature legitimate'), 'open questions listed');
      // This run's failures (the unmet claim, seed 2's NaN), never the old replay note.
      const failuresHeading = await memo.locator('h3', { hasText: 'Failure cases of this run' }).textContent();
      const logged = run.failuresLogged.length;
      assert.ok(logged >= 2, `the run logged ${logged} failures`);
      assert.equal(failuresHeading, `Failure cases of this run (${logged})`);
      assert.ok(!text.includes('an old replay note'));

      // No horizontal overflow: neither the memo nor anything in it is wider than the memo or the window.
      const fit = await memo.evaluate((m) => ({
        memo: [m.scrollWidth, m.clientWidth],
        page: [m.ownerDocument.documentElement.scrollWidth, m.ownerDocument.documentElement.clientWidth],
        widest: Math.max(...[...m.querySelectorAll('*')].map((e) => e.getBoundingClientRect().right)) - m.getBoundingClientRect().right,
      }));
      assert.ok(fit.memo[0]! <= fit.memo[1]!, `${width} px: memo scrollWidth ${fit.memo[0]} <= clientWidth ${fit.memo[1]}`);
      assert.ok(fit.widest <= 1, `${width} px: nothing in the memo sticks out (${fit.widest} px)`);
      await memo.screenshot({ path: `/tmp/memo-${width}.png` });
      assertQuiet(o);
      await o.page.close();
    }
  } finally {
    await browser.close();
  }

  // The Markdown says the same, first: the title, then the memo.
  const md = readFileSync(written.papers[0]!.markdown, 'utf8');
  assert.match(md, /^### A toy for the memo \([^\n]*\)\n\n#### Reproduction memo\n\n\*\*Reproduced 1 of 2 claims; 1 not reproduced \(second-result\)\.\*\*\n/);
  for (const j of judgements) assert.ok(md.includes(`| ${j.claimId} | `) && md.includes(oursText(j).replace(/\[/g, '\\[').replace(/\]/g, '\\]')), `${j.claimId} in the Markdown memo`);
  assert.ok(!readFileSync(written.summary, 'utf8').includes('#### Reproduction memo'), 'summary.md stays short and links to the page');
});
