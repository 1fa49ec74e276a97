import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ajvIssues, describeValue } from './ajv-issues';
import { checkConfig } from './config-checks';
import { deepFreeze } from './deep-freeze';
import { issue, PaperFileError, sortIssues, type FileIssue } from './issues';
import type { PaperConfig } from './types';
import { schemaErrors } from './validators';
import { keyNode, lineOf, plainData, readYaml, type YamlSource } from './yaml-source';

/** File names inside `papers/<id>/`. */
export const CONFIG_FILE = 'config.yaml';
/** Optional: the budget on its own, instead of config.yaml's `budget` section. */
export const BUDGET_FILE = 'budget.yaml';
/** The reproduction notebook of a paper folder. */
export const NOTEBOOK_FILE = 'reproduce.ipynb';
/** The folder's README: claim, paper-vs-ours table, deviations. */
export const README_FILE = 'README.md';

/** What config.yaml must hold, in the words its errors use. */
const CONFIG_SHAPE = 'a YAML mapping with keys paper, claims, seeds, budget, …';
/** What budget.yaml must hold. */
const BUDGET_SHAPE = 'a YAML mapping with keys maxWallSeconds, maxSteps, …';

// Sections whose values are the user's own (a parameter may be null); nulls elsewhere mean absent.
const FREE_FORM = ['parameters', 'grid', 'options'];

export interface ConfigCheck {
  /** The config with defaults filled in, when there were no issues. */
  config?: PaperConfig;
  /** Every problem found, in file and line order. */
  issues: FileIssue[];
}

/**
 * Checks `<dir>/config.yaml` (and `<dir>/budget.yaml` when present) without throwing for bad
 * content: size (at most `MAX_YAML_BYTES`, 1 MiB), UTF-8 without control characters, YAML syntax,
 * the schema, then the rules in config-checks.ts. File names in issues are
 * `dir` joined with the file name, as given (relative stays relative).
 */
export function checkPaperConfig(dir: string): ConfigCheck {
  const file = join(dir, CONFIG_FILE);
  if (!existsSync(file)) return { issues: [missingFile(file)] };
  const parsed = readYaml(file, CONFIG_SHAPE);
  if (!parsed.source || parsed.issues.length > 0) return { issues: parsed.issues };
  const source = parsed.source;
  const data = plainData(source, { freeForm: FREE_FORM });
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    // A scalar file may be a whole binary or log: describeValue shows a short escaped excerpt.
    return { issues: [issue({ code: 'type', file, line: 1, field: '', expected: CONFIG_SHAPE, received: data === null ? 'an empty file' : describeValue(data) })] };
  }
  const budget = readBudgetFile(dir, source, data as Record<string, unknown>);
  let errors = schemaErrors('config', data);
  if (budget.separate) errors = errors.filter((e) => !e.instancePath.startsWith('/budget')); // reported against budget.yaml
  const issues = [...budget.issues, ...ajvIssues(source, errors)];
  if (issues.length > 0) return { issues: sortIssues(issues) };
  const config = data as PaperConfig;
  const checks = checkConfig(source, config, basename(resolve(dir)));
  return checks.length > 0 ? { issues: sortIssues(checks) } : { config, issues: [] };
}

/**
 * Loads `papers/<id>/config.yaml` (and `budget.yaml` beside it, if the budget lives there),
 * validates it, fills in defaults and returns it deep-frozen. Throws a `PaperFileError` listing
 * every problem as `file:line field: expected …, got …`.
 */
export function loadPaperConfig(dir: string): Readonly<PaperConfig> {
  const { config, issues } = checkPaperConfig(dir);
  if (!config) throw new PaperFileError(issues);
  return deepFreeze(config);
}

/** Merges budget.yaml into `data` when present; its problems are reported against its own lines. */
function readBudgetFile(dir: string, config: YamlSource, data: Record<string, unknown>): { separate: boolean; issues: FileIssue[] } {
  const file = join(dir, BUDGET_FILE);
  if (!existsSync(file)) return { separate: false, issues: [] };
  const parsed = readYaml(file, BUDGET_SHAPE);
  if (!parsed.source || parsed.issues.length > 0) return { separate: true, issues: parsed.issues };
  if (data.budget !== undefined) {
    const line = lineOf(config, keyNode(config, [], 'budget'));
    return {
      separate: true,
      issues: [issue({ code: 'budget-twice', file: config.file, line, field: 'budget', expected: `the budget in one place`, received: `a budget section and ${file}`, hint: 'keep one of them' })],
    };
  }
  const budget = plainData(parsed.source);
  data.budget = budget;
  return { separate: true, issues: ajvIssues(parsed.source, schemaErrors('budget', budget)) };
}

function missingFile(file: string): FileIssue {
  return issue({ code: 'missing-file', file, field: '', expected: 'the file to exist', received: 'nothing', hint: 'create the folder with `paperlab new <id>`' });
}
