// The whole test suite, as `npm test` runs it: every *.test.ts under tests/ and papers/ (not run
// folders), in two lanes. Most files run side by side, one node process each, one more at a time
// than the machine has cores; a file whose first lines say `// test-lane: alone (why)` runs after them,
// by itself, because it changes something the others read (a file under src/ or papers/, the
// native addon's stamp). Side by side, the files that took longest last time start first
// (suite/durations.ts). Results are node's own test-runner output, lane by lane.
//
//   tsx tests/suite.ts [files...]      PAPERLAB_TEST_JOBS=1 runs everything one file at a time
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from '../src/harness/runner/index';
import { longestFirst, readDurations } from './suite/durations';

const ALONE = /^\/\/ test-lane: alone \((.+)\)$/m;
const HEAD_CHARS = 2000;

function testFiles(): string[] {
  const found: string[] = [];
  for (const top of ['tests', 'papers']) {
    for (const entry of readdirSync(join(PROJECT_ROOT, top), { recursive: true, encoding: 'utf8' })) {
      if (entry.endsWith('.test.ts') && !entry.split(/[\\/]/).includes('runs')) found.push(join(top, entry));
    }
  }
  return found.sort();
}

/** Why the file must run alone, or undefined when it can run beside others. */
function aloneBecause(file: string): string | undefined {
  return ALONE.exec(readFileSync(join(PROJECT_ROOT, file), 'utf8').slice(0, HEAD_CHARS))?.[1];
}

function jobs(): number {
  const asked = process.env.PAPERLAB_TEST_JOBS;
  // One more than the cores: test files wait much of the time (kernel starts, sleeps in signal tests,
  // Slurm polling); measured on 2 cores, 2 at a time kept them 148 % busy (615 s), 3 at a time 168 % (544 s).
  if (asked === undefined || asked === '') return availableParallelism() + 1;
  const n = Number(asked);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`tests/suite.ts: PAPERLAB_TEST_JOBS must be a whole number >= 1, got ${JSON.stringify(asked)}`);
    process.exit(2);
  }
  return n;
}

function lane(files: string[], concurrency: number): number {
  if (!files.length) return 0;
  // Node's own output (spec on a terminal, TAP otherwise, as it picks by default) and the durations
  // reporter (suite/reporter.ts), which prints nothing and stores each file's time for the next order.
  const reporters = ['--test-reporter', process.stdout.isTTY ? 'spec' : 'tap', '--test-reporter-destination', 'stdout', '--test-reporter', join(__dirname, 'suite', 'reporter.cjs'), '--test-reporter-destination', 'stdout'];
  const args = ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-timeout=900000', ...reporters, ...files];
  const r = spawnSync(process.execPath, args, { cwd: PROJECT_ROOT, stdio: 'inherit' });
  return r.status ?? 1;
}

const files = process.argv.length > 2 ? process.argv.slice(2).map((f) => relative(PROJECT_ROOT, join(process.cwd(), f))) : testFiles();
const alone = files.filter((f) => aloneBecause(f) !== undefined);
// Longest first (by the last run's figures): the files side by side end together instead of one
// long file running alone at the end while the other cores idle.
const together = longestFirst(files.filter((f) => !alone.includes(f)), readDurations());
const n = jobs();

console.log(`# suite: ${together.length} file(s) ${n > 1 ? `${n} at a time` : 'one at a time'}, then ${alone.length} alone`);
const started = Date.now();
const first = lane(together, n);
console.log(`# suite: ${together.length} file(s) side by side took ${((Date.now() - started) / 1000).toFixed(0)} s (exit ${first})`);
for (const f of alone) console.log(`# suite: alone: ${f} (${aloneBecause(f)})`);
const secondStart = Date.now();
const second = lane(alone, 1);
console.log(`# suite: ${alone.length} file(s) alone took ${((Date.now() - secondStart) / 1000).toFixed(0)} s (exit ${second}); whole suite ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exit(first !== 0 ? first : second);
