import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { invalid } from '../../library/errors/index';
import type { ResultsLike } from './records';

/**
 * Reads a run's results: `path` is a run folder holding results.json, or the file itself.
 * Throws naming the path when it is missing, not JSON, or has no `records` list.
 */
export function readRunResults(path: string): ResultsLike {
  if (!existsSync(path)) throw invalid(path, 'a run folder holding results.json, or a results.json file', 'nothing there');
  const file = statSync(path).isDirectory() ? join(path, 'results.json') : path;
  if (!existsSync(file)) throw invalid(path, 'a run folder holding results.json', 'a folder without it', 'pass the run folder the runner printed');
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw invalid(file, 'JSON', (err as Error).message);
  }
  const records = (parsed as { records?: unknown } | null)?.records;
  if (!Array.isArray(records)) throw invalid(`${file} records`, 'a list of recorded results', typeof records);
  return parsed as ResultsLike;
}
