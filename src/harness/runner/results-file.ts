import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { invalid, PaperlabError } from '../../library/errors/index';
import type { ExecutionResult } from './execute';
import { unfinishedReason } from './run-owner';

// results.json: the one module that knows its name, shape, writer and reader. Everything that reads
// a run's records (verdicts, diffs, reports, accept) goes through readResults.

/** The file a notebook run writes beside its executed notebook. */
export const RESULTS_FILE = 'results.json';

/** Version tag of results.json, so later readers can tell formats apart. */
export const RESULTS_FORMAT = 'paperlab.results/1';

/** What a run writes beside its executed notebook: outcome, records with provenance, manifest. */
export interface ResultsFile {
  format: typeof RESULTS_FORMAT;
  ok: boolean;
  notebook: string;
  /** The run manifest (src/harness/reproduce `buildRunManifest`, or execute's own). */
  manifest: object;
  failure?: ExecutionResult['failure'];
  /** Set when a signal stopped the run (`interrupted by SIGINT`): the records are those made until then. */
  interrupted?: string;
  records: ExecutionResult['records'];
  cells: ExecutionResult['cells'];
  /** Set when these results were copied from the replay cache instead of replayed: which replay made them. */
  cachedFrom?: CachedFrom;
}

/** Where results copied from the replay cache came from (src/harness/reproduce/replay-cache.ts). */
export interface CachedFrom {
  /** The replay key both runs share. */
  key: string;
  /** The run folder (`runs/<stamp>`) and seed folder whose replay produced the records. */
  run: string;
  seedDir: string;
  /** When that replay ran. */
  startedAt: string;
  endedAt: string;
}

/** The path of results.json for `path`: a run folder holding it, or the file itself. */
export function resultsPath(path: string): string {
  return existsSync(path) && statSync(path).isDirectory() ? join(path, RESULTS_FILE) : path;
}

/** Writes `results.json` into the run folder atomically and returns its path. */
export function writeResults(result: ExecutionResult, manifest: object): string {
  const file: ResultsFile = {
    format: RESULTS_FORMAT,
    ok: result.ok,
    notebook: result.notebookPath,
    manifest,
    ...(result.failure ? { failure: result.failure } : {}),
    ...(result.interrupted ? { interrupted: result.interrupted } : {}),
    records: result.records,
    cells: result.cells,
  };
  const path = join(result.outputDir, RESULTS_FILE);
  writeFileAtomic.sync(path, JSON.stringify(file, null, 2) + '\n');
  return path;
}

/**
 * Writes results.json for records copied from the replay cache: the stored file's records, cells
 * and manifest (those of the replay that made them), the new executed notebook's path, and
 * `cachedFrom` saying so. Atomic, like writeResults; returns its path.
 */
export function writeCachedResults(stored: ResultsFile, notebookPath: string, cachedFrom: CachedFrom): string {
  const file: ResultsFile = { ...stored, notebook: notebookPath, cachedFrom };
  const path = join(dirname(notebookPath), RESULTS_FILE);
  writeFileAtomic.sync(path, JSON.stringify(file, null, 2) + '\n');
  return path;
}

/**
 * Reads a run's results: `path` is a run folder holding results.json, or the file itself.
 * Throws naming the path when it is missing, not JSON, or has no `records` list, and says why
 * when the run never finished (killed, still running). `interrupted: 'refuse'` (what accept and
 * diff want) also refuses a run a signal stopped: its records are only those made until then.
 */
export function readResults(path: string, options: { interrupted?: 'refuse' | 'keep' } = {}): ResultsFile {
  if (!existsSync(path)) throw invalid(path, `a run folder holding ${RESULTS_FILE}, or a ${RESULTS_FILE} file`, 'nothing there');
  const file = resultsPath(path);
  if (!existsSync(file)) {
    const why = unfinishedReason(path, RESULTS_FILE);
    if (why) throw new PaperlabError('run-unfinished', `${path}: skipped, ${why}`, { where: path, expected: `a finished run with ${RESULTS_FILE}`, received: why, hint: 'run it again' });
    throw invalid(path, `a run folder holding ${RESULTS_FILE}`, 'a folder without it', 'pass the run folder the runner printed');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw invalid(file, 'JSON', (err as Error).message);
  }
  const records = (parsed as { records?: unknown } | null)?.records;
  if (!Array.isArray(records)) throw invalid(`${file} records`, 'a list of recorded results', typeof records);
  const results = parsed as ResultsFile;
  if (results.interrupted && options.interrupted === 'refuse') {
    const why = `${results.interrupted}; it holds only the ${records.length} record(s) made until then`;
    throw new PaperlabError('run-interrupted', `${path}: skipped, ${why}`, { where: path, expected: 'a run that finished', received: why, hint: 'run it again' });
  }
  return results;
}
