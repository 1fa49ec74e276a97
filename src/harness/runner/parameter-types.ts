import type * as TS from 'typescript';

/**
 * The type of a notebook parameter, read from its declaration in the cell tagged `parameters`:
 * the annotation when there is one (`const mode: 'a' | 'b' = 'a'`), else the type TypeScript gives
 * the default once widened (`const lr = 0.01` → number, `const layers = [1, 2]` → number[]).
 * `any` is a declaration paperlab cannot read (an imported alias, a computed default): its values
 * are left to the kernel's compiler.
 */
export type ParamType =
  | { kind: 'number' | 'string' | 'boolean' | 'null' | 'undefined' }
  | { kind: 'any'; why: string }
  | { kind: 'literal'; value: string | number | boolean }
  | { kind: 'array'; element: ParamType }
  | { kind: 'tuple'; elements: ParamType[] }
  | { kind: 'object'; fields: Array<{ name: string; type: ParamType; optional: boolean }>; rest?: ParamType }
  | { kind: 'union'; members: ParamType[] };

export interface DeclaredParameter {
  name: string;
  /** The declaration as written, without its comment: `const lr = 0.01` (a long default is cut). */
  declaration: string;
  /** The annotation as written (`'fast' | 'slow'`), repeated by the injected cell. */
  annotation?: string;
  type: ParamType;
}

const ANY = (why: string): ParamType => ({ kind: 'any', why });
const MAX_DEPTH = 8;

let tsModule: typeof TS | undefined;
/** The compiler is loaded on first use: most commands never read a parameters cell. */
function typescript(): typeof TS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  tsModule ??= require('typescript') as typeof TS;
  return tsModule;
}

/**
 * Every variable the cell declares, in order, with its type. `aliasSources` are earlier cells whose
 * `type X = …` aliases an annotation may use.
 */
export function readDeclarations(source: string, aliasSources: readonly string[] = []): DeclaredParameter[] {
  const ts = typescript();
  const files = [...aliasSources, source].map((text, k) => ts.createSourceFile(`cell${k}.ts`, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS));
  const aliases = new Map<string, TS.TypeNode>();
  for (const file of files) {
    for (const st of file.statements) if (ts.isTypeAliasDeclaration(st) && !st.typeParameters) aliases.set(st.name.text, st.type);
  }
  const reader = new TypeReader(ts, aliases);
  const out: DeclaredParameter[] = [];
  for (const st of files[files.length - 1]!.statements) {
    if (!ts.isVariableStatement(st)) continue;
    const keyword = st.declarationList.getText().split(/\s/, 1)[0] ?? 'const';
    for (const d of st.declarationList.declarations) {
      if (!ts.isIdentifier(d.name)) {
        // `const { a, b } = defaults()`: declared, of a type only the compiler knows.
        for (const name of boundNames(ts, d.name)) out.push({ name, declaration: `${keyword} ${cut(oneLine(d.getText()))}`, type: ANY('destructured') });
        continue;
      }
      const name = d.name.text;
      const annotation = d.type?.getText();
      const init = d.initializer ? ` = ${cut(oneLine(d.initializer.getText()))}` : '';
      out.push({
        name,
        declaration: `${keyword} ${name}${annotation ? `: ${annotation}` : ''}${init}`,
        ...(annotation ? { annotation } : {}),
        type: d.type ? reader.fromTypeNode(d.type, 0) : d.initializer ? reader.fromExpression(d.initializer, 0) : ANY('no default'),
      });
    }
  }
  return out;
}

function boundNames(ts: typeof TS, pattern: TS.BindingName): string[] {
  if (ts.isIdentifier(pattern)) return [pattern.text];
  return pattern.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : boundNames(ts, e.name)));
}

class TypeReader {
  constructor(private readonly ts: typeof TS, private readonly aliases: Map<string, TS.TypeNode>) {}

  fromTypeNode(node: TS.TypeNode, depth: number): ParamType {
    const ts = this.ts;
    const K = ts.SyntaxKind;
    if (depth > MAX_DEPTH) return ANY(node.getText());
    switch (node.kind) {
      case K.NumberKeyword: return { kind: 'number' };
      case K.StringKeyword: return { kind: 'string' };
      case K.BooleanKeyword: return { kind: 'boolean' };
      case K.NullKeyword: return { kind: 'null' };
      case K.UndefinedKeyword: return { kind: 'undefined' };
      case K.AnyKeyword:
      case K.UnknownKeyword: return ANY(node.getText());
    }
    if (ts.isParenthesizedTypeNode(node)) return this.fromTypeNode(node.type, depth + 1);
    if (ts.isLiteralTypeNode(node)) {
      const lit = node.literal;
      if (lit.kind === K.NullKeyword) return { kind: 'null' };
      if (lit.kind === K.TrueKeyword || lit.kind === K.FalseKeyword) return { kind: 'literal', value: lit.kind === K.TrueKeyword };
      if (ts.isStringLiteral(lit) || ts.isNoSubstitutionTemplateLiteral(lit)) return { kind: 'literal', value: lit.text };
      if (ts.isNumericLiteral(lit)) return { kind: 'literal', value: Number(lit.text) };
      if (ts.isPrefixUnaryExpression(lit) && ts.isNumericLiteral(lit.operand)) return { kind: 'literal', value: (lit.operator === K.MinusToken ? -1 : 1) * Number(lit.operand.text) };
      return ANY(node.getText());
    }
    if (ts.isUnionTypeNode(node)) return union(node.types.map((t) => this.fromTypeNode(t, depth + 1)));
    if (ts.isArrayTypeNode(node)) return { kind: 'array', element: this.fromTypeNode(node.elementType, depth + 1) };
    if (ts.isTypeOperatorNode(node) && node.operator === K.ReadonlyKeyword) return this.fromTypeNode(node.type, depth + 1);
    if (ts.isTupleTypeNode(node)) {
      const elements = node.elements.map((e) => (ts.isNamedTupleMember(e) ? (e.questionToken || e.dotDotDotToken ? undefined : e.type) : ts.isOptionalTypeNode(e) || ts.isRestTypeNode(e) ? undefined : e));
      if (elements.some((e) => e === undefined)) return ANY(node.getText());
      return { kind: 'tuple', elements: elements.map((e) => this.fromTypeNode(e!, depth + 1)) };
    }
    if (ts.isTypeLiteralNode(node)) {
      const fields: Array<{ name: string; type: ParamType; optional: boolean }> = [];
      let rest: ParamType | undefined;
      for (const m of node.members) {
        if (ts.isPropertySignature(m) && m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name) || ts.isNumericLiteral(m.name))) {
          fields.push({ name: m.name.text, type: m.type ? this.fromTypeNode(m.type, depth + 1) : ANY('untyped'), optional: m.questionToken !== undefined });
        } else if (ts.isIndexSignatureDeclaration(m) && m.type) {
          rest = this.fromTypeNode(m.type, depth + 1);
        } else return ANY(node.getText());
      }
      return { kind: 'object', fields, ...(rest ? { rest } : {}) };
    }
    if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) {
      const name = node.typeName.text;
      const args = node.typeArguments ?? [];
      if ((name === 'Array' || name === 'ReadonlyArray') && args.length === 1) return { kind: 'array', element: this.fromTypeNode(args[0]!, depth + 1) };
      if (name === 'Record' && args.length === 2) {
        const key = this.fromTypeNode(args[0]!, depth + 1);
        const value = this.fromTypeNode(args[1]!, depth + 1);
        if (key.kind === 'string') return { kind: 'object', fields: [], rest: value };
        const keys = key.kind === 'union' ? key.members : [key];
        if (keys.every((k) => k.kind === 'literal' && typeof k.value === 'string')) {
          return { kind: 'object', fields: keys.map((k) => ({ name: String((k as { value: string }).value), type: value, optional: false })) };
        }
        return ANY(node.getText());
      }
      const alias = this.aliases.get(name);
      if (alias && args.length === 0) return this.fromTypeNode(alias, depth + 1);
    }
    return ANY(node.getText());
  }

  /** The widened type TypeScript infers for a default without annotation. */
  fromExpression(expr: TS.Expression, depth: number): ParamType {
    const ts = this.ts;
    const K = ts.SyntaxKind;
    if (depth > MAX_DEPTH) return ANY(expr.getText());
    if (ts.isParenthesizedExpression(expr)) return this.fromExpression(expr.expression, depth + 1);
    if (ts.isNumericLiteral(expr)) return { kind: 'number' };
    if (ts.isPrefixUnaryExpression(expr) && (expr.operator === K.MinusToken || expr.operator === K.PlusToken) && ts.isNumericLiteral(expr.operand)) return { kind: 'number' };
    if (ts.isIdentifier(expr) && (expr.text === 'NaN' || expr.text === 'Infinity')) return { kind: 'number' };
    if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr) || ts.isTemplateExpression(expr)) return { kind: 'string' };
    if (expr.kind === K.TrueKeyword || expr.kind === K.FalseKeyword) return { kind: 'boolean' };
    if (expr.kind === K.NullKeyword) return { kind: 'null' };
    if (ts.isAsExpression(expr) || ts.isTypeAssertionExpression(expr)) {
      const asConst = ts.isTypeReferenceNode(expr.type) && ts.isIdentifier(expr.type.typeName) && expr.type.typeName.text === 'const';
      return asConst ? this.fromExpression(expr.expression, depth + 1) : this.fromTypeNode(expr.type, depth + 1);
    }
    if (ts.isSatisfiesExpression(expr)) return this.fromExpression(expr.expression, depth + 1);
    if (ts.isArrayLiteralExpression(expr)) {
      if (expr.elements.length === 0) return { kind: 'array', element: ANY('[]') };
      if (expr.elements.some((e) => ts.isSpreadElement(e) || ts.isOmittedExpression(e))) return ANY(expr.getText());
      return { kind: 'array', element: union(expr.elements.map((e) => this.fromExpression(e, depth + 1))) };
    }
    if (ts.isObjectLiteralExpression(expr)) {
      const fields: Array<{ name: string; type: ParamType; optional: boolean }> = [];
      for (const p of expr.properties) {
        if (!ts.isPropertyAssignment(p) || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNumericLiteral(p.name))) return ANY(oneLine(expr.getText()));
        fields.push({ name: p.name.text, type: this.fromExpression(p.initializer, depth + 1), optional: false });
      }
      return { kind: 'object', fields };
    }
    return ANY(oneLine(expr.getText()));
  }
}

/** A union without repeats; one member is itself; an `any` member makes the union `any`. */
export function union(members: ParamType[]): ParamType {
  const flat = members.flatMap((m) => (m.kind === 'union' ? m.members : [m]));
  const anyMember = flat.find((m) => m.kind === 'any');
  if (anyMember) return anyMember;
  const seen = new Map<string, ParamType>();
  for (const m of flat) seen.set(JSON.stringify(m), m);
  const unique = [...seen.values()];
  return unique.length === 1 ? unique[0]! : { kind: 'union', members: unique };
}

/** The type of a JSON default (config.yaml `parameters`), for a declaration paperlab cannot read. */
export function typeOfValue(value: unknown): ParamType {
  if (value === null) return ANY('null'); // a null default says nothing of the values meant
  if (typeof value === 'number') return { kind: 'number' };
  if (typeof value === 'string') return { kind: 'string' };
  if (typeof value === 'boolean') return { kind: 'boolean' };
  if (Array.isArray(value)) return { kind: 'array', element: value.length === 0 ? ANY('[]') : union(value.map(typeOfValue)) };
  if (typeof value === 'object') return { kind: 'object', fields: Object.entries(value as object).map(([name, v]) => ({ name, type: typeOfValue(v), optional: false })) };
  return ANY(typeof value);
}

/** TypeScript-like text of a type: `number[]`, `{ a: number; b?: string }`, `'a' | 'b'`. */
export function typeText(t: ParamType): string {
  switch (t.kind) {
    case 'any': return 'any';
    case 'literal': return typeof t.value === 'string' ? `'${t.value}'` : String(t.value);
    case 'array': return `${t.element.kind === 'union' ? `(${typeText(t.element)})` : typeText(t.element)}[]`;
    case 'tuple': return `[${t.elements.map(typeText).join(', ')}]`;
    case 'object': {
      const parts = [...t.fields.map((f) => `${f.name}${f.optional ? '?' : ''}: ${typeText(f.type)}`), ...(t.rest ? [`[key: string]: ${typeText(t.rest)}`] : [])];
      return parts.length === 0 ? '{}' : `{ ${parts.join('; ')} }`;
    }
    case 'union': return t.members.map(typeText).join(' | ');
    default: return t.kind;
  }
}

const PLURAL: Record<string, string> = { number: 'numbers', string: 'strings', boolean: 'booleans' };

/** The type in words for a message: `a number`, `an array of numbers`, `"a" or "b"`. */
export function describeType(t: ParamType): string {
  switch (t.kind) {
    case 'number': return 'a number';
    case 'string': return 'a string';
    case 'boolean': return 'a boolean (true or false)';
    case 'null': return 'null';
    case 'undefined': return 'undefined';
    case 'any': return 'any value';
    case 'literal': return JSON.stringify(t.value);
    case 'array': return PLURAL[t.element.kind] ? `an array of ${PLURAL[t.element.kind]}` : `an array of ${typeText(t.element)}`;
    case 'tuple': return `a tuple ${typeText(t)}`;
    case 'object': return `an object ${typeText(t)}`;
    case 'union': return t.members.map(describeType).join(' or ');
  }
}

/** Where a value first differs from its type: the path inside it (`""` for the whole value), the part's type and the part. */
export interface TypeMismatch {
  path: string;
  type: ParamType;
  value: unknown;
  /** Set when the part is a key the object type does not have, or lacks one it must have. */
  key?: { name: string; missing: boolean; known: string[] };
}

/** Undefined when `value` (parsed JSON or YAML) has type `t`. */
export function mismatch(value: unknown, t: ParamType, path = ''): TypeMismatch | undefined {
  const here: TypeMismatch = { path, type: t, value };
  switch (t.kind) {
    case 'any': return undefined;
    case 'number': return typeof value === 'number' ? undefined : here;
    case 'string': return typeof value === 'string' ? undefined : here;
    case 'boolean': return typeof value === 'boolean' ? undefined : here;
    case 'null': return value === null ? undefined : here;
    case 'undefined': return value === undefined ? undefined : here;
    case 'literal': return value === t.value ? undefined : here;
    case 'union': return t.members.some((m) => mismatch(value, m, path) === undefined) ? undefined : here;
    case 'array':
      if (!Array.isArray(value)) return here;
      for (const [i, v] of value.entries()) {
        const m = mismatch(v, t.element, `${path}[${i}]`);
        if (m) return m;
      }
      return undefined;
    case 'tuple':
      if (!Array.isArray(value) || value.length !== t.elements.length) return here;
      for (const [i, v] of value.entries()) {
        const m = mismatch(v, t.elements[i]!, `${path}[${i}]`);
        if (m) return m;
      }
      return undefined;
    case 'object': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return here;
      const obj = value as Record<string, unknown>;
      const known = t.fields.map((f) => f.name);
      for (const [k, v] of Object.entries(obj)) {
        if (known.includes(k)) continue;
        const at = path ? `${path}.${k}` : k;
        if (!t.rest) return { path: at, type: t, value: v, key: { name: k, missing: false, known } };
        const m = mismatch(v, t.rest, at);
        if (m) return m;
      }
      for (const f of t.fields) {
        const at = path ? `${path}.${f.name}` : f.name;
        if (!(f.name in obj)) {
          if (f.optional) continue;
          return { path: at, type: f.type, value: undefined, key: { name: f.name, missing: true, known } };
        }
        const m = mismatch(obj[f.name], f.type, at);
        if (m) return m;
      }
      return undefined;
    }
  }
}

/** A value as a message shows it: JSON, cut at 60 characters. */
export function shownValue(value: unknown): string {
  return value === undefined ? 'nothing' : cut(JSON.stringify(value));
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

function cut(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
