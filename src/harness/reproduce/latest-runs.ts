import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { unfinishedReason } from '../runner/index';
import { readRunSummary, SUMMARY_FILE } from './run-summary';

/** The newest finished run of each profile in a paper folder, as run folder paths (null: none). */
export interface LatestRuns {
  full: string | null;
  replay: string | null;
}

/**
 * The newest finished full run and the newest finished CI replay run of a paper folder (finished:
 * summary.json written, not interrupted). A run without a profile in its summary is a full run
 * unless its folder ends in `-replay`. `skipped` hears of each newer run of a profile passed over,
 * and why (interrupted, killed, still running), so no report quietly shows an older run.
 */
export function latestRuns(paperDir: string, skipped: (runDir: string, why: string, profile: keyof LatestRuns) => void = () => undefined): LatestRuns {
  const found: LatestRuns = { full: null, replay: null };
  const runs = join(paperDir, 'runs');
  if (!existsSync(runs)) return found;
  // Stamps (20261204T195759Z...) sort by time.
  for (const dir of readdirSync(runs).sort().reverse().map((d) => join(runs, d))) {
    const summary = readRunSummary(dir);
    const profile: keyof LatestRuns = summary?.profile === 'replay' || dir.endsWith('-replay') ? 'replay' : 'full';
    if (found[profile] !== null) continue;
    if (summary && !summary.interrupted) {
      found[profile] = dir;
      continue;
    }
    const why = summary?.interrupted ? `${summary.interrupted}; its verdicts are partial` : unfinishedReason(dir, SUMMARY_FILE);
    if (why) skipped(dir, why, profile);
  }
  return found;
}
