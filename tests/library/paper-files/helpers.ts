import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A small valid config.yaml for paper id `demo-paper`; tests edit it by string replacement. */
export const VALID_CONFIG = `# a test config
paper:
  id: demo-paper
  title: Understanding deep learning requires rethinking generalization
  authors: [Chiyuan Zhang, Samy Bengio]
  year: 2017
  venue: ICLR 2017
  arxiv: "1611.03530"
claims:
  - id: random-labels-train
    statement: networks fit random labels
    source: Table 1
    metric: train_accuracy
    measure: final train accuracy, mean over seeds
    paperValue: 1.0
    direction: at-least
    tolerance: { abs: 0.01 }
  - id: test-acc
    statement: test accuracy on true labels
    source: Table 1
    metric: test_accuracy
    measure: test accuracy, mean over seeds
    paperValue: 0.89
    tolerance: { rel: 0.05 }
seeds: [0, 1, 2]
parameters:
  steps: 100
  hidden: 16
ablations:
  - name: width
    grid:
      hidden: [8, 16, 32]
data:
  name: mnist
split:
  kind: holdout
  testSize: 0.2
budget:
  maxWallSeconds: 600
  maxTotalWallSeconds: 3600
`;

/** Writes `<tmp>/papers/<id>/` with the given files (name → text); returns the folder. */
export function paperFolder(files: Record<string, string>, id = 'demo-paper'): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'paperlab-papers-')), 'papers', id);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** 1-based line of the first line containing `needle` (fails loudly when absent). */
export function lineWith(text: string, needle: string): number {
  const k = text.split('\n').findIndex((l) => l.includes(needle));
  if (k < 0) throw new Error(`test fixture: "${needle}" not in the text`);
  return k + 1;
}

/** VALID_CONFIG with `from` replaced by `to` (which must occur). */
export function edited(from: string, to: string, text = VALID_CONFIG): string {
  if (!text.includes(from)) throw new Error(`test fixture: "${from}" not in the config`);
  return text.replace(from, to);
}
