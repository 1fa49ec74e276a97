import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPaperConfig, NOTEBOOK_FILE } from '../../library/paper-files/index';
import { checkCode } from './check-code';
import { fileSource, notebookSource, type CodeSource } from './sources';
import type { CodeFinding } from './types';

/** What the static check of a paper folder found, and the files it could not check (a bug of the check: it says so instead of stopping validate or a run). */
export interface PaperCodeCheck {
  findings: CodeFinding[];
  skipped: Array<{ file: string; reason: string }>;
}

/**
 * The static leakage check of a paper folder: its notebook's code cells (as one scope, in order)
 * and each of its own `.ts` files (tests excepted: they plant leaks on purpose). Findings that
 * config.yaml `accept` covers (same rule, and check when given) carry the acceptance's reason.
 * A notebook that cannot be read is not checked here: `checkPaperFolder` reports why.
 */
export function checkPaperCode(dir: string): PaperCodeCheck {
  const accept = checkPaperConfig(dir).config?.accept ?? [];
  const out: PaperCodeCheck = { findings: [], skipped: [] };
  const notebook = join(dir, NOTEBOOK_FILE);
  let source: CodeSource | undefined;
  try {
    source = existsSync(notebook) ? notebookSource(notebook) : undefined;
  } catch {
    source = undefined; // unreadable: the folder check names the problem
  }
  const sources = [...(source ? [source] : []), ...paperCodeFiles(dir).map((f) => fileSource(f, readFileSync(f, 'utf8')))];
  for (const s of sources) {
    try {
      out.findings.push(...checkCode(s, accept));
    } catch (err) {
      out.skipped.push({ file: s.file, reason: (err as Error).message });
    }
  }
  return out;
}

/** The folder's .ts files, sorted, without tests; subfolders included, run folders not. */
function paperCodeFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name)).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'runs' || e.name.startsWith('.') ? [] : paperCodeFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}
