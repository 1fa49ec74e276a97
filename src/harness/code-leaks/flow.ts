import ts from 'typescript';
import { noFacts, same, union, widen, withPart, type Facts, type Root } from './facts';
import type { FitKind } from './types';
import {
  CHOICE_NAMES, FIT_METHODS, FIT_RETURNS_DATA, KEEPS_ELEMENTS, kindFromName, LOOP_METHODS, nameOf, partFromName, partOfProperty,
  receiverName, RESAMPLING_FUNCTIONS, SELECTING_FUNCTIONS, SELECTING_METHODS, SPLIT_FUNCTIONS, SPLIT_TYPE, SPLITTER_FACTORIES, transformFactory,
} from './vocabulary';

/** A call that learns from data: `what` is how the code names the fitter (`standardScaler`, `scaler`, `smote`). */
export interface FitEvent { node: ts.Node; kind: FitKind; what: string; data: Facts; dataText: string }
/** Data being split; `within` is a function handed its splits as a parameter (the data they split is the caller's). */
export interface SplitEvent { node: ts.Node; roots: Set<Root>; within?: ts.Node }
/** A call given test rows or data; `loop` is the loop over candidates it repeats in, when there is one. */
export interface EvalEvent { id: number; node: ts.Node; inputs: Set<number>; sources: Set<ts.Symbol>; loop?: ts.Node }
/** A choice among values (a comparison, max/min/sort, a `best…` variable) that test evaluations flow into. */
export interface SelectionEvent { node: ts.Node; evals: Set<number>; sides?: [Set<number>, Set<number>] }

export interface Flow { fits: FitEvent[]; splits: SplitEvent[]; evals: EvalEvent[]; selections: SelectionEvent[] }

interface Frame { returns: Facts[] }
interface Loop { node: ts.Node; overSplits: boolean }
type FunctionLike = ts.ArrowFunction | ts.FunctionExpression | ts.FunctionDeclaration | ts.MethodDeclaration;

const isFunctionLike = (n: ts.Node): n is FunctionLike => ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n);
const COMPARISONS = new Set([ts.SyntaxKind.LessThanToken, ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.LessThanEqualsToken, ts.SyntaxKind.GreaterThanEqualsToken]);
const isAssignment = (k: ts.SyntaxKind) => k >= ts.SyntaxKind.FirstAssignment && k <= ts.SyntaxKind.LastAssignment;

/**
 * One pass over a source file in order (a notebook's cells concatenated: they run in order and share
 * one scope), tracking what each variable derives from through assignments, destructuring, calls
 * and callbacks. Variables are the compiler's symbols, so shadowing and scopes are the language's.
 */
export function traceFlow(sf: ts.SourceFile, checker: ts.TypeChecker): Flow {
  return new Walk(checker).run(sf);
}

class Walk {
  private readonly vars = new Map<ts.Symbol, Facts>();
  private readonly flow: Flow = { fits: [], splits: [], evals: [], selections: [] };
  private readonly frames: Frame[] = [];
  private readonly loops: Loop[] = [];
  /** Splits made by calls (not by parameters): a function body that makes one splits its arguments. */
  private splitCalls = 0;

  constructor(private readonly checker: ts.TypeChecker) {}

  run(sf: ts.SourceFile): Flow {
    sf.statements.forEach((s) => this.stmt(s));
    return this.flow;
  }

  private symbol(n: ts.Node): ts.Symbol | undefined {
    if (ts.isShorthandPropertyAssignment(n.parent) && n.parent.name === n) return this.checker.getShorthandAssignmentValueSymbol(n.parent);
    return this.checker.getSymbolAtLocation(n);
  }

  private stmt(s: ts.Node): void {
    if (ts.isVariableStatement(s)) this.declarations(s.declarationList);
    else if (ts.isExpressionStatement(s)) this.expr(s.expression);
    else if (ts.isReturnStatement(s)) { const f = s.expression ? this.expr(s.expression) : noFacts(true); this.frames.at(-1)?.returns.push(f); }
    else if (ts.isFunctionDeclaration(s)) { const f = this.fn(s).facts; if (s.name) this.bind(s.name, f); }
    else if (ts.isForOfStatement(s) || ts.isForInStatement(s)) this.forEach(s);
    else if (ts.isForStatement(s)) {
      const head = [s.initializer, s.condition, s.incrementor].filter((n): n is ts.ForInitializer => n !== undefined);
      head.forEach((n) => (ts.isVariableDeclarationList(n) ? this.declarations(n) : this.expr(n)));
      // `for (let i = 0; i < splits.length; i++)` counts over splits
      this.inLoop(s, head.some((n) => this.mentionsSplit(n)), () => this.stmt(s.statement));
    } else if (ts.isWhileStatement(s) || ts.isDoStatement(s)) { this.expr(s.expression); this.inLoop(s, false, () => this.stmt(s.statement)); }
    else if (ts.isImportDeclaration(s) || ts.isTypeAliasDeclaration(s) || ts.isInterfaceDeclaration(s)) return;
    else this.children(s);
  }

  private declarations(list: ts.VariableDeclarationList): Facts[] {
    return list.declarations.map((d) => {
      const f = d.initializer ? this.expr(d.initializer) : noFacts(true);
      this.bind(d.name, f);
      return f;
    });
  }

  private forEach(s: ts.ForOfStatement | ts.ForInStatement): void {
    const over = this.expr(s.expression);
    const element = ts.isForInStatement(s) ? noFacts(true) : over.split ? same(over) : union(over);
    this.inLoop(s, over.split || over.parts.size > 0, () => {
      if (ts.isVariableDeclarationList(s.initializer)) s.initializer.declarations.forEach((d) => this.bind(d.name, element));
      else this.assign(s.initializer, element);
      this.stmt(s.statement);
    });
  }

  /** A name the walk bound (a variable of the code), not an import or a global. */
  private isVariable(id: ts.Identifier): boolean {
    const sym = this.symbol(id);
    return !!sym && this.vars.has(sym);
  }

  private mentionsSplit(n: ts.Node): boolean {
    if (ts.isIdentifier(n)) { const sym = this.symbol(n); return !!sym && !!this.vars.get(sym)?.split; }
    return ts.forEachChild(n, (c) => this.mentionsSplit(c) || undefined) ?? false;
  }

  private inLoop(node: ts.Node, overSplits: boolean, body: () => void): void {
    this.loops.push({ node, overSplits });
    try { body(); } finally { this.loops.pop(); }
  }

  /** Visits every child; the facts of the expressions among them, united. */
  private children(n: ts.Node): Facts {
    const found: Facts[] = [];
    ts.forEachChild(n, (c) => {
      if (isFunctionLike(c)) found.push(this.fn(c).facts);
      else if (ts.isExpression(c)) found.push(this.expr(c));
      else this.stmt(c);
    });
    return union(...found);
  }

  private expr(e: ts.Expression): Facts {
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e)
      || ts.isSatisfiesExpression(e) || ts.isAwaitExpression(e) || ts.isSpreadElement(e)) return this.expr(e.expression);
    if (ts.isIdentifier(e)) return this.identifier(e);
    if (ts.isLiteralExpression(e) || e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword || e.kind === ts.SyntaxKind.NullKeyword) return noFacts(true);
    if (ts.isPropertyAccessExpression(e)) return this.property(e);
    if (ts.isElementAccessExpression(e)) { const base = this.expr(e.expression); this.expr(e.argumentExpression); return same(base); }
    if (ts.isCallExpression(e)) return this.call(e);
    if (ts.isNewExpression(e)) return this.construct(e);
    if (isFunctionLike(e)) return this.fn(e).facts;
    if (ts.isBinaryExpression(e)) return this.binary(e);
    if (ts.isObjectLiteralExpression(e)) {
      return union(...e.properties.map((p) => {
        if (ts.isPropertyAssignment(p)) return this.expr(p.initializer);
        if (ts.isShorthandPropertyAssignment(p)) return this.identifier(p.name);
        if (ts.isSpreadAssignment(p)) return this.expr(p.expression);
        return this.children(p);
      }));
    }
    return this.children(e);
  }

  private identifier(id: ts.Identifier): Facts {
    const sym = this.symbol(id);
    const known = sym && this.vars.get(sym);
    if (!known) return noFacts(true); // an import or a global: code, not data
    const f = same(known);
    if (known.split) f.holders = new Set([sym]);
    return f;
  }

  /**
   * `split.train` is a part; so is `.train`/`.test` of a value the walk did not see split (a
   * function's untyped parameter `split`), by its name, as `xTest` is.
   */
  private property(e: ts.PropertyAccessExpression): Facts {
    const base = this.expr(e.expression);
    const part = base.literal ? undefined : partOfProperty(e.name.text);
    const f = union(base);
    if (!part) return f;
    const holders = base.split || !ts.isIdentifier(e.expression) ? base.holders : new Set([this.symbol(e.expression)!].filter(Boolean));
    withPart(f, part, holders);
    return f;
  }

  /** Binds a declared name (or pattern) to the facts of its value. */
  private bind(name: ts.BindingName, f: Facts): void {
    if (ts.isIdentifier(name)) {
      const sym = this.symbol(name);
      if (!sym) return;
      const own = same(f);
      if (!f.literal) own.roots.add(sym);
      const named = partFromName(name.text);
      if (named && own.parts.size === 0 && !own.split && !own.literal) withPart(own, named, new Set([sym]));
      if (own.parts.has('test') && own.testSources.size === 0) own.testSources.add(sym);
      this.vars.set(sym, own);
      return;
    }
    if (ts.isObjectBindingPattern(name)) {
      for (const el of name.elements) {
        const prop = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : ts.isIdentifier(el.name) ? el.name.text : undefined;
        const part = f.split && prop ? partOfProperty(prop) : undefined;
        if (part) { const p = union(f); withPart(p, part, f.holders); this.bind(el.name, p); }
        else this.bind(el.name, f.split && (el.dotDotDotToken || prop === 'split' || prop === 'splits') ? same(f) : union(f));
      }
      return;
    }
    for (const el of name.elements) {
      if (ts.isOmittedExpression(el)) continue;
      const part = ts.isIdentifier(el.name) ? partFromName(el.name.text) : undefined;
      if (f.split && part) { const p = union(f); withPart(p, part, f.holders); this.bind(el.name, p); }
      else this.bind(el.name, f.split ? same(f) : union(f));
    }
  }

  /** `x = value`, `x.y = value`, `[a, b] = value`: the target may now hold what the value holds. */
  private assign(target: ts.Node, f: Facts): void {
    if (ts.isVariableDeclarationList(target)) { target.declarations.forEach((d) => this.bind(d.name, f)); return; }
    let root: ts.Node = target;
    while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root) || ts.isParenthesizedExpression(root)) root = root.expression;
    if (ts.isArrayLiteralExpression(root) || ts.isObjectLiteralExpression(root)) { ts.forEachChild(root, (c) => this.assign(c, f)); return; }
    if (!ts.isIdentifier(root)) return;
    const sym = this.symbol(root);
    if (!sym) return;
    const known = this.vars.get(sym);
    if (known) widen(known, f);
    else this.bind(root, f);
    if (CHOICE_NAMES.test(root.text) && f.evals.size > 0) this.flow.selections.push({ node: target.parent ?? target, evals: new Set(f.evals) });
  }

  private binary(e: ts.BinaryExpression): Facts {
    const op = e.operatorToken.kind;
    if (isAssignment(op)) {
      const right = this.expr(e.right);
      const f = op === ts.SyntaxKind.EqualsToken ? right : union(right, this.expr(e.left));
      this.assign(e.left, f);
      return f;
    }
    const left = this.expr(e.left);
    const right = this.expr(e.right);
    const f = union(left, right);
    if (COMPARISONS.has(op) && f.evals.size > 0) this.flow.selections.push({ node: e, evals: new Set(f.evals), sides: [new Set(left.evals), new Set(right.evals)] });
    return f;
  }

  /** A function's body, with its parameters bound (`given`: a callback's elements); `facts` says whether it splits its arguments. */
  private fn(node: FunctionLike, given: Facts[] = []): { facts: Facts; returns: Facts } {
    const frame: Frame = { returns: [] };
    const before = this.splitCalls;
    this.frames.push(frame);
    const loops = this.loops.splice(0); // a function defined in a loop is not the loop's body
    if (given.length > 0) this.loops.push(...loops); // ...but a callback of forEach/map is (inLoop pushed it)
    try {
      node.parameters.forEach((p, i) => {
        let f = given[i] ?? noFacts(false);
        if (!given[i] && p.type && SPLIT_TYPE.test(p.type.getText())) {
          f = { ...noFacts(false), split: true };
          if (node.body) this.flow.splits.push({ node: p, roots: new Set(), within: node.body });
        }
        this.bind(p.name, f);
      });
      if (node.body && ts.isBlock(node.body)) node.body.statements.forEach((s) => this.stmt(s));
      else if (node.body) frame.returns.push(this.expr(node.body));
    } finally {
      this.frames.pop();
      this.loops.splice(0, this.loops.length, ...loops);
    }
    return { facts: { ...noFacts(false), splitsArguments: this.splitCalls > before }, returns: union(...frame.returns) };
  }

  private call(e: ts.CallExpression): Facts {
    let callee: ts.Expression = e.expression;
    while (ts.isParenthesizedExpression(callee) || ts.isNonNullExpression(callee)) callee = callee.expression;
    const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    const receiver = ts.isPropertyAccessExpression(callee) ? this.expr(callee.expression) : undefined;
    // `splits.kfold(…)`, `leakage.standardScaler(…)`: a function of a namespace import (src/index) counts as the function
    const name = ts.isIdentifier(callee) ? callee.text
      : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && !this.isVariable(callee.expression) ? callee.name.text : undefined;
    const calleeFacts = ts.isIdentifier(callee) ? this.identifier(callee) : !receiver ? this.expr(callee) : undefined;
    const viaNamespace = name !== undefined && !ts.isIdentifier(callee);
    const args = e.arguments.map((a) => this.argument(a, method, receiver));
    const inputs = union(...args);
    const all = union(...(receiver ? [receiver] : []), inputs);
    all.literal = false; // a call's result is data, whatever went in
    const text = receiverName(callee);

    if ((method === 'split' && receiver?.splitter) || (name && SPLIT_FUNCTIONS.test(name)) || calleeFacts?.splitsArguments) {
      const roots = name === 'splitWithChecks' ? args[0]?.roots ?? new Set<Root>() : inputs.roots;
      this.splitCalls++;
      this.flow.splits.push({ node: e, roots: new Set(roots) });
      return { ...noFacts(false), roots: new Set(roots), split: true };
    }
    if (name && SPLITTER_FACTORIES.has(name)) return { ...noFacts(false), splitter: true };
    const factoryKind = name ? transformFactory(name) : undefined;
    if (factoryKind) return { ...noFacts(false), transform: factoryKind };
    const resamples = name !== undefined && RESAMPLING_FUNCTIONS.test(name);
    if (resamples || (method && FIT_METHODS.has(method) && !viaNamespace)) {
      const kind = resamples ? 'resampling' : receiver?.transform ?? kindFromName(text) ?? 'fit';
      // The output is a root of its own: a split of it relates to the fit even when nothing else does.
      const output: Root = { fitOutput: this.flow.fits.length };
      inputs.roots.add(output);
      all.roots.add(output);
      this.flow.fits.push({ node: e, kind, what: resamples ? name : (text || `.${method}`), data: inputs, dataText: e.arguments[0]?.getText() ?? '' });
      if (resamples || FIT_RETURNS_DATA.has(method!)) return this.evaluated(e, all);
      return { ...noFacts(false), roots: all.roots, transform: kind };
    }
    if ((method === 'push' || method === 'unshift') && ts.isPropertyAccessExpression(callee)) this.assign(callee.expression, inputs);
    const selects = (name && SELECTING_FUNCTIONS.test(name)) || (method && SELECTING_METHODS.has(method));
    if (selects && all.evals.size > 0) this.flow.selections.push({ node: e, evals: new Set(all.evals) });
    const out = this.evaluated(e, all);
    if (method && receiver?.split && KEEPS_ELEMENTS.has(method)) { out.split = true; out.holders = new Set(receiver.holders); }
    return out;
  }

  /** An argument's facts; a callback of forEach/map/… is a loop over the receiver's elements, and gives what it returns. */
  private argument(a: ts.Expression, method: string | undefined, receiver: Facts | undefined): Facts {
    if (!(ts.isArrowFunction(a) || ts.isFunctionExpression(a))) return this.expr(a);
    if (!method || !receiver || !LOOP_METHODS.has(method)) return this.fn(a).facts;
    const element = receiver.split ? same(receiver) : union(receiver);
    const given = method === 'reduce' ? [noFacts(false), element] : [element];
    let returns = noFacts(false);
    this.inLoop(a, receiver.split || receiver.parts.size > 0, () => { returns = this.fn(a, given).returns; });
    return returns;
  }

  /** `new KFold(…)`, `new StandardScaler()`, or any other object built from data. */
  private construct(e: ts.NewExpression): Facts {
    const name = nameOf(e.expression); // `new StandardScaler()`, `new dfd.StandardScaler()`
    const args = union(...(e.arguments ?? []).map((a) => this.expr(a)));
    if (SPLITTER_FACTORIES.has(name)) return { ...noFacts(false), splitter: true };
    const kind = transformFactory(name);
    if (kind) return { ...noFacts(false), transform: kind };
    return this.evaluated(e, { ...args, literal: false });
  }

  /** The facts of a call's result; a call given test data is an evaluation, and its result carries that. */
  private evaluated(node: ts.Node, f: Facts): Facts {
    if (!f.parts.has('test')) return f;
    const id = this.flow.evals.length;
    this.flow.evals.push({ id, node, inputs: new Set(f.evals), sources: new Set(f.testSources), loop: this.candidateLoop(f.testSources) });
    f.evals.add(id);
    return f;
  }

  /**
   * The innermost loop, when it repeats over candidates (not over splits or rows) and the test part
   * it evaluates on was made outside it: the same test set, once per candidate.
   */
  private candidateLoop(sources: Set<ts.Symbol>): ts.Node | undefined {
    const loop = this.loops.at(-1);
    if (!loop || loop.overSplits) return undefined;
    const outside = [...sources].some((s) => {
      const decl = s.valueDeclaration ?? s.declarations?.[0];
      return !decl || decl.pos < loop.node.pos || decl.end > loop.node.end;
    });
    return outside ? loop.node : undefined;
  }
}
