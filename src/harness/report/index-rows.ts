import { runStamp } from './failure-groups';
import { summarizeReport } from './summary';
import type { PaperReport, PaperSummary } from './types';

/**
 * What the index knows of a paper folder besides its report: which run the report shows (a full
 * run, else a CI replay), or that the folder has no finished run at all. `paperlab report` makes
 * one per paper folder, so no paper is left out of the index for lack of a full run.
 */
export interface PaperListing {
  paper: { id: string; title: string; year: number };
  /** The run the paper's report shows; null when the folder has no finished run yet (then no page). */
  run: { stamp: string; profile: 'full' | 'replay' } | null;
  /** Stamp of a finished replay run newer than the full run shown, so the index names the latest run of any kind. */
  newerReplay?: string;
}

/** One row of the index: a paper with its report's summary, or a paper with no run yet (summary null). */
export interface IndexRow {
  id: string;
  title: string;
  year: number;
  summary: PaperSummary | null;
  /** The reported run; null: no run yet; undefined: not known (a report read from JSON without its listing). */
  run: PaperListing['run'] | undefined;
  newerReplay?: string;
  /** Failure entries of the reported run (those of its run stamp); all entries when the report names no run. */
  failuresThisRun: number | null;
}

/** This run's failure entries: those whose run folder has the report's stamp (all when the report names no run). */
function failuresOfRun(report: PaperReport): number {
  if (!report.runDir) return report.failures.length;
  const stamp = runStamp(report.runDir);
  return report.failures.filter((f) => f.runDir !== undefined && runStamp(f.runDir) === stamp).length;
}

/**
 * The index's rows: each report (in order) with its listing's run, then each listed paper that
 * has no report (no run yet). A report without a listing keeps the run stamp its `runDir` names.
 */
export function indexRows(reports: readonly PaperReport[], listings: readonly PaperListing[] = []): IndexRow[] {
  const byId = new Map(listings.map((l) => [l.paper.id, l]));
  const rows: IndexRow[] = reports.map((r) => {
    const listing = byId.get(r.paper.id);
    const fallback = r.runDir ? { stamp: runStamp(r.runDir), profile: r.runDir.endsWith('-replay') ? ('replay' as const) : ('full' as const) } : undefined;
    return {
      id: r.paper.id, title: r.paper.title, year: r.paper.year, summary: summarizeReport(r),
      run: listing ? listing.run : fallback, ...(listing?.newerReplay ? { newerReplay: listing.newerReplay } : {}),
      failuresThisRun: failuresOfRun(r),
    };
  });
  const reported = new Set(reports.map((r) => r.paper.id));
  for (const l of listings) {
    if (!reported.has(l.paper.id)) rows.push({ id: l.paper.id, title: l.paper.title, year: l.paper.year, summary: null, run: null, failuresThisRun: null });
  }
  return rows;
}
