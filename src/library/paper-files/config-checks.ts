import { issue, type FileIssue } from './issues';
import { didYouMean } from '../errors/index';
import type { Ablation, PaperConfig, SplitConfig } from './types';
import { fieldName, keyNode, lineOf, locate, type YamlSource } from './yaml-source';

type Segments = Array<string | number>;
type Report = (code: string, segments: Segments, expected: string, received: string, hint?: string) => void;

/**
 * Rules of config.yaml that the schema cannot express: unique ids, tolerances that say what passes,
 * ablations over declared parameters, split sizes that fit, a total budget that fits one seed.
 * `folder` is the paper folder's name, which `paper.id` must equal. Runs on schema-valid configs.
 */
export function checkConfig(source: YamlSource, config: PaperConfig, folder?: string): FileIssue[] {
  const issues: FileIssue[] = [];
  const report: Report = (code, segments, expected, received, hint) => {
    const { node, key } = locate(source, segments);
    issues.push(issue({ code, file: source.file, line: lineOf(source, node) ?? lineOf(source, key), field: fieldName(segments), expected, received, hint }));
  };
  if (folder !== undefined && config.paper.id !== folder) {
    report('folder-id', ['paper', 'id'], `the folder name "${folder}"`, JSON.stringify(config.paper.id), 'paper.id names the folder papers/<id>');
  }
  unique(config.claims.map((c) => c.id), (k, first) => report('duplicate-id', ['claims', k, 'id'], 'a claim id used once', `"${config.claims[k]!.id}" again (first at claims[${first}])`));
  config.claims.forEach((c, k) => {
    const hasTolerance = c.tolerance !== undefined && (c.tolerance.abs !== undefined || c.tolerance.rel !== undefined);
    if (c.direction === 'within' && !hasTolerance) {
      const what = keyNode(source, ['claims', k], 'direction') ? 'direction "within" without one' : 'neither';
      report('no-tolerance', ['claims', k], 'a tolerance (abs and/or rel) or a direction "at-least"/"at-most"', what, 'say how far from paperValue still counts as reproduced');
    }
  });
  if ('seed' in config.parameters) {
    report('seed-parameter', ['parameters', 'seed'], 'no "seed" parameter', 'one', 'list the root seeds under `seeds:`; each run injects its own `seed`');
  }
  if ('paperDir' in config.parameters) {
    report('builtin-parameter', ['parameters', 'paperDir'], 'no "paperDir" parameter', 'one', 'runs inject the folder themselves');
  }
  unique(config.ablations.map((a) => a.name), (k, first) => report('duplicate-name', ['ablations', k, 'name'], 'an ablation name used once', `"${config.ablations[k]!.name}" again (first at ablations[${first}])`));
  config.ablations.forEach((a, k) => checkAblation(a, ['ablations', k], Object.keys(config.parameters), report));
  if (config.replay) {
    const declared = Object.keys(config.parameters);
    Object.keys(config.replay.parameters).forEach((name) => knownParameter(name, ['replay', 'parameters', name], declared, report));
  }
  if (config.split) checkSplit(config.split, report);
  const { maxWallSeconds, maxTotalWallSeconds } = config.budget;
  if (maxTotalWallSeconds !== undefined && maxTotalWallSeconds < maxWallSeconds) {
    report('budget-total', ['budget', 'maxTotalWallSeconds'], `at least budget.maxWallSeconds (${maxWallSeconds}), the limit of one seed's run`, String(maxTotalWallSeconds));
  }
  return issues;
}

/** Calls `onRepeat(index, firstIndex)` for every value seen before. */
function unique(values: readonly string[], onRepeat: (k: number, first: number) => void): void {
  const first = new Map<string, number>();
  values.forEach((v, k) => {
    const earlier = first.get(v);
    if (earlier === undefined) first.set(v, k);
    else onRepeat(k, earlier);
  });
}

function checkAblation(a: Ablation, at: Segments, declared: string[], report: Report): void {
  if ((a.grid === undefined) === (a.variants === undefined)) {
    report('ablation-shape', at, 'exactly one of `grid` (parameter → values) or `variants` (named overrides)', a.grid ? 'both' : 'neither');
  }
  const known = (name: string, segments: Segments) => knownParameter(name, segments, declared, report);
  Object.keys(a.grid ?? {}).forEach((name) => known(name, [...at, 'grid', name]));
  const variants = a.variants ?? [];
  unique(variants.map((v) => v.name), (k, first) => report('duplicate-name', [...at, 'variants', k, 'name'], 'a variant name used once in the ablation', `"${variants[k]!.name}" again (first at variants[${first}])`));
  variants.forEach((v, k) => Object.keys(v.parameters).forEach((name) => known(name, [...at, 'variants', k, 'parameters', name])));
}

/** Overrides (ablations, the replay profile) may only name parameters the notebook declares. */
function knownParameter(name: string, segments: Segments, declared: string[], report: Report): void {
  if (declared.includes(name)) return;
  const hint = didYouMean(name, declared) ?? 'declare it under `parameters:` with its default first';
  report('undeclared-parameter', segments, `a parameter declared under \`parameters\` (${declared.join(', ') || 'none declared'})`, `"${name}"`, hint);
}

const GROUP_KINDS = ['group-kfold', 'stratified-group-kfold'];

function checkSplit(split: SplitConfig, report: Report): void {
  for (const name of ['testSize', 'validationSize'] as const) {
    const v = split[name];
    if (v !== undefined && v >= 1 && !Number.isInteger(v)) {
      report('split-size', ['split', name], 'a fraction in (0, 1) or a whole row count', String(v));
    }
  }
  const { testSize, validationSize } = split;
  // Fractions of the same rows must leave some for training (a sum no schema can state).
  if (testSize !== undefined && validationSize !== undefined && testSize < 1 && validationSize < 1 && testSize + validationSize >= 1) {
    report('split-sum', ['split', 'validationSize'], 'testSize + validationSize < 1, leaving rows to train on', `${testSize} + ${validationSize} = ${testSize + validationSize}`);
  }
  if (GROUP_KINDS.includes(split.kind) && split.groupBy === undefined) {
    report('split-groups', ['split'], `a \`groupBy\` column for kind "${split.kind}"`, 'none');
  }
}
