import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Judgement } from '../verdict/index';

/** The file a finished `paperlab run` leaves in its run folder. */
export const SUMMARY_FILE = 'summary.json';

/** What summary.json of a paper run holds (written by run-paper.ts), as read back from disk. */
export interface RunSummary {
  /** Absent in runs written before profiles existed: those were full runs. */
  profile?: 'full' | 'replay';
  startedAt: string;
  judgements: Judgement[];
  runs: Array<{ seed: number; ablation?: { ablation: string; name: string }; ok: boolean; dir: string; resultsPath: string; seconds?: number }>;
}

/** The summary of a run folder, or undefined when the folder holds none (not a paper run, or unfinished). */
export function readRunSummary(runDir: string): RunSummary | undefined {
  const path = join(runDir, SUMMARY_FILE);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as RunSummary) : undefined;
}
