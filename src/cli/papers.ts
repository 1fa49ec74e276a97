import { existsSync, statSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import type { Command } from 'commander';
import { PROJECT_ROOT } from '../harness/runner/index';
import { checkPaperFolder, scaffoldPaper } from '../harness/scaffold/index';
import { checkPaperCode, codeCheckLines } from '../harness/code-leaks/index';

/**
 * Adds the paper-folder commands to the paperlab CLI:
 * - `new <id> [--title <title>] [--root <dir>]`: scaffolds `<root>/papers/<id>/` (root default:
 *   the repository) and prints the files written; a bad id or an existing folder is an error (exit 1 via main).
 * - `validate <paper-dir>`: checks config.yaml (and budget.yaml), failures.yaml and the notebook's
 *   parameters cell; prints every problem as `file:line field: expected …, got …` and sets exit
 *   code 1, or prints one `ok` line. The static leakage check of the code (src/harness/code-leaks)
 *   prints its warnings with cell and line; they set exit code 1 only with `--strict-leakage`.
 */
export function registerPaperCommands(program: Command): void {
  program
    .command('new')
    .description('create papers/<id>/ with config.yaml, reproduce.ipynb, failures.yaml and README.md')
    .argument('<id>', 'the paper id, a slug such as zhang2017-random-labels')
    .option('--title <title>', "the paper's title")
    .option('--root <dir>', 'repository root to create papers/<id> under', PROJECT_ROOT)
    .action((id: string, opts: { title?: string; root: string }) => {
      const { dir, files } = scaffoldPaper(opts.root, id, { title: opts.title });
      console.log(`paperlab: created ${shown(dir)}/`);
      files.forEach((f) => console.log(`  ${shown(f)}`));
      console.log(`next: fill in the TODOs of ${shown(dir)}/config.yaml, then \`paperlab validate ${shown(dir)}\``);
    });
  program
    .command('validate')
    .description('check a paper folder: config, budget, failure log, notebook parameters')
    .argument('<paper-dir>', 'the folder, e.g. papers/zhang2017-random-labels (or a file in it)')
    .option('--strict-leakage', 'exit 1 on a leakage warning of the static check of the code (accepted ones excepted)')
    .action((given: string, opts: { strictLeakage?: boolean }) => {
      // `validate papers/x/config.yaml` means the folder holding it.
      const dir = existsSync(given) && statSync(given).isFile() ? dirname(given) : given;
      const issues = checkPaperFolder(dir);
      issues.forEach((i) => console.error(i.message));
      const leaks = existsSync(dir) ? checkPaperCode(dir) : { findings: [], skipped: [] };
      codeCheckLines(leaks).forEach((line) => console.error(line));
      const stopping = opts.strictLeakage && leaks.findings.some((f) => !f.accepted);
      if (issues.length === 0 && !stopping) {
        console.log(`paperlab: ${dir} is valid`);
        return;
      }
      if (issues.length > 0) console.error(`paperlab: ${issues.length} problem${issues.length === 1 ? '' : 's'} in ${dir}`);
      process.exitCode = 1; // not exit(): lets stderr drain when piped
    });
}

/** A path relative to the working directory when it is inside it. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}
