import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { PaperlabError } from '../library/errors/index';
import { PROJECT_ROOT } from '../harness/runner/index';
import { compareRuns, readReportFile, renderReports, writeComparison, type PaperListing, type PaperReport } from '../harness/report/index';
import { invalid } from '../library/errors/index';
import { latestRuns, reportFromRun } from '../harness/reproduce/index';
import { CONFIG_FILE, loadPaperConfig } from '../library/paper-files/index';

/** Reports, and one index listing per paper folder, of what `paperlab report` renders without --from. */
interface FromPapers {
  reports: PaperReport[];
  listings: PaperListing[];
}

/**
 * Each paper folder's newest finished full run, else its newest CI replay run (the index says "no
 * full run yet"); a folder with no finished run is listed as "no run yet", never left out. Default:
 * every folder under `papers` (the project's papers/) with a config.yaml. A folder named on the
 * command line must have a run.
 */
function reportsFromPapers(dirs: string[], papers: string): FromPapers {
  const candidates = dirs.length ? dirs.map((d) => resolve(d)) : existsSync(papers) ? readdirSync(papers).sort().map((d) => join(papers, d)) : [];
  const out: FromPapers = { reports: [], listings: [] };
  for (const dir of candidates.filter((d) => existsSync(join(d, CONFIG_FILE)))) {
    const runs = latestRuns(dir, (skippedDir, why) => console.error(`paperlab report: skipping ${skippedDir}: ${why}`));
    const run = runs.full ?? runs.replay;
    if (!run && dirs.length) throw new PaperlabError('no-run', `${dir}: no finished run to report; run \`paperlab run ${dir}\` first`, { where: dir });
    const { id, title, year } = loadPaperConfig(dir).paper;
    const newerReplay = runs.full && runs.replay && basename(runs.replay) > basename(runs.full) ? { newerReplay: basename(runs.replay) } : {};
    out.listings.push({ paper: { id, title, year }, run: run ? { stamp: basename(run), profile: run === runs.full ? 'full' : 'replay' } : null, ...newerReplay });
    if (run) out.reports.push(reportFromRun(dir, run));
  }
  return out;
}

/** Default output folder of `paperlab report`, relative to the working directory. */
export const DEFAULT_REPORT_DIR = 'reports';

/**
 * Adds `report [--out dir] [--from <json...>] [--papers dir] [--self-contained] [--compare a b]` to the paperlab CLI: renders each
 * PaperReport read from the JSON files (one report or an array per file) into `<out>/<paper id>.html`
 * and `.md`, plus `index.html` and `summary.md` over all of them, and prints summary.md (for CI logs).
 * Pages share one plotly file in `<out>` unless --self-contained inlines it into each page.
 * Without --from it renders each paper folder given (default: all of papers/), see reportsFromPapers.
 * `--compare <runA> <runB>` instead writes one page with the two runs column by column,
 * `<out>/compare-<A>-<B>.html` and `.md`, from the rows `paperlab diff` computes.
 */
export function registerReportCommands(program: Command): Command {
  return program
    .command('report')
    .argument('[paper-dirs...]', 'paper folders to report (default: every folder under papers/)')
    .description('render HTML reports (one per paper, plus index.html) and a Markdown summary')
    .option('--out <dir>', 'folder to write the reports into', DEFAULT_REPORT_DIR)
    .option('--from <json...>', 'PaperReport JSON files to render (each holds one report or an array)')
    .option('--papers <dir>', 'folder whose paper folders are reported when none is named', join(PROJECT_ROOT, 'papers'))
    .option('--self-contained', 'inline plotly (4.8 MB) into each page with figures, so every HTML file stands alone')
    .option('--quiet', 'do not print the Markdown summary')
    .option('--compare <runs...>', 'two runs to show side by side (any folder `paperlab run` or `sweep` printed, a seed folder or a results.json), A the reference')
    .action((dirs: string[], opts: { out: string; papers: string; from?: string[]; selfContained?: boolean; quiet?: boolean; compare?: string[] }) => {
      if (opts.compare) {
        if (opts.compare.length !== 2 || dirs.length > 0 || opts.from) throw invalid('report --compare', 'exactly two runs and no paper folders or --from', [...opts.compare, ...dirs].join(' '), 'paperlab report --compare <runA> <runB> [--out dir]');
        const written = writeComparison(compareRuns(opts.compare[0]!, opts.compare[1]!), resolve(opts.out));
        console.log(`wrote ${written.html} and ${written.markdown}`);
        return;
      }
      const { reports, listings } = opts.from?.length
        ? { reports: opts.from.flatMap((file) => readReportFile(resolve(file))), listings: [] }
        : reportsFromPapers(dirs, resolve(opts.papers));
      if (reports.length === 0 && listings.length === 0) {
        throw new PaperlabError('no-run', 'paperlab report: no paper folder to report; scaffold one with `paperlab new` and run it with `paperlab run papers/<id>`', { where: 'paperlab report' });
      }
      const written = renderReports(reports, resolve(opts.out), undefined, { selfContained: opts.selfContained === true, listings });
      if (!opts.quiet) console.log(readFileSync(written.summary, 'utf8'));
      const unrun = listings.filter((l) => l.run === null).length;
      console.log(`wrote ${written.papers.length} report(s)${unrun ? ` (${unrun} paper(s) with no run yet listed in the index only)` : ''}${written.plotly ? `, ${written.plotly}` : ''} and ${written.index}`);
    });
}
