import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { ExecutionResult } from './execute';

/** Version tag of results.json, so later readers can tell formats apart. */
export const RESULTS_FORMAT = 'paperlab.results/1';

/** What a run writes beside its executed notebook: outcome, records with provenance, manifest. */
export interface ResultsFile {
  format: typeof RESULTS_FORMAT;
  ok: boolean;
  notebook: string;
  manifest: object;
  failure?: ExecutionResult['failure'];
  records: ExecutionResult['records'];
  cells: ExecutionResult['cells'];
}

/** Writes `results.json` into the run folder atomically and returns its path. */
export function writeResults(result: ExecutionResult, manifest: object): string {
  const file: ResultsFile = {
    format: RESULTS_FORMAT,
    ok: result.ok,
    notebook: result.notebookPath,
    manifest,
    ...(result.failure ? { failure: result.failure } : {}),
    records: result.records,
    cells: result.cells,
  };
  const path = join(result.outputDir, 'results.json');
  writeFileAtomic.sync(path, JSON.stringify(file, null, 2) + '\n');
  return path;
}
