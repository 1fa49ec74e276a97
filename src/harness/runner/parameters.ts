import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { didYouMean, invalid, PaperlabError } from '../../library/errors/index';
import { sourceOf, tagsOf, toLines, type Cell, type Notebook } from './notebook-file';
import { describeType, mismatch, readDeclarations, shownValue, typeOfValue, type DeclaredParameter, type ParamType } from './parameter-types';

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
 * papermill's contract: the injected cell goes right after the cell tagged `parameters` (or first
 * when there is none) and redeclares each name, which tslab allows across cells. Returns the
 * index of the injected cell, or -1 when there was nothing to inject.
 */
export function injectParameters(nb: Notebook, params: Parameters): number {
  nb.cells = nb.cells.filter((c) => !tagsOf(c).includes(INJECTED_TAG));
  const names = Object.keys(params);
  if (names.length === 0) return -1;
  // The injected cell repeats the parameters cell's annotations, so an injected value has the type
  // the notebook declared: a bare `const mode = 'b'` would narrow it to the literal 'b' (a later
  // `mode === 'a'` fails to compile), a blanket `: string` would break `mlp({ activation: mode })`.
  const declared = new Map((parametersCellOf(nb)?.declared ?? []).map((d) => [d.name, d.annotation]));
  const lines = ['// Parameters injected by paperlab', ...names.map((k) => `const ${k}${declared.get(k) ? `: ${declared.get(k)}` : ''} = ${JSON.stringify(params[k])};`)];
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

/** The cell tagged `parameters` and what it declares; undefined when no code cell has the tag. */
export interface ParametersCell {
  index: number;
  declared: DeclaredParameter[];
}

export function parametersCellOf(nb: Notebook): ParametersCell | undefined {
  const index = nb.cells.findIndex((c) => c.cell_type === 'code' && tagsOf(c).includes('parameters'));
  if (index < 0) return undefined;
  const before = nb.cells.slice(0, index).filter((c) => c.cell_type === 'code').map(sourceOf);
  return { index, declared: readDeclarations(sourceOf(nb.cells[index]!), before) };
}

/** One parameter value the notebook cannot take: an undeclared name, or a value of another type. */
export interface ParameterProblem {
  name: string;
  code: 'unknown-parameter' | 'parameter-type';
  expected: string;
  received: string;
  hint?: string;
}

export interface ParameterCheckOptions {
  /** Names that need no declaration (the runner's own `seed`, `paperDir`). */
  undeclaredOk?: readonly string[];
  /** Defaults (config.yaml `parameters`) whose type stands in for a declaration paperlab cannot read. */
  defaults?: Record<string, unknown>;
  /** Names whose values came from `-p`: a hint says how to pass a string that looks like JSON. */
  fromFlags?: readonly string[];
}

/**
 * Checks values against the parameters cell: every name must be declared there (the value would
 * change nothing otherwise), and every value must have the declared type (annotation, else the
 * type of the default). Without a parameters cell there is nothing to check against: [].
 */
export function parameterProblems(cell: ParametersCell | undefined, params: Parameters, options: ParameterCheckOptions = {}): ParameterProblem[] {
  if (!cell) return [];
  const names = cell.declared.map((d) => d.name);
  const out: ParameterProblem[] = [];
  for (const [name, value] of Object.entries(params)) {
    const decl = cell.declared.find((d) => d.name === name);
    if (!decl) {
      if (options.undeclaredOk?.includes(name)) continue;
      out.push({
        name,
        code: 'unknown-parameter',
        expected: `a parameter the parameters cell (cell ${cell.index}) declares (${names.join(', ') || 'it declares none'})`,
        received: JSON.stringify(name),
        hint: didYouMean(name, names) ?? 'declare it in the parameters cell with its default first',
      });
      continue;
    }
    const problem = typeProblem(decl, value, { defaults: options.defaults, fromFlags: options.fromFlags?.includes(name) });
    if (problem) out.push(problem);
  }
  return out;
}

/** The problem of one value against its declaration, or undefined when it fits. */
export function typeProblem(decl: DeclaredParameter, value: unknown, options: { defaults?: Record<string, unknown>; fromFlags?: boolean } = {}): ParameterProblem | undefined {
  let type: ParamType = decl.type;
  let source = `the parameters cell declares \`${decl.declaration}\``;
  if (type.kind === 'any' && options.defaults && decl.name in options.defaults) {
    type = typeOfValue(options.defaults[decl.name]);
    source = `the default in config.yaml parameters is ${shownValue(options.defaults[decl.name])}; the parameters cell declares \`${decl.declaration}\``;
  }
  const m = mismatch(value, type);
  if (!m) return undefined;
  const hints: string[] = [];
  if (m.path) {
    if (m.key?.missing) hints.push(`${m.path} is missing (expected ${describeType(m.type)})`);
    else if (m.key) hints.push(`${m.path} is not a key of it (keys: ${m.key.known.join(', ')})${didYouMean(m.key.name, m.key.known) ? `: ${didYouMean(m.key.name, m.key.known)}` : ''}`);
    else hints.push(`at ${m.path}: expected ${describeType(m.type)}, got ${shownValue(m.value)}`);
  }
  if (decl.type.kind === 'null' && !decl.annotation) hints.push(`annotate the declaration to allow other values, e.g. \`${decl.declaration.replace(/ = /, `: ${jsonKind(value)} | null = `)}\``);
  if (options.fromFlags && accepts(type, 'string') && typeof value !== 'string') hints.push(`a string is quoted: -p '${decl.name}="${String(JSON.stringify(value))}"'`);
  return { name: decl.name, code: 'parameter-type', expected: `${describeType(type)} (${source})`, received: shownValue(value), ...(hints.length ? { hint: hints.join('; ') } : {}) };
}

function accepts(t: ParamType, kind: 'string'): boolean {
  return t.kind === kind || (t.kind === 'literal' && typeof t.value === kind) || (t.kind === 'union' && t.members.some((m) => accepts(m, kind)));
}

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return value.length > 0 && value.every((v) => typeof v === 'number') ? 'number[]' : 'unknown[]';
  return value !== null && typeof value === 'object' ? 'object' : typeof value;
}

/**
 * Refuses values the notebook cannot take (see parameterProblems), before any kernel starts: one
 * error, one line per problem, each `<where>: expected …, got …; hint`. `labels` names where each
 * value came from (`-p lr=abc`); default `parameter <name>`.
 */
export function checkParameters(nb: Notebook, params: Parameters, options: ParameterCheckOptions & { labels?: Record<string, string> } = {}): void {
  if (Object.keys(params).length === 0) return;
  const fromFlags = options.fromFlags ?? Object.keys(options.labels ?? {}).filter((k) => options.labels![k]!.startsWith('-p '));
  const problems = parameterProblems(parametersCellOf(nb), params, { ...options, fromFlags });
  if (problems.length === 0) return;
  const errors = problems.map((p) => invalid(options.labels?.[p.name] ?? `parameter ${p.name}`, p.expected, p.received, p.hint));
  if (errors.length === 1) throw errors[0]!;
  throw new PaperlabError('invalid', `${errors.length} parameters the notebook cannot take:\n${errors.map((e) => e.message).join('\n')}`);
}

/** Where each value of `-p` flags came from, for messages: name → `-p name=value`. */
export function parameterArgLabels(pairs: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq > 0) labels[pair.slice(0, eq)] = `-p ${pair}`;
  }
  return labels;
}
