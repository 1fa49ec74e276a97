// A paper with five runs over four days, written by the runner's and the run's own writers
// (tests/harness/verdict/run-folders.ts) into a scaffolded paper folder: full runs on two commits
// and two compute paths, a CI replay run, an interrupted run. The history and compare tests share it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runManifest } from '../../../src/harness/env/index';
import { scaffoldPaper } from '../../../src/harness/scaffold/index';
import { loadPaperConfig } from '../../../src/library/paper-files/index';
import { writeRun, type ReplaySpec } from '../verdict/run-folders';

export const COMMIT_A = 'a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1';
export const COMMIT_B = 'b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2';
export const COMMIT_C = 'c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3';
const BLAS = { blas: 'OpenBLAS 0.3.21 Haswell', threads: 2 };

/** The paper folder and its runs' folders, oldest first. */
export interface HistoryPaper {
  root: string;
  paperDir: string;
  /** Full run on commit A, fallback path, seeds 0-2. */
  first: string;
  /** Full run on commit B (dirty), fallback path, seeds 0-2. */
  second: string;
  /** CI replay run (seed 1, other parameters) on commit B. */
  replay: string;
  /** Full run on commit C that a signal stopped after seed 0. */
  interrupted: string;
  /** Newest full run on commit C, native path, seeds 0, 1 and 3 (not 2). */
  newest: string;
}

/** One replay: test_accuracy `acc`, a baseline beside it, a short train() (its budget record, FLOPs) and a real manifest on `commit`. */
function replay(seed: number, acc: number, commit: string, dirty: boolean, native: boolean, at: Date, more: Partial<ReplaySpec> = {}): ReplaySpec {
  const manifest = runManifest({ parameters: { steps: 100 }, seed, backend: 'cpu', native: native ? BLAS : null, startedAt: at, endedAt: new Date(at.getTime() + 2000) });
  return {
    seed, values: { test_accuracy: acc, majority_accuracy: 0.5 }, native: native ? BLAS : null, backend: 'cpu',
    budget: { steps: 4, maxSteps: 100, flopsPerExample: 8e10 }, seconds: 2,
    manifest: { ...manifest, git: { commit, dirty, diffSha256: dirty ? 'd'.repeat(64) : null, untracked: [] } },
    ...more,
  };
}

/** Scaffolds `toy2026-history` (claim main-result: test_accuracy 0.9 ± 0.02) in a temp folder and writes its five runs. */
export function writeHistoryPaper(): HistoryPaper {
  const root = mkdtempSync(join(tmpdir(), 'paperlab-history-'));
  const { dir: paperDir } = scaffoldPaper(root, 'toy2026-history', { title: 'A toy with a history' });
  const claims = loadPaperConfig(paperDir).claims;
  const day = (d: number, h = 9) => new Date(Date.UTC(2026, 11, d, h, 0, 0));
  const full = (at: Date, commit: string, dirty: boolean, native: boolean, accs: Record<number, number>) =>
    writeRun(paperDir, at, Object.fromEntries(Object.entries(accs).map(([s, acc]) => [`seed-${s}`, replay(Number(s), acc, commit, dirty, native, at)])), { claims });
  const first = full(day(1), COMMIT_A, false, false, { 0: 0.899, 1: 0.9, 2: 0.901 });
  const second = full(day(2), COMMIT_B, true, false, { 0: 0.85, 1: 0.851, 2: 0.852 });
  const replayRun = writeRun(paperDir, day(2, 12), { 'seed-1': replay(1, 0.5, COMMIT_B, true, false, day(2, 12)) }, { claims, profile: 'replay' });
  const interrupted = writeRun(paperDir, day(3), {
    'seed-0': replay(0, 0.9, COMMIT_C, false, true, day(3)),
    'seed-1': replay(1, 0.3, COMMIT_C, false, true, day(3), { interrupted: 'interrupted by SIGINT' }),
  }, { claims, extra: { interrupted: 'interrupted by SIGINT' } });
  const newest = full(day(4), COMMIT_C, false, true, { 0: 0.9, 1: 0.905, 3: 0.895 });
  return { root, paperDir, first, second, replay: replayRun, interrupted, newest };
}
