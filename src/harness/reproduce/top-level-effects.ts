import ts from 'typescript';

// Which modules run code when they load. The kernel loads every module of an import (a barrel like
// src/index loads all of src/library), whether or not a name of it is used; a module whose top-level
// statements do more than declare things (register kernels, set up a backend, patch a global) can
// change results through that load alone, so the replay key counts such a module whenever it loads.

/** Calls that only build a value at load, never touch state elsewhere. */
const PURE_CALLS = new Set(['Symbol', 'Symbol.for', 'Object.freeze', 'Object.fromEntries', 'Object.keys', 'Object.entries', 'Object.values', 'Array.from', 'Array.of', 'Number', 'String', 'BigInt']);
/** Functions of node:path: they compute a string from strings. */
const PATH_FUNCTIONS = new Set(['join', 'resolve', 'dirname', 'basename', 'extname', 'relative', 'normalize']);
/** Methods that build a new value from their receiver (arrays, strings) and call back only what they are given. */
const PURE_METHODS = new Set(['map', 'filter', 'flatMap', 'join', 'slice', 'concat', 'includes', 'some', 'every', 'indexOf', 'find', 'split', 'trim', 'toLowerCase', 'toUpperCase', 'replace', 'padStart', 'padEnd', 'repeat']);
/** Constructors of plain containers. */
const PURE_NEW = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'Array', 'Error', 'RegExp']);

/**
 * Whether a module's top-level statements can do anything but declare: an expression statement,
 * a loop, a call in an initializer other than PURE_CALLS, a class with a static block or an
 * impure static initializer. Conservative: what is not known to be pure counts as an effect.
 */
export function hasTopLevelEffects(file: ts.SourceFile): boolean {
  pathNames = importedFrom(file, ['node:path', 'path']);
  return file.statements.some((s) => !isPureStatement(s));
}

/** Local names of the node:path functions the file being judged imports (set per file; the walk is synchronous). */
let pathNames = new Set<string>();

function importedFrom(file: ts.SourceFile, modules: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const s of file.statements) {
    if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier) || !modules.includes(s.moduleSpecifier.text)) continue;
    const bindings = s.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) {
      for (const el of bindings.elements) if (PATH_FUNCTIONS.has((el.propertyName ?? el.name).text)) names.add(el.name.text);
    }
  }
  return names;
}

function isPureStatement(s: ts.Statement): boolean {
  if (ts.isImportDeclaration(s) || ts.isExportDeclaration(s) || ts.isImportEqualsDeclaration(s)) return true; // loads: followed as edges
  if (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s) || ts.isFunctionDeclaration(s) || ts.isEmptyStatement(s)) return true;
  if (ts.isEnumDeclaration(s)) return s.members.every((m) => m.initializer === undefined || isPureExpression(m.initializer));
  if (ts.isClassDeclaration(s)) return isPureClass(s);
  if (ts.isModuleDeclaration(s)) return hasDeclareModifier(s) || !s.body || (ts.isModuleBlock(s.body) && s.body.statements.every(isPureStatement));
  if (ts.isVariableStatement(s)) return hasDeclareModifier(s) || s.declarationList.declarations.every((d) => d.initializer === undefined || isPureExpression(d.initializer));
  if (ts.isExportAssignment(s)) return isPureExpression(s.expression);
  // 'use strict' and other directives
  return ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression);
}

function hasDeclareModifier(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DeclareKeyword);
}

function isPureClass(c: ts.ClassDeclaration | ts.ClassExpression): boolean {
  if (ts.canHaveDecorators(c) && (ts.getDecorators(c) ?? []).length > 0) return false;
  const heritage = (c.heritageClauses ?? []).flatMap((h) => h.types).every((t) => isPureExpression(t.expression));
  return heritage && c.members.every((m) => {
    if (ts.isClassStaticBlockDeclaration(m)) return false;
    if (ts.canHaveDecorators(m) && (ts.getDecorators(m) ?? []).length > 0) return false;
    if (ts.isPropertyDeclaration(m) && m.initializer && isStatic(m)) return isPureExpression(m.initializer);
    return true; // methods, accessors, instance fields: run only when called or constructed
  });
}

function isStatic(m: ts.ClassElement): boolean {
  return ts.canHaveModifiers(m) && (ts.getModifiers(m) ?? []).some((x) => x.kind === ts.SyntaxKind.StaticKeyword);
}

function isPureExpression(e: ts.Expression): boolean {
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e)) {
    return isPureExpression(e.expression);
  }
  if (ts.isLiteralExpression(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isIdentifier(e)) return true;
  switch (e.kind) {
    case ts.SyntaxKind.TrueKeyword: case ts.SyntaxKind.FalseKeyword: case ts.SyntaxKind.NullKeyword: case ts.SyntaxKind.ThisKeyword:
      return true;
  }
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return true; // runs only when called
  if (ts.isClassExpression(e)) return isPureClass(e);
  if (ts.isTemplateExpression(e)) return e.templateSpans.every((span) => isPureExpression(span.expression));
  if (ts.isArrayLiteralExpression(e)) return e.elements.every((x) => (ts.isSpreadElement(x) ? isPureExpression(x.expression) : ts.isOmittedExpression(x) || isPureExpression(x)));
  if (ts.isObjectLiteralExpression(e)) return e.properties.every(isPureProperty);
  if (ts.isPropertyAccessExpression(e)) return isPureExpression(e.expression);
  if (ts.isElementAccessExpression(e)) return isPureExpression(e.expression) && isPureExpression(e.argumentExpression);
  if (ts.isPrefixUnaryExpression(e)) return e.operator !== ts.SyntaxKind.PlusPlusToken && e.operator !== ts.SyntaxKind.MinusMinusToken && isPureExpression(e.operand);
  if (ts.isTypeOfExpression(e) || ts.isVoidExpression(e)) return isPureExpression(e.expression);
  if (ts.isBinaryExpression(e)) return !isAssignment(e.operatorToken.kind) && isPureExpression(e.left) && isPureExpression(e.right);
  if (ts.isConditionalExpression(e)) return isPureExpression(e.condition) && isPureExpression(e.whenTrue) && isPureExpression(e.whenFalse);
  if (ts.isCallExpression(e)) return isPureCall(e);
  if (ts.isNewExpression(e)) return PURE_NEW.has(dottedName(e.expression)) && (e.arguments ?? []).every(isPureExpression);
  return false;
}

function isPureCall(e: ts.CallExpression): boolean {
  const callee = dottedName(e.expression);
  const known = PURE_CALLS.has(callee) || (callee.startsWith('Math.') && callee !== 'Math.random') || pathNames.has(callee);
  if (known) return e.arguments.every(isPureExpression);
  // [...].filter((k) => ...), 'a b'.split(' '): the callbacks run now, so their bodies must be pure too
  const callee2 = e.expression;
  if (ts.isPropertyAccessExpression(callee2) && PURE_METHODS.has(callee2.name.text) && isPureExpression(callee2.expression)) {
    return e.arguments.every((a) => (ts.isArrowFunction(a) ? !ts.isBlock(a.body) && isPureExpression(a.body) : !ts.isFunctionExpression(a) && isPureExpression(a)));
  }
  return false;
}

/** `Symbol.for` for `Symbol.for(...)`'s callee; '' for anything but a dotted name. */
function dottedName(e: ts.Expression): string {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.name)) {
    const head = dottedName(e.expression);
    return head ? `${head}.${e.name.text}` : '';
  }
  return '';
}

function isPureProperty(p: ts.ObjectLiteralElementLike): boolean {
  if (p.name && ts.isComputedPropertyName(p.name) && !isPureExpression(p.name.expression)) return false;
  if (ts.isPropertyAssignment(p)) return isPureExpression(p.initializer);
  if (ts.isSpreadAssignment(p)) return isPureExpression(p.expression);
  return true; // shorthand, methods, accessors
}

function isAssignment(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}
