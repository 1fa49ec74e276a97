import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkFailureLog, FAILURES_FILE } from '../../library/paper-files/index';
import { issue, type FileIssue } from '../../library/paper-files/index';
import { checkPaperConfig, CONFIG_FILE, NOTEBOOK_FILE, README_FILE } from '../../library/paper-files/index';
import { didYouMean } from '../../library/errors/index';
import { readDeclarations, readNotebook, typeProblem, type DeclaredParameter, type ParameterProblem } from '../runner/index';
import { BUILTIN_PARAMETERS } from '../reproduce/run-plan';
import type { PaperConfig } from '../../library/paper-files/index';
import { lineOf, locate, readYaml } from '../../library/paper-files/index';

interface NotebookCell {
  cell_type?: string;
  metadata?: { tags?: unknown };
  source?: string | string[];
}

/**
 * Everything wrong with a paper folder: config.yaml (and budget.yaml), failures.yaml, a README.md,
 * and the notebook: its `parameters` cell must declare `seed` and every name of config.yaml
 * `parameters` (an injected value nothing reads would silently change nothing), and every claim's
 * metric must appear in its code (a claim on a record never made can never be judged).
 * Empty when valid.
 */
export function checkPaperFolder(dir: string): FileIssue[] {
  if (!existsSync(dir)) return [issue({ code: 'missing-folder', file: dir, field: '', expected: 'a paper folder', received: 'nothing', hint: 'create one with `paperlab new <id>`' })];
  const { config, issues } = checkPaperConfig(dir);
  const failuresPath = join(dir, FAILURES_FILE);
  const out = [...issues];
  if (!existsSync(failuresPath)) out.push(missing(failuresPath, 'a failure log (an empty list `[]` to start)'));
  else out.push(...checkFailureLog(failuresPath).issues);
  const notebook = join(dir, NOTEBOOK_FILE);
  const cells = readCells(notebook);
  if (!Array.isArray(cells)) out.push(cells);
  else {
    const params = parametersCell(cells);
    out.push(...checkParametersCell(notebook, params, config));
    if (config && params) out.push(...checkParameterTypes(join(dir, CONFIG_FILE), params.declared, config));
    if (config) out.push(...checkClaimMetrics(join(dir, CONFIG_FILE), cells, config));
  }
  if (!existsSync(join(dir, README_FILE))) out.push(missing(join(dir, README_FILE), 'a README (claim, paper-vs-ours table, deviations)'));
  return out;
}

function readCells(path: string): NotebookCell[] | FileIssue {
  if (!existsSync(path)) return missing(path, 'the reproduction notebook');
  try {
    return readNotebook(path).cells as NotebookCell[];
  } catch (err) {
    return issue({ code: 'notebook', file: path, field: '', expected: 'a notebook in JSON (.ipynb)', received: (err as Error).message });
  }
}

const sourceOf = (cell: NotebookCell) => (Array.isArray(cell.source) ? cell.source.join('') : cell.source ?? '');

/** The cell tagged `parameters` and its declarations (read with the TypeScript parser). */
function parametersCell(cells: NotebookCell[]): { index: number; declared: DeclaredParameter[] } | undefined {
  const index = cells.findIndex((c) => c.cell_type === 'code' && Array.isArray(c.metadata?.tags) && c.metadata!.tags.includes('parameters'));
  if (index < 0) return undefined;
  const before = cells.slice(0, index).filter((c) => c.cell_type === 'code').map(sourceOf);
  return { index, declared: readDeclarations(sourceOf(cells[index]!), before) };
}

function checkParametersCell(path: string, cell: { index: number; declared: DeclaredParameter[] } | undefined, config: PaperConfig | undefined): FileIssue[] {
  if (!cell) {
    return [issue({ code: 'parameters-cell', file: path, field: '', expected: 'a code cell tagged `parameters`', received: 'none', hint: 'runs inject seed and parameters after that cell' })];
  }
  const declared = new Set(cell.declared.map((d) => d.name));
  const wanted = ['seed', ...Object.keys(config?.parameters ?? {})];
  return wanted
    .filter((name) => !declared.has(name))
    .map((name) =>
      issue({
        code: 'undeclared-parameter',
        file: path,
        field: `cells[${cell.index}] (parameters)`,
        expected: `a declaration of \`${name}\`${name === 'seed' ? '' : ' (config.yaml parameters)'}`,
        received: 'none',
        hint: `add \`const ${name} = ...;\` with its default`,
      }),
    );
}

/**
 * Every value config.yaml gives a parameter (its default, the replay profile's, each ablation
 * point's) must have the type the parameters cell declares: a run would otherwise fail in a late
 * cell, or not at all and measure something else.
 */
function checkParameterTypes(configPath: string, declared: DeclaredParameter[], config: PaperConfig): FileIssue[] {
  const values: Array<{ segments: Array<string | number>; field: string; name: string; value: unknown; defaults?: Record<string, unknown> }> = [];
  for (const [name, value] of Object.entries(config.parameters)) values.push({ segments: ['parameters', name], field: `parameters.${name}`, name, value });
  const defaults = config.parameters as Record<string, unknown>;
  for (const [name, value] of Object.entries(config.replay?.parameters ?? {})) values.push({ segments: ['replay', 'parameters', name], field: `replay.parameters.${name}`, name, value, defaults });
  config.ablations.forEach((a, k) => {
    for (const [name, list] of Object.entries(a.grid ?? {})) {
      (Array.isArray(list) ? list : []).forEach((value, j) => values.push({ segments: ['ablations', k, 'grid', name, j], field: `ablations[${k}].grid.${name}[${j}]`, name, value, defaults }));
    }
    (a.variants ?? []).forEach((v, j) => {
      for (const [name, value] of Object.entries(v.parameters)) values.push({ segments: ['ablations', k, 'variants', j, 'parameters', name], field: `ablations[${k}].variants[${j}].parameters.${name}`, name, value, defaults });
    });
  });
  const problems = values.flatMap((v) => {
    const decl = declared.find((d) => d.name === v.name);
    const problem = decl && typeProblem(decl, v.value, { defaults: v.defaults });
    return problem ? [{ ...v, problem }] : [];
  });
  if (problems.length === 0) return [];
  const source = readYaml(configPath, 'a YAML mapping with keys paper, claims, …').source;
  return problems.map(({ segments, field, problem }) =>
    issue({
      code: problem.code,
      file: configPath,
      line: source ? lineOf(source, locate(source, segments).node) : undefined,
      field,
      expected: `${problem.expected.replace('the parameters cell declares', `${NOTEBOOK_FILE}'s parameters cell declares`)}`,
      received: problem.received,
      ...(problem.hint ? { hint: problem.hint } : {}),
    }),
  );
}

/**
 * What `paperlab run` checks before any kernel starts, beside the folder (checkPaperFolder): each
 * override (`-p`) must name a parameter config.yaml declares (or the runner's own seed, paperDir)
 * and have the type the notebook's parameters cell declares (else that of config.yaml's default).
 * One message per problem, `<label>: expected …, got …; hint`.
 */
export function checkRunOverrides(dir: string, overrides: Record<string, unknown>, labels: Record<string, string> = {}): string[] {
  const { config } = checkPaperConfig(dir);
  const cells = readCells(join(dir, NOTEBOOK_FILE));
  if (!config || !Array.isArray(cells)) return []; // checkPaperFolder reports why
  const declared = parametersCell(cells)?.declared ?? [];
  const known = Object.keys(config.parameters);
  const label = (name: string) => labels[name] ?? `parameter ${name}`;
  const format = (name: string, p: Pick<ParameterProblem, 'expected' | 'received' | 'hint'>) => `${label(name)}: expected ${p.expected}, got ${p.received}${p.hint ? `; ${p.hint}` : ''}`;
  return Object.entries(overrides).flatMap(([name, value]) => {
    if (!known.includes(name) && !BUILTIN_PARAMETERS.includes(name)) {
      return [format(name, { expected: `a parameter declared in config.yaml parameters (${known.join(', ') || 'none'})`, received: JSON.stringify(name), hint: didYouMean(name, known) ?? 'declare it in config.yaml (and the parameters cell) first' })];
    }
    const decl = declared.find((d) => d.name === name);
    const problem = decl && typeProblem(decl, value, { defaults: config.parameters as Record<string, unknown>, fromFlags: label(name).startsWith('-p ') });
    return problem ? [format(name, problem)] : [];
  });
}

/** Claims whose metric no code cell mentions in quotes; names recorded with a literal are suggested. */
function checkClaimMetrics(configPath: string, cells: NotebookCell[], config: PaperConfig): FileIssue[] {
  const code = cells.filter((c) => c.cell_type === 'code').map(sourceOf).join('\n');
  const recorded = Array.from(code.matchAll(/\brecord\(\s*['"`]([^'"`]+)['"`]/g), (m) => m[1]!);
  const mentioned = (metric: string) => ["'", '"', '`'].some((q) => code.includes(`${q}${metric}${q}`));
  const missingClaims = config.claims.map((c, k) => ({ c, k })).filter(({ c }) => !mentioned(c.metric));
  if (missingClaims.length === 0) return [];
  const source = readYaml(configPath, 'a YAML mapping with keys paper, claims, …').source;
  if (!source) return []; // refused by the reader: checkPaperConfig reports it
  return missingClaims.map(({ c, k }) => {
    const hint = didYouMean(c.metric, recorded);
    return issue({
      code: 'unrecorded-metric',
      file: configPath,
      line: lineOf(source, locate(source, ['claims', k, 'metric']).node),
      field: `claims[${k}].metric`,
      expected: `the name of a record ${NOTEBOOK_FILE} makes (${recorded.length > 0 ? recorded.join(', ') : 'it records none by name'})`,
      received: `"${c.metric}", which no code cell mentions`,
      hint: hint ?? `add record('${c.metric}', value) to the notebook`,
    });
  });
}

function missing(path: string, what: string): FileIssue {
  return issue({ code: 'missing-file', file: path, field: '', expected: what, received: 'no file' });
}
