// How long each test file took in the last `npm test` that ran it, so the suite can start the longest
// files first (as Jest orders by its cached durations): with three files at a time on two cores, a
// long file started last runs alone at the end while the cores idle. This module owns the file.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { PROJECT_ROOT } from '../../src/harness/runner/index';

const FORMAT = 'paperlab.test-durations/1';

/** Overrides where the durations are kept (the suite's own test uses a temp file). */
export const DURATIONS_ENV_VAR = 'PAPERLAB_TEST_DURATIONS';

/** Beside tsc's incremental state: a cache of this checkout, never a source. */
export function durationsFile(): string {
  return process.env[DURATIONS_ENV_VAR]?.trim() || join(PROJECT_ROOT, 'node_modules', '.cache', 'paperlab', 'test-durations.json');
}

/** Milliseconds per test file (relative to the root), as last measured; empty when none were. */
export function readDurations(file: string = durationsFile()): Record<string, number> {
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { format?: string; files?: Record<string, unknown> };
    if (stored.format !== FORMAT || !stored.files) return {};
    return Object.fromEntries(Object.entries(stored.files).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1])));
  } catch {
    return {};
  }
}

/** Adds this run's durations to the stored ones (files not run this time keep theirs); atomic. */
export function recordDurations(measured: Record<string, number>, file: string = durationsFile()): void {
  mkdirSync(dirname(file), { recursive: true });
  const files = { ...readDurations(file), ...measured };
  writeFileAtomic.sync(file, JSON.stringify({ format: FORMAT, files: Object.fromEntries(Object.keys(files).sort().map((k) => [k, Math.round(files[k]!)])) }, null, 1) + '\n');
}

/** Files never measured first (their cost is unknown), then the longest first; ties keep their order. */
export function longestFirst(files: readonly string[], durations: Record<string, number>): string[] {
  const cost = (f: string) => durations[f] ?? Number.POSITIVE_INFINITY;
  return files.map((f, i) => ({ f, i })).sort((a, b) => cost(b.f) - cost(a.f) || a.i - b.i).map((x) => x.f);
}
