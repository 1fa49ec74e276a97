import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as TS from 'typescript';
import { invalid } from '../../library/errors/index';
import { applyOptOuts } from './audit-optouts';
import { readNotebook } from '../runner/index';
import { collectImports, findUnseeded, type ImportNames, type RawFinding, type SeedRule } from './audit-rules';

export type { SeedRule } from './audit-rules';

/** One piece of unseeded randomness: where (cell is the 0-based code-cell index in the notebook's `cells`), which rule, the code. */
export interface SeedFinding extends RawFinding {
  /** Path relative to the audit's `cwd`, with '/' separators. */
  file: string;
  /** Index in the notebook's `cells` array (0-based, as papermill reports cells); absent for source files. */
  cell?: number;
  /** nbformat 4.5 cell id, when the notebook has one. */
  cellId?: string;
}

/** Options of `auditSeeds`. */
export interface SeedAuditOptions {
  /** Files or folders to scan, relative to `cwd`; default `DEFAULT_AUDIT_ROOTS` (missing ones are skipped). */
  roots?: string[];
  /** Base folder for roots and for reported paths; default `process.cwd()`. */
  cwd?: string;
  /** Path prefixes (relative to `cwd`) to leave out, e.g. 'papers/old'; default none. */
  exclude?: string[];
}

/** What one audit found and how much it read. */
export interface SeedAuditResult {
  findings: SeedFinding[];
  /** Findings silenced by a `// seed-audit: allow <reason>` comment. */
  allowed: SeedFinding[];
  filesScanned: number;
  notebooksScanned: number;
  cellsScanned: number;
}

/** Scanned by default: the library and the reproductions. */
export const DEFAULT_AUDIT_ROOTS = ['src', 'papers'];
const SOURCE_EXT = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
// runs/ holds executed copies of notebooks (their code equals the audited source; outputs are not code).
const SKIP_DIRS = new Set(['node_modules', 'dist', 'build', 'coverage', 'runs']);

/**
 * Scans TypeScript/JavaScript files and notebook code cells for randomness that a root seed does
 * not control (Math.random, tf.util.shuffle, TF.js random ops and initializers without a seed,
 * unseeded layer defaults, tf.data shuffles, model.fit shuffling). Parses with the TypeScript
 * compiler, so comments and strings never match; `// seed-audit: allow <reason>` silences a line.
 * Folders named node_modules/dist/build/coverage/runs and dot-folders (.git, .ipynb_checkpoints) are skipped.
 */
export function auditSeeds(options: SeedAuditOptions = {}): SeedAuditResult {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const explicit = options.roots !== undefined && options.roots.length > 0;
  const roots = explicit ? options.roots! : DEFAULT_AUDIT_ROOTS;
  const exclude = (options.exclude ?? []).map((p) => path.resolve(cwd, p));
  const files: string[] = [];
  for (const root of roots) {
    const abs = path.resolve(cwd, root);
    if (!fs.existsSync(abs)) {
      if (explicit) throw invalid('seeds audit [paths...]', 'an existing file or folder', root);
      continue;
    }
    collectFiles(abs, exclude, files);
  }
  // Lazy: the compiler takes ~0.3 s to load, and importing src/library/random must stay cheap.
  const ts = require('typescript') as typeof TS;
  const result: SeedAuditResult = { findings: [], allowed: [], filesScanned: 0, notebooksScanned: 0, cellsScanned: 0 };
  for (const file of Array.from(new Set(files)).sort()) {
    const rel = path.relative(cwd, file).split(path.sep).join('/');
    if (file.endsWith('.ipynb')) auditNotebook(ts, file, rel, result);
    else auditSource(ts, file, rel, result);
  }
  result.findings = sortFindings(result.findings);
  return result;
}

/** Findings by file, cell, line, column. */
function sortFindings(findings: SeedFinding[]): SeedFinding[] {
  return findings.slice().sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : (a.cell ?? -1) - (b.cell ?? -1) || a.line - b.line || a.col - b.col);
}

function collectFiles(abs: string, exclude: string[], out: string[]): void {
  if (exclude.some((ex) => abs === ex || abs.startsWith(ex + path.sep))) return;
  const stat = fs.statSync(abs);
  if (stat.isFile()) {
    if (abs.endsWith('.ipynb') || (SOURCE_EXT.test(abs) && !abs.endsWith('.d.ts'))) out.push(abs);
    return;
  }
  if (!stat.isDirectory()) return;
  for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
    if (entry.isDirectory() && (entry.name.startsWith('.') || SKIP_DIRS.has(entry.name))) continue;
    if (entry.isDirectory() || entry.isFile()) collectFiles(path.join(abs, entry.name), exclude, out);
  }
}

function parse(ts: typeof TS, name: string, text: string): TS.SourceFile {
  const kind = /\.(js|mjs|cjs)$/.test(name) ? ts.ScriptKind.JS : name.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(name, text, ts.ScriptTarget.ES2022, true, kind);
}

function scan(ts: typeof TS, sf: TS.SourceFile, imports: ImportNames): { kept: RawFinding[]; allowed: RawFinding[] } {
  return applyOptOuts(ts, sf, findUnseeded(ts, sf, imports));
}

function auditSource(ts: typeof TS, file: string, rel: string, result: SeedAuditResult): void {
  const sf = parse(ts, file, fs.readFileSync(file, 'utf8'));
  const imports: ImportNames = { tf: new Map(), modules: new Map() };
  collectImports(ts, sf, imports);
  const { kept, allowed } = scan(ts, sf, imports);
  result.filesScanned++;
  result.findings.push(...kept.map((f) => ({ ...f, file: rel })));
  result.allowed.push(...allowed.map((f) => ({ ...f, file: rel })));
}

interface NotebookCell { cell_type?: string; source?: string | string[]; id?: string }

function auditNotebook(ts: typeof TS, file: string, rel: string, result: SeedAuditResult): void {
  let cells: NotebookCell[];
  try {
    cells = readNotebook(file).cells as NotebookCell[];
  } catch (err) {
    throw invalid(`seeds audit: ${rel}`, 'notebook JSON with a cells array', err instanceof Error ? err.message : String(err));
  }
  // Cells share one kernel: an import in cell 1 names what cell 5 calls.
  const parsed = cells.map((cell, index) => {
    if (cell.cell_type !== 'code') return undefined;
    const text = Array.isArray(cell.source) ? cell.source.join('') : (cell.source ?? '');
    return { index, id: cell.id, sf: parse(ts, `${file}#${index}.ts`, text) };
  });
  const imports: ImportNames = { tf: new Map(), modules: new Map() };
  for (const p of parsed) if (p) collectImports(ts, p.sf, imports);
  result.notebooksScanned++;
  for (const p of parsed) {
    if (!p) continue;
    result.cellsScanned++;
    const { kept, allowed } = scan(ts, p.sf, imports);
    const where = (f: RawFinding): SeedFinding => ({ ...f, file: rel, cell: p.index, ...(p.id ? { cellId: p.id } : {}) });
    result.findings.push(...kept.map(where));
    result.allowed.push(...allowed.map(where));
  }
}
