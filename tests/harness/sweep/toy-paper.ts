import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scaffoldPaper } from '../../../src/harness/scaffold/index';
import { loadPaperConfig } from '../../../src/library/paper-files/index';

/**
 * A scaffolded paper whose measurement draws from a seeded stream and reads `steps`: steps=300
 * fails in its cell (the planted failure); steps=900 waits while the file `hold` exists (a task
 * to cancel, or to let run past its time limit).
 */
export function toyPaper(parent: string = mkdtempSync(join(tmpdir(), 'paperlab-sweep-'))): { dir: string; metric: string; hold: string } {
  const { dir } = scaffoldPaper(parent, 'toy2026-sweep', { title: 'A toy sweep' });
  const metric = loadPaperConfig(dir).claims[0]!.metric;
  const path = join(dir, 'reproduce.ipynb');
  const measure = [
    `if (Number(steps) === 300) throw new Error('planted failure at steps=300');`,
    `while (Number(steps) === 900 && require('fs').existsSync('${join(parent, 'hold')}')) await new Promise((done) => setTimeout(done, 200));`,
    `record('${metric}', 0.9 + rng('noise').uniform(-0.01, 0.01) + Number(steps) * 1e-6);`,
  ].join('\\n');
  const text = readFileSync(path, 'utf8').replace(`record('${metric}', Number.NaN);`, measure);
  assert.match(text, /planted failure/);
  writeFileSync(path, text);
  return { dir, metric, hold: join(parent, 'hold') };
}
