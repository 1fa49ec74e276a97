import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { invalid } from '../../library/errors/index';
import { sourceOf, tagsOf, toLines, type Cell, type Notebook } from './notebook-file';

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
 * The type annotations of the parameters cell (`const mode: Mode = 'a'` → mode: `Mode`). The
 * injected cell repeats them, so an injected value has the type the notebook declared: a bare
 * `const mode = 'b'` would narrow it to the literal 'b' (a later `mode === 'a'` fails to compile),
 * a blanket `: string` would break `mlp({ activation: mode })`.
 */
function declaredTypes(cell: Cell | undefined): Map<string, string> {
  const types = new Map<string, string>();
  const source = cell ? sourceOf(cell) : '';
  for (const m of source.matchAll(/\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*:\s*([^=;\n]+?)\s*=/g)) types.set(m[1]!, m[2]!);
  return types;
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
  const types = declaredTypes(nb.cells.find((c) => tagsOf(c).includes('parameters')));
  const lines = ['// Parameters injected by paperlab', ...names.map((k) => `const ${k}${types.has(k) ? `: ${types.get(k)}` : ''} = ${JSON.stringify(params[k])};`)];
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
