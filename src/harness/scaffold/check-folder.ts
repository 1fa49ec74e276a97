import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkFailureLog, FAILURES_FILE } from '../../library/paper-files/index';
import { issue, type FileIssue } from '../../library/paper-files/index';
import { checkPaperConfig, CONFIG_FILE, NOTEBOOK_FILE, README_FILE } from '../../library/paper-files/index';
import { didYouMean } from '../../library/errors/index';
import { readNotebook } from '../runner/index';
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
    out.push(...checkParametersCell(notebook, cells, config));
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

function checkParametersCell(path: string, cells: NotebookCell[], config: PaperConfig | undefined): FileIssue[] {
  const index = cells.findIndex((c) => c.cell_type === 'code' && Array.isArray(c.metadata?.tags) && c.metadata!.tags.includes('parameters'));
  if (index < 0) {
    return [issue({ code: 'parameters-cell', file: path, field: '', expected: 'a code cell tagged `parameters`', received: 'none', hint: 'runs inject seed and parameters after that cell' })];
  }
  const source = sourceOf(cells[index]!);
  const declared = new Set(Array.from(source.matchAll(/\b(?:const|let|var)\s+([A-Za-z_$][A-Za-z0-9_$]*)/g), (m) => m[1]!));
  const wanted = ['seed', ...Object.keys(config?.parameters ?? {})];
  return wanted
    .filter((name) => !declared.has(name))
    .map((name) =>
      issue({
        code: 'undeclared-parameter',
        file: path,
        field: `cells[${index}] (parameters)`,
        expected: `a declaration of \`${name}\`${name === 'seed' ? '' : ' (config.yaml parameters)'}`,
        received: 'none',
        hint: `add \`const ${name} = ...;\` with its default`,
      }),
    );
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
