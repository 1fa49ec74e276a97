import { existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { invalid } from '../library/errors/index';
import { readRunSummary } from '../harness/reproduce/index';
import { readResults } from '../harness/runner/index';
import { formatValue } from '../library/stats/index';
import {
  acceptResults, computePathOf, diffSides, formatRunDiffTable, readAcceptedIfAny, readDiffSide, runDiffOk, stampReplayKeys, writeAccepted, type AcceptedProfile,
  type RunDiff, type RunDiffRow,
} from '../harness/verdict/index';

/**
 * Adds the regression commands to the paperlab CLI:
 * - `diff <runA> <runB> [--atol x] [--rtol y] [--json]`: compares two runs, A as the reference: any
 *   folder the runner printed (paper run, sweep, seed, notebook run) or a results.json. Prints a
 *   table like `dvc metrics diff`, columns titled by the runs' stamps, and sets exit code 1 when a
 *   number of A is out of tolerance or missing in B, a string changed, a status got worse, or a
 *   budget limit is newly hit.
 * - `accept <run-dir...> --paper <dir> [--replay]`: writes <dir>/accepted.json (accepted.replay.json)
 *   from the runs' numeric results (mean over seeds), keeping hand-set per-metric tolerances of an
 *   existing file. A `paperlab run` folder stands for its main seeds.
 */
export function registerVerdictCommands(program: Command): void {
  program
    .command('diff')
    .description('compare two runs: numbers within tolerances, strings, statuses and budgets, seed by seed')
    .argument('<runA>', 'reference run: any folder the runner printed (a paper run or sweep folder, a seed folder) or a results.json')
    .argument('<runB>', 'run to compare with it')
    .option('--atol <number>', 'absolute tolerance, in each metric\'s unit', '0')
    .option('--rtol <number>', 'relative tolerance, a fraction of |A|', '0')
    .option('--json', 'print the rows as JSON')
    .action((runA: string, runB: string, opts: { atol: string; rtol: string; json?: boolean }) => {
      const tolerance = { atol: parseTolerance('--atol', opts.atol), rtol: parseTolerance('--rtol', opts.rtol) };
      const diff = diffSides(readDiffSide(runA), readDiffSide(runB), tolerance);
      if (opts.json) console.log(JSON.stringify(diff.rows, null, 2));
      else process.stdout.write(formatRunDiffTable(diff) + diffSummary(diff, tolerance));
      // exitCode, not exit(): lets stdout drain when piped.
      if (!runDiffOk(diff)) process.exitCode = 1;
    });
  program
    .command('accept')
    .description('accept runs\' results as the reference a paper\'s replays are checked against')
    .argument('<run-dir...>', 'run folders (holding results.json) or results.json files, e.g. one per seed')
    .requiredOption('--paper <dir>', 'the paper\'s folder; accepted.json is written there')
    .option('--replay', 'accept as the CI replay reference (accepted.replay.json); implied by a `paperlab run --replay` folder')
    .option('--stamp-key', 'keep the accepted numbers; only record the runs\' replay keys, after checking that the runs give exactly those numbers')
    .action((given: string[], opts: { paper: string; replay?: boolean; stampKey?: boolean }) => {
      if (!existsSync(opts.paper) || !statSync(opts.paper).isDirectory()) throw invalid('accept --paper', 'an existing paper folder', opts.paper);
      const { runDirs, profile } = expandPaperRuns(given, opts.replay === true);
      const runs = runDirs.map((dir) => readResults(dir, { interrupted: 'refuse' }));
      if (opts.stampKey) {
        const { path, keys } = stampReplayKeys(opts.paper, profile, runs, runDirs);
        console.log(`paperlab accept: wrote ${path}: replay keys ${Object.entries(keys).map(([seed, key]) => `${key.slice(0, 8)} (seed ${seed})`).join(', ')}; its numbers unchanged (the runs reproduce them exactly)`);
        return;
      }
      const { accepted, nonFinite } = acceptResults(runs, runDirs, readAcceptedIfAny(opts.paper, profile, computePathOf(runs).compute));
      const path = writeAccepted(opts.paper, accepted, profile);
      const names = Object.keys(accepted.metrics);
      for (const name of names) {
        const m = accepted.metrics[name]!;
        console.log(`  ${name}  ${formatValue(m.value, 6)}  (seeds ${m.seeds.join(', ')})`);
      }
      for (const s of nonFinite) console.log(`  (${s.metric}: ${s.reason}; accepted as such)`);
      console.log(`paperlab accept: wrote ${path}: ${names.length} metric${names.length === 1 ? '' : 's'} from ${runs.length} run${runs.length === 1 ? '' : 's'} on the ${accepted.compute} compute path`);
    });
}

/**
 * A `paperlab run` folder (holding summary.json) stands for its main seeds' results (ablations
 * never set the reference); its profile picks the file unless `--replay` says so already.
 */
function expandPaperRuns(given: readonly string[], replayFlag: boolean): { runDirs: string[]; profile: AcceptedProfile } {
  const runDirs: string[] = [];
  const profiles = new Set<AcceptedProfile>();
  for (const dir of given) {
    const summary = readRunSummary(dir);
    if (summary?.interrupted) throw invalid(`accept ${dir}`, 'a run that finished', `skipped, ${summary.interrupted}; its replays are partial`, 'run it again');
    if (!summary) {
      // One seed's folder of a paper run: its parent's summary says which profile it belongs to.
      const parent = readRunSummary(join(dir, '..'));
      if (parent) profiles.add(parent.profile ?? 'full');
      runDirs.push(dir);
      continue;
    }
    const missing = (summary.sweep?.incomplete ?? []).filter((label) => label.startsWith('seed-'));
    if (missing.length > 0) throw invalid(`accept ${dir}`, 'a sweep whose main tasks all have results', `tasks without results: ${missing.join(', ')}`, `\`paperlab sweep --resume ${dir}\` runs them again`);
    const main = summary.runs.filter((r) => !r.ablation);
    const broken = main.filter((r) => !r.ok).map((r) => basename(r.dir));
    if (broken.length > 0) throw invalid(`accept ${dir}`, 'a run whose replays all finished', `failed replays: ${broken.join(', ')}`, 'fix and rerun before accepting');
    runDirs.push(...main.map((r) => r.dir));
    profiles.add(summary.profile ?? 'full');
  }
  if (profiles.size > 1) throw invalid('accept', 'runs of one profile', 'both full and --replay runs', 'accept each on its own');
  const profile: AcceptedProfile = replayFlag || profiles.has('replay') ? 'replay' : 'full';
  return { runDirs, profile };
}

function parseTolerance(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) throw invalid(flag, 'a number >= 0', text);
  return value;
}

/** Which replays were compared, then what changed, by kind: the lines under the table. */
function diffSummary(diff: RunDiff, tolerance: { atol: number; rtol: number }): string {
  const { from, to } = diff.labels;
  const list = (labels: readonly string[]) => (labels.length === 0 ? 'none' : labels.join(', '));
  const lines = [`paperlab diff: ${from} vs ${to}: compared ${list(diff.compared)}` +
    (diff.onlyA.length + diff.onlyB.length > 0 ? `; only in ${from}: ${list(diff.onlyA)}; only in ${to}: ${list(diff.onlyB)}` : '')];
  const count = (pick: (r: RunDiffRow) => boolean) => diff.rows.filter(pick).length;
  const numbers = count((r) => r.kind === 'number' && r.status !== 'new');
  const out = count((r) => r.kind === 'number' && r.status === 'regressed');
  const missing = count((r) => r.kind === 'number' && r.status === 'missing');
  const parts = [out + missing === 0 ? `${numbers} number${numbers === 1 ? '' : 's'} within tolerance` : `${out} of ${numbers} numbers out of tolerance, ${missing} missing`];
  const strings = count((r) => r.kind === 'string' && r.fails);
  if (strings > 0) parts.push(`${strings} string${strings === 1 ? '' : 's'} changed or missing`);
  const worse = count((r) => r.kind === 'status' && r.status === 'worse');
  if (worse > 0) parts.push(`${worse} status${worse === 1 ? '' : 'es'} worse`);
  const over = count((r) => r.status === 'newly-over');
  if (over > 0) parts.push(`${over} newly over budget`);
  const moved = count((r) => r.kind === 'budget' && r.status === 'moved');
  if (moved > 0) parts.push(`${moved} budget figure${moved === 1 ? '' : 's'} moved (shown, not judged)`);
  lines.push(`paperlab diff: ${parts.join('; ')} (atol=${tolerance.atol}, rtol=${tolerance.rtol})`);
  return lines.join('\n') + '\n';
}
