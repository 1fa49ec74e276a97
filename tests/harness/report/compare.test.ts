import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { after, test } from 'node:test';
import { paperlab } from '../../cli';
import { compareRuns } from '../../../src/harness/report/index';
import { diffSides, readDiffSide } from '../../../src/harness/verdict/index';
import { writeHistoryPaper } from './history-runs';

const p = writeHistoryPaper();
after(() => rmSync(p.root, { recursive: true, force: true }));

test('compareRuns: the rows are paperlab diff\'s own; each claim beside the diff row of its metric', () => {
  const c = compareRuns(p.second, p.newest);
  assert.deepEqual(c.diff, diffSides(readDiffSide(p.second), readDiffSide(p.newest)), 'no second diff');
  assert.deepEqual(c.claims.map((k) => [k.id, k.a!.verdict, k.b!.verdict, k.row!.scope, k.row!.metric]), [['main-result', 'not-reproduced', 'reproduced', 'mean', 'test_accuracy']]);
  assert.deepEqual([c.diff.onlyA, c.diff.onlyB, c.diff.notes], [['seed-2'], ['seed-3'], ['different compute paths: fallback vs native']]);
});

test('paperlab report --compare <runA> <runB> --out: one page and its Markdown, both runs column by column, the compute paths said first', () => {
  const out = join(p.root, 'reports');
  const r = paperlab(['report', '--compare', p.second, p.newest, '--out', out]);
  assert.equal(r.code, 0, r.out);
  const name = `compare-${basename(p.second)}-${basename(p.newest)}`;
  assert.equal(r.stdout.trim(), `wrote ${join(out, `${name}.html`)} and ${join(out, `${name}.md`)}`);
  const page = readFileSync(join(out, `${name}.html`), 'utf8');
  assert.ok(page.includes(`<h1>20261202T090000Z vs 20261204T090000Z</h1>`));
  assert.ok(page.indexOf('different compute paths: fallback vs native') < page.indexOf('<section id="runs">'), 'the note comes before the rows');
  assert.match(page, /<td>commit<\/td><td class="mono wrap side differs">b2b2b2b2b2\+dirty<\/td><td class="mono wrap side differs">c3c3c3c3c3<\/td>/);
  assert.match(page, /<td>compute path<\/td><td class="mono wrap side differs">fallback<\/td><td class="mono wrap side differs">native<\/td>/);
  assert.match(page, /<td>profile<\/td><td class="mono wrap side">full<\/td><td class="mono wrap side">full<\/td>/);
  assert.match(page, /<td class="num side wraps">0\.851 \(CI \[[\d.]+, [\d.]+\], n=3\)<div><span class="verdict verdict-not-reproduced">not reproduced<\/span><\/div><\/td><td class="num side wraps">0\.9 \(CI/);
  // Seeds 0 and 1 in both: (0.9 + 0.905) / 2 - (0.85 + 0.851) / 2 = 0.052.
  assert.match(page, /not reproduced → reproduced; Δ \+0\.052 \(\+6\.114%\) out of tolerance \(mean over the seeds both have\)/);
  assert.match(page, /<td class="mono">seed-1<\/td><td class="mono what">budget flops<\/td><td class="within">ok<\/td><td class="num wraps">9\.6 TFLOP<\/td><td class="num wraps">9\.6 TFLOP<\/td>/);
  assert.match(page, /<td class="mono">run<\/td><td class="mono what">compute path<\/td><td>changed<\/td><td class="num wraps">fallback<\/td><td class="num wraps">native<\/td>/);
  assert.match(page, /<td class="mono">mean<\/td><td class="mono what">test_accuracy<\/td><td class="over">regressed<\/td><td class="num wraps">0\.8505<\/td><td class="num wraps">0\.9025<\/td><td class="num">\+0\.052<\/td>/);
  assert.match(page, /only in <span class="mono">20261202T090000Z<\/span>: seed-2<\/li><li>only in <span class="mono">20261204T090000Z<\/span>: seed-3/);
  assert.ok(page.includes('content="default-src &#39;none&#39;;') && !/https?:\/\//.test(page.replace(/<meta http-equiv[^>]*>/, '')), 'strict CSP, no external URL');
  const md = readFileSync(join(out, `${name}.md`), 'utf8');
  assert.match(md, /^# 20261202T090000Z vs 20261204T090000Z\n/);
  assert.match(md, /\*\*Note: different compute paths: fallback vs native\*\*/);
  assert.match(md, /^\| main-result \| 0\.851 \(CI .*not reproduced \| 0\.9 \(CI .*reproduced \| not reproduced → reproduced; /m);
});

test('--compare takes seed folders too (no claims, its values in the rows), and refuses anything but two runs, naming the option', () => {
  const out = join(p.root, 'reports-seeds');
  const seeds = paperlab(['report', '--compare', join(p.first, 'seed-0'), join(p.newest, 'seed-0'), '--out', out]);
  assert.equal(seeds.code, 0, seeds.out);
  const page = readFileSync(join(out, `compare-${basename(p.first)}-${basename(p.newest)}.html`), 'utf8');
  assert.ok(page.includes('No claim judgements'));
  assert.match(page, /<td>commit<\/td><td class="mono wrap side differs">a1a1a1a1a1<\/td><td class="mono wrap side differs">c3c3c3c3c3<\/td>/, 'a seed folder\'s commit from its manifest');
  assert.match(page, /<td class="mono">seed-0<\/td><td class="mono what">test_accuracy<\/td><td class="over">regressed<\/td><td class="num wraps">0\.899<\/td><td class="num wraps">0\.9<\/td>/);
  const one = paperlab(['report', '--compare', p.first]);
  assert.notEqual(one.code, 0);
  assert.match(one.stderr, /report --compare: expected exactly two runs and no paper folders or --from, got /);
});
