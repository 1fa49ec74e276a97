import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { Judgement } from '../verdict/index';
// Deep import of the types alone: notebooks import verdict/, which reads summary.json through this
// module, and the code-leaks index would have tslab type-check the whole checker in their kernel.
import type { CodeFinding } from '../code-leaks/types';

// summary.json: the one module that knows its name, shape, writer and reader.

/** The file a finished `paperlab run` leaves in its run folder. */
export const SUMMARY_FILE = 'summary.json';

/** Version tag of summary.json. */
export const SUMMARY_FORMAT = 'paperlab.paper-run/1';

/** What summary.json of a paper run holds (written by run-paper.ts), as read back from disk. */
export interface RunSummary {
  format?: typeof SUMMARY_FORMAT;
  /** Absent in runs written before profiles existed: those were full runs. */
  profile?: 'full' | 'replay';
  /** Set when a signal stopped the run: verdicts and replays are partial, and readers skip it. */
  interrupted?: string;
  startedAt: string;
  judgements: Judgement[];
  runs: Array<{ seed: number; ablation?: { ablation: string; name: string }; ok: boolean; dir: string; resultsPath: string; seconds?: number }>;
  /**
   * The static leakage check of the paper's code as the run started (src/harness/code-leaks): each
   * finding (file relative to the paper folder; accepted ones carry config.yaml's reason) and the
   * files it could not check. Absent in runs from before it was recorded.
   */
  codeLeaks?: { findings: CodeFinding[]; skipped: Array<{ file: string; reason: string }> };
  /** Set for a collected sweep (src/harness/sweep/collect.ts): its grid and every task's provenance. */
  sweep?: {
    on: 'local' | 'slurm';
    grid?: Record<string, unknown[]>;
    tasks: Array<{ index: number; label: string; state: string; slurmId: string | null; node: string | null; seconds: number | null; exitCode: string | null; detail: string | null }>;
    /** Labels of the tasks without results: a sweep with any is not a whole run (accept refuses it). */
    incomplete: string[];
  };
}

/** The summary of a run folder, or undefined when the folder holds none (not a paper run, or unfinished). */
export function readRunSummary(runDir: string): RunSummary | undefined {
  const path = join(runDir, SUMMARY_FILE);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as RunSummary) : undefined;
}

/** Writes a finished run's summary.json atomically (temp file + rename) and returns its path. */
export function writeRunSummary(runDir: string, summary: Omit<RunSummary, 'format'> & Record<string, unknown>): string {
  const path = join(runDir, SUMMARY_FILE);
  writeFileAtomic.sync(path, JSON.stringify({ format: SUMMARY_FORMAT, ...summary }, null, 2) + '\n');
  return path;
}
