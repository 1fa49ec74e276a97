import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { invalid } from '../errors/index';
import { tagsOf, toLines, type Cell, type Notebook } from './notebook-file';

export type ParameterValue = string | number | boolean | null | ParameterValue[] | { [key: string]: ParameterValue };
export type Parameters = Record<string, ParameterValue>;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Parses `-p key=value` pairs the way a user means them: JSON when the value is valid JSON
 * (numbers, booleans, null, arrays, objects, "quoted strings"), otherwise a plain string.
 */
export function parseParameterArgs(pairs: readonly string[]): Parameters {
  const out: Parameters = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const key = eq > 0 ? pair.slice(0, eq) : '';
    if (!IDENTIFIER.test(key)) throw invalid(`-p ${pair}`, 'key=value with key a TypeScript identifier', pair);
    const raw = pair.slice(eq + 1);
    try {
      out[key] = JSON.parse(raw) as ParameterValue;
    } catch {
      out[key] = raw;
    }
  }
  return out;
}

/** Reads parameters from a YAML (or JSON) file holding one mapping. */
export function readParameterFile(path: string): Parameters {
  const value = parseYaml(readFileSync(path, 'utf8')) as unknown;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalid(path, 'a mapping of parameter names to values', Array.isArray(value) ? 'a list' : value);
  }
  for (const key of Object.keys(value)) {
    if (!IDENTIFIER.test(key)) throw invalid(`${path} ${key}`, 'a parameter name that is a TypeScript identifier', key);
  }
  return value as Parameters;
}

export const INJECTED_TAG = 'injected-parameters';

/**
 * `const mode = "gaussian"` would give `mode` the literal type "gaussian", and a later
 * `mode === 'images'` would no longer compile: scalars are injected with their widened type.
 */
function widenedType(value: unknown): string {
  return typeof value === 'string' ? ': string' : typeof value === 'number' ? ': number' : typeof value === 'boolean' ? ': boolean' : '';
}

/**
 * papermill's contract: the injected cell goes right after the cell tagged `parameters` (or first
 * when there is none) and redeclares each name, which tslab allows across cells. Returns the
 * index of the injected cell, or -1 when there was nothing to inject.
 */
export function injectParameters(nb: Notebook, params: Parameters): number {
  nb.cells = nb.cells.filter((c) => !tagsOf(c).includes(INJECTED_TAG));
  const names = Object.keys(params);
  if (names.length === 0) return -1;
  const lines = ['// Parameters injected by paperlab', ...names.map((k) => `const ${k}${widenedType(params[k])} = ${JSON.stringify(params[k])};`)];
  const cell: Cell = {
    cell_type: 'code',
    id: 'injected-parameters',
    execution_count: null,
    metadata: { tags: [INJECTED_TAG] },
    outputs: [],
    source: toLines(lines.join('\n')),
  };
  const at = nb.cells.findIndex((c) => tagsOf(c).includes('parameters'));
  nb.cells.splice(at + 1, 0, cell);
  return at + 1;
}
