import { existsSync, readdirSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import ts from 'typescript';
import { closureKey, recallClosure, rememberClosure } from './closure-memo';
import { hasTopLevelEffects } from './top-level-effects';

// The project files a notebook's code depends on, found per imported NAME: a notebook importing
// `rng` from the facade src/index depends on the barrels along the way and the file declaring `rng`
// (and, recursively, what that file imports), not on all of src/library, which a file-level closure
// of the facade would give every paper. Resolution is the TypeScript checker's own (aliases through
// re-export barrels), over a program of the project files the notebook reaches; packages (node_modules) are never
// parsed: environment.lock pins them. Where a name cannot narrow the set, whole modules count:
// `import * as x`, `import './x'`, `require('./x')`, `export * as ns`, and every module that runs
// code when it loads (top-level-effects.ts), since the kernel loads it whatever names are used.

/** Folders under the root whose TypeScript the closure's memo key covers (the kernel's own imports are relative to the root). */
const SOURCE_FOLDERS = ['src', 'papers'];

/** The name the notebook's code gets as a file: at the root, where the kernel's cells are compiled. */
const NOTEBOOK_FILE_NAME = '__paperlab_notebook__.ts';

export interface CodeDependencies {
  /** Absolute paths of every project file the code depends on, sorted. */
  files: string[];
  /** How long finding them took (ms): building the program and walking it, or hashing the sources when remembered. */
  millis: number;
  /** Whether the closure was remembered (closure-memo.ts) rather than walked. */
  remembered: boolean;
}

/**
 * The project files `code` (a notebook's code cells, concatenated) depends on when run by a kernel
 * whose working directory is `root`. `extraFolders` are searched for sources too (a paper folder
 * outside the root).
 */
export function codeDependencies(root: string, code: string, extraFolders: readonly string[] = []): CodeDependencies {
  const started = performance.now();
  const notebookPath = join(resolve(root), NOTEBOOK_FILE_NAME);
  const sources = [...SOURCE_FOLDERS.map((f) => join(root, f)), ...extraFolders].flatMap((dir) => listSources(dir));
  const memoKey = closureKey(`${notebookPath}\0${code}`, sources, ts.version);
  const remembered = recallClosure(memoKey);
  if (remembered) return { files: remembered, millis: performance.now() - started, remembered: true };
  const program = reachableProgram(notebookPath, projectOnlyHost(notebookPath, code));
  const walk = new ClosureWalk(program);
  walk.fromNotebook(program.getSourceFile(notebookPath)!);
  const files = [...walk.included].filter((f) => f !== notebookPath).sort();
  rememberClosure(memoKey, files);
  return { files, millis: performance.now() - started, remembered: false };
}

/**
 * A program of the notebook and every project file it reaches; files nothing reaches (the harness,
 * the CLI, other papers: half the sources) are never parsed. TypeScript follows imports, re-exports
 * and import() itself, but a `require('./x')` only in JavaScript, so the targets of such calls are
 * added as roots until none is missing.
 */
function reachableProgram(notebookPath: string, host: ts.CompilerHost): ts.Program {
  const roots = [notebookPath];
  for (;;) {
    const program = ts.createProgram({ rootNames: roots, options: PROGRAM_OPTIONS, host });
    const missing = new Set<string>();
    for (const file of program.getSourceFiles()) {
      for (const specifier of literalLoads(file)) {
        const target = resolveRelative(specifier.text, file.fileName, host)?.resolvedFileName;
        if (target && !program.getSourceFile(target) && !roots.includes(target)) missing.add(target);
      }
    }
    if (missing.size === 0) return program;
    roots.push(...missing);
  }
}

/** The literal specifiers of a file's `require('...')` and `import('...')` calls. */
function literalLoads(file: ts.SourceFile): ts.StringLiteralLike[] {
  const out: ts.StringLiteralLike[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.arguments.length >= 1 && ts.isStringLiteralLike(node.arguments[0]!)
      && ((ts.isIdentifier(node.expression) && node.expression.text === 'require') || node.expression.kind === ts.SyntaxKind.ImportKeyword)) {
      out.push(node.arguments[0]!);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

const PROGRAM_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  noLib: true, // no types are checked: only names are resolved
  types: [],
  noEmit: true,
  allowJs: false,
};

/**
 * Parsed sources of earlier walks in this process, by path: reused while the text is unchanged (as
 * TypeScript's language service shares them between programs). Parsing is most of a walk, and one
 * process often walks several notebooks over the same src/ (a test file, a sweep).
 */
const parsed = new Map<string, ts.SourceFile>();

/** A compiler host that serves the notebook from memory and resolves only relative imports (no packages). */
function projectOnlyHost(notebookPath: string, code: string): ts.CompilerHost {
  const host = ts.createCompilerHost(PROGRAM_OPTIONS, true);
  const notebook = ts.createSourceFile(notebookPath, code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  host.getSourceFile = (name) => {
    if (resolve(name) === notebookPath) return notebook;
    const text = ts.sys.readFile(name);
    if (text === undefined) return undefined;
    const known = parsed.get(name);
    if (known?.text === text) return known;
    const file = ts.createSourceFile(name, text, ts.ScriptTarget.ES2022, true);
    parsed.set(name, file);
    return file;
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => resolve(name) === notebookPath || fileExists(name);
  host.resolveModuleNameLiterals = (literals, containingFile) => literals.map((lit) => ({ resolvedModule: resolveRelative(lit.text, containingFile, host) }));
  return host;
}

function resolveRelative(specifier: string, containingFile: string, host: ts.ModuleResolutionHost): ts.ResolvedModuleFull | undefined {
  if (!specifier.startsWith('.')) return undefined; // a package or a node: builtin
  const found = ts.resolveModuleName(specifier, containingFile, PROGRAM_OPTIONS, host).resolvedModule;
  return found && !found.isExternalLibraryImport && !found.resolvedFileName.endsWith('.d.ts') ? found : undefined;
}

function listSources(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'runs' || e.name === 'build' || e.name.startsWith('.')) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) listSources(full, out);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

class ClosureWalk {
  /** Files whose text the key hashes. */
  readonly included = new Set<string>();
  /** Files all of whose code counts (declaring files, whole modules): their imports were followed. */
  private readonly processed = new Set<string>();
  private readonly wholeModules = new Set<string>();
  private readonly checker: ts.TypeChecker;

  constructor(private readonly program: ts.Program) {
    this.checker = program.getTypeChecker();
  }

  fromNotebook(notebook: ts.SourceFile): void {
    this.processFile(notebook);
    for (const loaded of this.loadClosure(notebook)) {
      if (hasTopLevelEffects(loaded)) this.processFile(loaded);
    }
  }

  /** Every project module the kernel loads for `start` (each import's whole file closure, as require() does). */
  private loadClosure(start: ts.SourceFile): ts.SourceFile[] {
    const seen = new Map<string, ts.SourceFile>([[start.fileName, start]]);
    const queue = [start];
    while (queue.length > 0) {
      const file = queue.pop()!;
      for (const target of this.loadedModules(file)) {
        if (seen.has(target.fileName)) continue;
        seen.set(target.fileName, target);
        queue.push(target);
      }
    }
    seen.delete(start.fileName);
    return [...seen.values()];
  }

  /** The modules a file loads at run time: imports and re-exports (not `import type`), require/import() of literals. */
  private loadedModules(file: ts.SourceFile): ts.SourceFile[] {
    const out: ts.SourceFile[] = [];
    for (const s of file.statements) {
      if ((ts.isImportDeclaration(s) && !s.importClause?.isTypeOnly) || (ts.isExportDeclaration(s) && !s.isTypeOnly && s.moduleSpecifier)) {
        const target = this.moduleAt(s.moduleSpecifier!, file);
        if (target) out.push(target);
      }
    }
    out.push(...this.dynamicLoads(file));
    return out;
  }

  /** Code of `file` all counts: hash it and follow each of its imports, per name. */
  private processFile(file: ts.SourceFile): void {
    if (this.processed.has(file.fileName)) return;
    this.processed.add(file.fileName);
    this.included.add(file.fileName);
    for (const s of file.statements) {
      if (ts.isImportDeclaration(s)) this.followImport(s, file);
      else if (ts.isImportEqualsDeclaration(s) && ts.isExternalModuleReference(s.moduleReference)) this.useModuleAt(s.moduleReference.expression, file);
    }
    for (const target of this.dynamicLoads(file)) this.useModule(target);
  }

  private followImport(s: ts.ImportDeclaration, file: ts.SourceFile): void {
    const clause = s.importClause;
    if (!clause) return this.useModuleAt(s.moduleSpecifier, file); // import './x': for its effects
    if (clause.isTypeOnly) return; // erased: types never change a result
    if (clause.name) this.useAlias(clause.name, s.moduleSpecifier, file);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) this.useModuleAt(s.moduleSpecifier, file);
    else if (bindings) for (const el of bindings.elements) if (!el.isTypeOnly) this.useAlias(el.name, s.moduleSpecifier, file);
  }

  /**
   * Follows an imported name to its declaration: each alias on the way (an import, an `export { }`
   * in a barrel) is a file the key hashes, and so is every barrel an `export *` passes through.
   */
  private useAlias(name: ts.Node, specifier: ts.Expression, file: ts.SourceFile): void {
    const start = this.checker.getSymbolAtLocation(name);
    if (!start) return;
    let symbol = start;
    let from = this.moduleAt(specifier, file);
    const seen = new Set<ts.Symbol>();
    while (symbol.flags & ts.SymbolFlags.Alias && !seen.has(symbol)) {
      seen.add(symbol);
      const next = this.checker.getImmediateAliasedSymbol(symbol);
      if (!next) return; // a package's name, or one that does not resolve
      if (from) this.includeStarPath(from, next);
      from = this.nextModule(next);
      for (const d of next.declarations ?? []) this.included.add(d.getSourceFile().fileName);
      symbol = next;
    }
    for (const d of symbol.declarations ?? []) {
      const sf = d.getSourceFile();
      if (this.program.isSourceFileFromExternalLibrary(sf) || sf.isDeclarationFile) continue;
      if (ts.isSourceFile(d)) this.useModule(d); // a namespace: `export * as ns`, `import x = require()`
      else this.processFile(sf);
    }
  }

  /** The module an alias declaration points on to (`export { x } from './y'` → y), for the next `export *` gap. */
  private nextModule(symbol: ts.Symbol): ts.SourceFile | undefined {
    for (const d of symbol.declarations ?? []) {
      const decl = ts.isExportSpecifier(d) ? d.parent.parent : ts.isImportSpecifier(d) ? d.parent.parent.parent : ts.isNamespaceExport(d) ? d.parent : undefined;
      const spec = decl && (ts.isExportDeclaration(decl) || ts.isImportDeclaration(decl)) ? decl.moduleSpecifier : undefined;
      if (spec) return this.moduleAt(spec, d.getSourceFile());
    }
    return undefined;
  }

  /** `export *` is transparent to the checker: hash every barrel between `from` and the file declaring `symbol`. */
  private includeStarPath(from: ts.SourceFile, symbol: ts.Symbol): void {
    const targets = new Set((symbol.declarations ?? []).map((d) => d.getSourceFile().fileName));
    if (targets.has(from.fileName)) return;
    const path = this.starPath(from, targets, new Set());
    for (const f of path ?? []) this.included.add(f.fileName);
  }

  private starPath(file: ts.SourceFile, targets: Set<string>, seen: Set<string>): ts.SourceFile[] | undefined {
    if (targets.has(file.fileName)) return [file];
    if (seen.has(file.fileName)) return undefined;
    seen.add(file.fileName);
    for (const s of file.statements) {
      if (!ts.isExportDeclaration(s) || s.exportClause || !s.moduleSpecifier) continue; // plain `export * from`
      const next = this.moduleAt(s.moduleSpecifier, file);
      const rest = next && this.starPath(next, targets, seen);
      if (rest) return [file, ...rest];
    }
    return undefined;
  }

  private useModuleAt(specifier: ts.Expression, file: ts.SourceFile): void {
    const target = this.moduleAt(specifier, file);
    if (target) this.useModule(target);
  }

  /** All of a module counts: its code, and every name it re-exports. */
  private useModule(file: ts.SourceFile): void {
    if (this.wholeModules.has(file.fileName)) return;
    this.wholeModules.add(file.fileName);
    this.processFile(file);
    for (const s of file.statements) {
      if (!ts.isExportDeclaration(s) || s.isTypeOnly || !s.moduleSpecifier) continue;
      const clause = s.exportClause;
      if (!clause || ts.isNamespaceExport(clause)) this.useModuleAt(s.moduleSpecifier, file);
      else for (const el of clause.elements) if (!el.isTypeOnly) this.useAlias(el.name, s.moduleSpecifier, file);
    }
  }

  /** The project file a module specifier resolves to; undefined for packages. */
  private moduleAt(specifier: ts.Expression, file: ts.SourceFile): ts.SourceFile | undefined {
    if (!ts.isStringLiteralLike(specifier)) return undefined;
    const resolved = resolveRelative(specifier.text, file.fileName, ts.sys);
    return resolved ? this.program.getSourceFile(resolved.resolvedFileName) : undefined;
  }

  /** `require('./x')` and `import('./x')` with a literal: whole modules (which names they use is not tracked). */
  private dynamicLoads(file: ts.SourceFile): ts.SourceFile[] {
    return literalLoads(file).map((specifier) => this.moduleAt(specifier, file)).filter((f): f is ts.SourceFile => f !== undefined);
  }
}

/** A path under `root` as the key names it: relative, with forward slashes. */
export function keyPath(root: string, file: string): string {
  const rel = resolve(file).startsWith(resolve(root) + sep) ? resolve(file).slice(resolve(root).length + 1) : resolve(file);
  return rel.split(sep).join('/');
}
