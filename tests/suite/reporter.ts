// A node:test reporter (beside the TAP one) that sums the top-level tests' durations per file and
// stores them for the next run's order (durations.ts). It prints nothing.
import { relative } from 'node:path';
import { PROJECT_ROOT } from '../../src/harness/runner/index';
import { recordDurations } from './durations';

interface TestEvent {
  type: string;
  data?: { file?: string; nesting?: number; details?: { duration_ms?: number } };
}

async function* durationsReporter(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  const perFile: Record<string, number> = {};
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { file, nesting, details } = event.data ?? {};
    if (!file || nesting !== 0 || typeof details?.duration_ms !== 'number') continue;
    const rel = relative(PROJECT_ROOT, file);
    perFile[rel] = (perFile[rel] ?? 0) + details.duration_ms;
  }
  // Written when the run ends (a failed test still counts its time); a killed suite writes nothing.
  recordDurations(perFile);
  yield '';
}

// `export =`: node imports a reporter's default export, which for a CommonJS module is module.exports.
export = durationsReporter;
