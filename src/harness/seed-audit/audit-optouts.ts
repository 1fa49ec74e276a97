import type * as TS from 'typescript';
import type { RawFinding } from './audit-rules';

/** The reviewed opt-out: `// seed-audit: allow <reason>`; the reason is required. */
const OPT_OUT = /seed-audit:\s*allow\b[ \t:-]*(.*?)\s*(?:\*\/)?$/;

/** Findings split by the opt-out comments of one source. */
export interface OptOutResult { kept: RawFinding[]; allowed: RawFinding[] }

/**
 * Applies `// seed-audit: allow <reason>` comments (line or block). A comment after code covers its
 * own line; a comment alone on its line covers the next line. Only real comments count (found
 * through the parser, so the text inside a string does nothing); an opt-out without a reason is
 * itself a finding and allows nothing.
 */
export function applyOptOuts(ts: typeof TS, sf: TS.SourceFile, findings: RawFinding[]): OptOutResult {
  const coveredLines = new Set<number>();
  const problems: RawFinding[] = [];
  for (const c of comments(ts, sf)) {
    const text = sf.text.slice(c.pos, c.end);
    const m = OPT_OUT.exec(text);
    if (!m) continue;
    const { line, character } = sf.getLineAndCharacterOfPosition(c.pos);
    const before = sf.text.slice(sf.getPositionOfLineAndCharacter(line, 0), c.pos);
    if (m[1] === '') {
      problems.push({ line: line + 1, col: character + 1, rule: 'allow-without-reason', snippet: text.trim(), message: 'an opt-out needs a reason: // seed-audit: allow <reason>' });
      continue;
    }
    // 1-based line numbers: the comment's own line is line + 1, the next one line + 2.
    coveredLines.add(before.trim() === '' ? line + 2 : line + 1);
  }
  const kept = findings.filter((f) => !coveredLines.has(f.line));
  const allowed = findings.filter((f) => coveredLines.has(f.line));
  return { kept: kept.concat(problems), allowed };
}

/** Every comment of the source, once: leading and trailing trivia of every token. */
function comments(ts: typeof TS, sf: TS.SourceFile): TS.CommentRange[] {
  const seen = new Map<number, TS.CommentRange>();
  const add = (ranges: TS.CommentRange[] | undefined): void => {
    for (const r of ranges ?? []) seen.set(r.pos, r);
  };
  const visit = (node: TS.Node): void => {
    add(ts.getLeadingCommentRanges(sf.text, node.getFullStart()));
    add(ts.getTrailingCommentRanges(sf.text, node.getEnd()));
    // Tokens (`;`, `)`, ...) are not children in forEachChild; getChildren includes them.
    for (const child of node.getChildren(sf)) visit(child);
  };
  visit(sf);
  return Array.from(seen.values());
}
