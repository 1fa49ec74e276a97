import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { PaperlabError } from '../library/errors/index';
import { PROJECT_ROOT } from '../harness/runner/index';
import { compareRuns, readReportFile, renderReports, writeComparison, type PaperReport } from '../harness/report/index';
import { invalid } from '../library/errors/index';
import { latestRun, reportFromRun } from '../harness/reproduce/index';
import { CONFIG_FILE } from '../library/paper-files/index';

/** Reports of the newest finished run of each paper folder (default: every papers/<id> with a run). */
function reportsFromPapers(dirs: string[]): PaperReport[] {
  const papers = join(PROJECT_ROOT, 'papers');
  const candidates = dirs.length ? dirs.map((d) => resolve(d)) : existsSync(papers) ? readdirSync(papers).map((d) => join(papers, d)) : [];
  const reports: PaperReport[] = [];
  for (const dir of candidates.filter((d) => existsSync(join(d, CONFIG_FILE)))) {
    const run = latestRun(dir, (skippedDir, why) => console.error(`paperlab report: skipping ${skippedDir}: ${why}`));
    if (run) reports.push(reportFromRun(dir, run));
    else if (dirs.length) throw new PaperlabError('no-run', `${dir}: no finished run to report; run \`paperlab run ${dir}\` first`, { where: dir });
  }
  return reports;
}

/** Default output folder of `paperlab report`, relative to the working directory. */
export const DEFAULT_REPORT_DIR = 'reports';

/**
 * Adds `report [--out dir] [--from <json...>]` to the paperlab CLI: renders each PaperReport read
 * from the JSON files (one report or an array per file) into `<out>/<paper id>.html` and `.md`,
 * plus `index.html` and `summary.md` over all of them, and prints summary.md (for CI logs).
 * Without --from it renders the newest finished run of each paper folder given (default: all of papers/).
 * `--compare <runA> <runB>` instead writes one page with the two runs column by column,
 * `<out>/compare-<A>-<B>.html` and `.md`, from the rows `paperlab diff` computes.
 */
export function registerReportCommands(program: Command): Command {
  return program
    .command('report')
    .argument('[paper-dirs...]', 'paper folders to report (default: every folder under papers/ that has a run)')
    .description('render self-contained HTML reports (one per paper, plus index.html) and a Markdown summary')
    .option('--out <dir>', 'folder to write the reports into', DEFAULT_REPORT_DIR)
    .option('--from <json...>', 'PaperReport JSON files to render (each holds one report or an array)')
    .option('--quiet', 'do not print the Markdown summary')
    .option('--compare <runs...>', 'two runs to show side by side (any folder `paperlab run` or `sweep` printed, a seed folder or a results.json), A the reference')
    .action((dirs: string[], opts: { out: string; from?: string[]; quiet?: boolean; compare?: string[] }) => {
      if (opts.compare) {
        if (opts.compare.length !== 2 || dirs.length > 0 || opts.from) throw invalid('report --compare', 'exactly two runs and no paper folders or --from', [...opts.compare, ...dirs].join(' '), 'paperlab report --compare <runA> <runB> [--out dir]');
        const written = writeComparison(compareRuns(opts.compare[0]!, opts.compare[1]!), resolve(opts.out));
        console.log(`wrote ${written.html} and ${written.markdown}`);
        return;
      }
      const reports: PaperReport[] = [];
      if (opts.from?.length) for (const file of opts.from) reports.push(...readReportFile(resolve(file)));
      else reports.push(...reportsFromPapers(dirs));
      if (reports.length === 0) {
        throw new PaperlabError('no-run', 'paperlab report: no paper has a finished run yet; run `paperlab run papers/<id>` first', { where: 'paperlab report' });
      }
      const written = renderReports(reports, resolve(opts.out));
      if (!opts.quiet) console.log(readFileSync(written.summary, 'utf8'));
      console.log(`wrote ${written.papers.length} report(s) and ${written.index}`);
    });
}
