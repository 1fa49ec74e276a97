import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkFailureLog, FAILURES_FILE } from './failure-log';
import { issue, type FileIssue } from './issues';
import { checkPaperConfig } from './load-config';
import { NOTEBOOK_FILE, README_FILE } from './scaffold';
import type { PaperConfig } from './types';

/**
 * Everything wrong with a paper folder: config.yaml (and budget.yaml), failures.yaml, a README.md,
 * and the notebook's `parameters` cell, which must declare `seed` and every name of config.yaml
 * `parameters` (an injected value nothing reads would silently change nothing). Empty when valid.
 */
export function checkPaperFolder(dir: string): FileIssue[] {
  if (!existsSync(dir)) return [issue({ code: 'missing-folder', file: dir, field: '', expected: 'a paper folder', received: 'nothing', hint: 'create one with `paperlab new <id>`' })];
  const { config, issues } = checkPaperConfig(dir);
  const failuresPath = join(dir, FAILURES_FILE);
  const out = [...issues];
  if (!existsSync(failuresPath)) out.push(missing(failuresPath, 'a failure log (an empty list `[]` to start)'));
  else out.push(...checkFailureLog(failuresPath).issues);
  out.push(...checkNotebook(join(dir, NOTEBOOK_FILE), config));
  if (!existsSync(join(dir, README_FILE))) out.push(missing(join(dir, README_FILE), 'a README (claim, paper-vs-ours table, deviations)'));
  return out;
}

function checkNotebook(path: string, config: PaperConfig | undefined): FileIssue[] {
  if (!existsSync(path)) return [missing(path, 'the reproduction notebook')];
  let cells: Array<{ cell_type?: string; metadata?: { tags?: unknown }; source?: string | string[] }>;
  try {
    cells = (JSON.parse(readFileSync(path, 'utf8')) as { cells?: typeof cells }).cells ?? [];
  } catch (err) {
    return [issue({ code: 'notebook', file: path, field: '', expected: 'a notebook in JSON (.ipynb)', received: (err as Error).message })];
  }
  const index = cells.findIndex((c) => c.cell_type === 'code' && Array.isArray(c.metadata?.tags) && c.metadata!.tags.includes('parameters'));
  if (index < 0) {
    return [issue({ code: 'parameters-cell', file: path, field: '', expected: 'a code cell tagged `parameters`', received: 'none', hint: 'runs inject seed and parameters after that cell' })];
  }
  const cell = cells[index]!;
  const source = Array.isArray(cell.source) ? cell.source.join('') : cell.source ?? '';
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

function missing(path: string, what: string): FileIssue {
  return issue({ code: 'missing-file', file: path, field: '', expected: what, received: 'no file' });
}
