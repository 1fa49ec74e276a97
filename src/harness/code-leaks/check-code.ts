import ts from 'typescript';
import type { Acceptance } from '../../library/leakage/index';
import { traceFlow } from './flow';
import { judgeFlow, type Suspect } from './judge';
import type { CodeSource, Place } from './sources';
import type { CodeFinding } from './types';

/**
 * The static leakage check of one source (a notebook's cells, or a .ts file): every suspected leak
 * as a warning with its cell, line and source line, those config.yaml `accept` covers marked so.
 */
export function checkCode(source: CodeSource, accept: readonly Acceptance[] = []): CodeFinding[] {
  const sf = ts.createSourceFile(source.file.endsWith('.ts') ? source.file : `${source.file}.ts`, source.text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const suspects = judgeFlow(traceFlow(sf, checkerOf(sf)));
  const lines = source.text.split('\n');
  return suspects
    .sort((a, b) => a.node.getStart(sf) - b.node.getStart(sf))
    .map((s) => finding(s, sf, source, lines, accept));
}

/** A type checker over the one file: enough to resolve its own names (imports stay unresolved, on purpose: it must be fast). */
function checkerOf(sf: ts.SourceFile): ts.TypeChecker {
  const host: ts.CompilerHost = {
    getSourceFile: (name) => (name === sf.fileName ? sf : undefined),
    writeFile: () => undefined,
    getDefaultLibFileName: () => 'lib.d.ts',
    useCaseSensitiveFileNames: () => true,
    getCanonicalFileName: (name) => name,
    getCurrentDirectory: () => '',
    getNewLine: () => '\n',
    fileExists: (name) => name === sf.fileName,
    readFile: () => undefined,
  };
  return ts.createProgram([sf.fileName], { noLib: true, noResolve: true, types: [], target: ts.ScriptTarget.ES2022 }, host).getTypeChecker();
}

function finding(s: Suspect, sf: ts.SourceFile, source: CodeSource, lines: string[], accept: readonly Acceptance[]): CodeFinding {
  const line0 = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line;
  const at = source.place(line0(s.node));
  const text = s.text.replace(/\{at:(\d+)\}/g, (_, k: string) => placeText(source.place(line0(s.others[Number(k)]!))));
  const covered = accept.find((a) => a.rule === s.rule && (a.check === undefined || a.check === s.check));
  return {
    rule: s.rule, severity: 'warning', check: s.check, file: source.file, ...at,
    source: (lines[line0(s.node)] ?? '').trim(),
    message: `leakage ${s.rule} (code): ${text}; ${s.remedy}`,
    remedy: s.remedy,
    ...(covered ? { accepted: { reason: covered.reason } } : {}),
  };
}

/** `code cell 4, line 2` in a notebook, `line 12` in a file. */
export function placeText(p: Place): string {
  return p.cell === undefined ? `line ${p.line}` : `code cell ${p.cell}, line ${p.line}`;
}

/** Where a finding is, as a message starts: `nb.ipynb code cell 4 (cells[7]), line 2` or `file.ts:12`. */
export function findingWhere(f: CodeFinding): string {
  return f.cell === undefined ? `${f.file}:${f.line}` : `${f.file} code cell ${f.cell} (cells[${f.cellIndex}]), line ${f.line}`;
}

/** The lines `validate` and `run` print for a finding: where, the warning, the source line. */
export function formatCodeFinding(f: CodeFinding): string {
  const tail = f.accepted ? ` (accepted: ${f.accepted.reason})` : '';
  return `${findingWhere(f)}: warning: ${f.message}${tail}\n    ${f.source}`;
}

/**
 * The line after the findings: how many warn (accepted ones apart) and how to accept one, or
 * undefined when there are none.
 */
export function codeFindingsSummary(findings: readonly CodeFinding[]): string | undefined {
  if (findings.length === 0) return undefined;
  const open = findings.filter((f) => !f.accepted);
  const accepted = findings.length - open.length;
  const head = `paperlab: ${open.length} leakage warning${open.length === 1 ? '' : 's'} from the static check of the code${accepted ? ` (${accepted} accepted)` : ''}`;
  if (open.length === 0) return head;
  const f = open[0]!;
  return `${head}; if one is intended, accept it in config.yaml: accept: [{ rule: ${f.rule}, check: ${f.check}, reason: "…" }]`;
}

/** What `validate` and `run` print for a paper folder's static check: each finding, files not checked, the summary line. */
export function codeCheckLines(check: { findings: readonly CodeFinding[]; skipped: ReadonlyArray<{ file: string; reason: string }> }): string[] {
  const summary = codeFindingsSummary(check.findings);
  return [
    ...check.findings.map(formatCodeFinding),
    ...check.skipped.map((s) => `paperlab: the static leakage check could not read ${s.file} (${s.reason}); it is not checked`),
    ...(summary ? [summary] : []),
  ];
}
