// The static leakage check of a paper's code (notebook cells and the folder's .ts files): fits
// before a split (L1.2, L1.3) and a test set that picks a model (L1.1). Used by `paperlab validate`
// and by `paperlab run`'s preflight; warnings, since it reads code, not what ran.
export { checkPaperCode, type PaperCodeCheck } from './check-paper';
export { checkCode, codeCheckLines, codeFindingsSummary, findingWhere, formatCodeFinding } from './check-code';
export { cellsSource, fileSource, notebookSource, type CodeSource, type Place } from './sources';
export type { CodeCheck, CodeFinding, FitKind } from './types';
