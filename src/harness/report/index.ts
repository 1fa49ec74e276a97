// Reports: one self-contained HTML page per paper, an index over all papers, Markdown summaries.
export { renderPaperHtml } from './page';
export { renderIndexHtml } from './index-page';
export { renderMarkdownSummary, escapeMarkdown } from './markdown';
export { writeReport, renderReports, type WrittenReport, type WrittenReports, type WriteOptions, type RenderOptions } from './write';
export { indexRows, type IndexRow, type PaperListing } from './index-rows';
export { plotlyAsset, writePlotlyAsset, PLOTLY_ASSET_NAME, type PlotlyAsset } from './plotly-asset';
export { checkReport } from './check';
export { readReportFile } from './read';
export { provenanceFromRecords, environmentSummary, type RecordLike } from './from-runs';
export { nonClaimRecordTable, estimateOver, type SeedRecords } from './record-table';
export { summarizeReport, verdictCounts, isOverBudget, lastRunAt, paperFileName } from './summary';
export { escapeHtml, html, Html } from './html';
export { formatNumber, formatEstimate } from './format';
export { runHistory, historyRun } from './history';
export { compareRuns, comparisonName, type RunComparison, type ComparedClaim, type ComparedSide } from './run-comparison';
export { renderCompareHtml, renderCompareMarkdown, writeComparison } from './compare-page';
export {
  VERDICTS,
  type PaperReport, type PaperSummary, type ClaimRow, type Estimate, type Provenance, type ResultTable, type TableRow,
  type ReportFigure, type FailureEntry, type BudgetLine, type EnvironmentSummary, type ReportNumber, type Verdict, type ReportMemo, type CodeLeakFinding, type HistoryRun,
} from './types';
