import { PAPERLAB_NOTEBOOK_METADATA } from '../runner/nbformat-json';
import { SCAFFOLD_CLAIM, SCAFFOLD_PARAMETERS } from './scaffold-config';

/** nbformat 4.5 cell, as the skeleton writes it. */
interface SkeletonCell {
  cell_type: 'markdown' | 'code';
  id: string;
  metadata: Record<string, unknown>;
  source: string[];
  outputs?: unknown[];
  execution_count?: null;
}

const lines = (text: string) => text.split(/(?<=\n)/);
const md = (id: string, text: string): SkeletonCell => ({ cell_type: 'markdown', id, metadata: {}, source: lines(text) });
const code = (id: string, text: string, tags?: string[]): SkeletonCell => ({
  cell_type: 'code',
  id,
  metadata: tags ? { tags } : {},
  execution_count: null,
  outputs: [],
  source: lines(text),
});

/**
 * The notebook skeleton of a new paper folder: claim, parameters, setup, data and split,
 * baseline, main result (one `record` per claim metric), ablations, failure cases. It runs as is
 * on the paperlab kernel and records NaN for each metric until the TODOs are filled in.
 */
export function skeletonNotebook(id: string, title: string): object {
  const c = SCAFFOLD_CLAIM;
  const params = SCAFFOLD_PARAMETERS.map((p) => `const ${p.name} = ${p.value};`.padEnd(28) + `// ${p.comment}`);
  const cells = [
    md('claim', `# ${title}\n\n**Claim** (${c.source}): ${c.statement}\n\nThe paper reports \`${c.metric}\` = ${c.paperValue}; we count it as reproduced within ±${c.abs}.\nEvery claim, tolerance, seed and budget is in [config.yaml](config.yaml); what went wrong is in [failures.yaml](failures.yaml).\n`),
    code('parameters', [
      'const seed = 0;                 // root seed of this run (config.yaml seeds)',
      `const paperDir = 'papers/${id}'; // this folder, relative to the repository root`,
      ...params,
    ].join('\n'), ['parameters']),
    md('setup-md', '## Setup\n\nOne root seed; every draw comes from a named stream (`rng(\'data\')`, `rng(\'init\')`). Call `useBackend()` here when the paper trains a TF.js model.\n'),
    code('setup', [
      "import { setRootSeed, rng, record, splits, leakage, loadPaperConfig } from './src/index';",
      '',
      'setRootSeed(seed);',
      'const config = loadPaperConfig(paperDir);',
      "console.log(config.claims.map((c) => `${c.id}: ${c.metric} = ${c.paperValue} in the paper (${c.source})`).join('\\n'));",
    ].join('\n')),
    md('data-md', '## Data, split and leakage check\n\nLoad the data named in config.yaml (`data`), split it as `split` says, and run `leakage.checkLeakage` before training.\n'),
    code('data', "// TODO: load the data (src/library/data) and split it (splits.holdout, splits.kfold, ...) with rng('splits').\n"),
    md('baseline-md', "## Baseline\n\nThe paper's baseline, or a trivial one (chance, majority class), measured the same way as the main result.\n"),
    code('baseline', '// TODO: train or compute the baseline within the budget (config.yaml budget).\n'),
    md('main-md', `## Main result\n\nOne \`record\` per claim metric; \`paperlab\` compares each with the paper's value.\n`),
    code('main', `// TODO: train and measure; NaN marks a metric not measured yet.\nrecord('${c.metric}', Number.NaN);\n`),
    md('ablations-md', '## Ablations\n\nThe grid is in config.yaml (`ablations`); each point is a replay with other parameters, e.g.\n`npx paperlab execute ' + `papers/${id}/reproduce.ipynb -p steps=200\`.\n`),
    md('failures-md', '## Failure cases\n\nFailed cells, exceeded budgets, NaNs and unmet claims are appended to [failures.yaml](failures.yaml) with the seed, the parameters and the cell. Add the suspected cause and the analysis there.\n'),
  ];
  return {
    nbformat: 4,
    nbformat_minor: 5,
    // What the Notebook UI writes once the kernel connects: opening the notebook changes nothing.
    metadata: structuredClone(PAPERLAB_NOTEBOOK_METADATA) as unknown as Record<string, unknown>,
    cells,
  };
}
