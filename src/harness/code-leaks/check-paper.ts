import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPaperConfig, NOTEBOOK_FILE } from '../../library/paper-files/index';
import { checkCode } from './check-code';
import { fileSource, notebookSource } from './sources';
import type { CodeFinding } from './types';

/**
 * The static leakage check of a paper folder: its notebook's code cells (as one scope, in order)
 * and each of its own `.ts` files (tests excepted: they plant leaks on purpose). Findings that
 * config.yaml `accept` covers (same rule, and check when given) carry the acceptance's reason.
 * A notebook that cannot be read gives no findings here: `checkPaperFolder` reports why.
 */
export function checkPaperCode(dir: string): CodeFinding[] {
  const accept = checkPaperConfig(dir).config?.accept ?? [];
  const out: CodeFinding[] = [];
  const notebook = join(dir, NOTEBOOK_FILE);
  if (existsSync(notebook)) {
    try {
      out.push(...checkCode(notebookSource(notebook), accept));
    } catch {
      // unreadable notebook: the folder check names the problem
    }
  }
  for (const file of paperCodeFiles(dir)) out.push(...checkCode(fileSource(file, readFileSync(file, 'utf8')), accept));
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
