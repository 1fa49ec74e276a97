import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { PaperlabError } from '../errors/index';
import { readReportFile, renderReports, type PaperReport } from '../report/index';

/** Default output folder of `paperlab report`, relative to the working directory. */
export const DEFAULT_REPORT_DIR = 'reports';

/**
 * Adds `report [--out dir] [--from <json...>]` to the paperlab CLI: renders each PaperReport read
 * from the JSON files (one report or an array per file) into `<out>/<paper id>.html` and `.md`,
 * plus `index.html` and `summary.md` over all of them, and prints summary.md (for CI logs).
 * Rendering every paper under papers/ directly is wired once the paper runner exists.
 */
export function registerReportCommands(program: Command): Command {
  return program
    .command('report')
    .description('render self-contained HTML reports (one per paper, plus index.html) and a Markdown summary')
    .option('--out <dir>', 'folder to write the reports into', DEFAULT_REPORT_DIR)
    .option('--from <json...>', 'PaperReport JSON files to render (each holds one report or an array)')
    .option('--quiet', 'do not print the Markdown summary')
    .action((opts: { out: string; from?: string[]; quiet?: boolean }) => {
      if (!opts.from || opts.from.length === 0) {
        throw new PaperlabError('invalid', 'paperlab report: expected --from <report.json>; rendering papers/ directly is not wired yet', {
          where: 'paperlab report',
          expected: '--from <report.json>',
          received: 'no --from',
        });
      }
      const reports: PaperReport[] = [];
      for (const file of opts.from) reports.push(...readReportFile(resolve(file)));
      const written = renderReports(reports, resolve(opts.out));
      if (!opts.quiet) console.log(readFileSync(written.summary, 'utf8'));
      console.log(`wrote ${written.papers.length} report(s) and ${written.index}`);
    });
}
