import { Command } from 'commander';
import { join } from 'node:path';
import { parameterArgLabels, parseParameterArgs, PROJECT_ROOT } from '../harness/runner/index';
import { checkPaperFolder, checkRunOverrides } from '../harness/scaffold/index';
import { codeLeaksAllowRun } from './code-leaks';
import { loadPaperConfig } from '../library/paper-files/index';
import { replayProfile } from '../harness/reproduce/index';
import { cacheTurnedOff, runPaper, sinceAccepted, SUMMARY_FILE, type PaperRun } from '../harness/reproduce/index';
import { checkAgainstAccepted, formatDiffTable, readAccepted } from '../harness/verdict/index';
import { nativeStatus } from '../library/native/index';

interface RunFlags {
  seeds?: string;
  ablations?: boolean;
  param: string[];
  cellTimeout?: string;
  failures: boolean;
  replay?: boolean;
  jobs?: string;
  /** commander's `--no-cache`: false when given. */
  cache: boolean;
  /** Stop before any kernel on a warning of the static leakage check of the code. */
  strictLeakage?: boolean;
}

function parseSeeds(text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  const seeds = text.split(',').map((s) => Number(s.trim()));
  if (seeds.some((s) => !Number.isInteger(s) || s < 0)) throw new Error(`--seeds: expected comma-separated non-negative integers, got "${text}"`);
  return seeds;
}

function parseJobs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const jobs = Number(text);
  if (!Number.isInteger(jobs) || jobs < 1) throw new Error(`--jobs: expected a whole number >= 1 (replays at once), got "${text}"`);
  return jobs;
}

/**
 * What `paperlab validate` finds, and `-p` values the notebook cannot take: each predicts a run that
 * fails late (a wrongly typed value breaks a cell minutes in) or means nothing (a claim on a metric
 * never recorded ends "not measured"). Printed validate-style; true when the run may start.
 */
function preflight(paperDir: string, flags: RunFlags): boolean {
  const problems = [
    ...checkPaperFolder(paperDir).map((i) => i.message),
    ...checkRunOverrides(paperDir, parseParameterArgs(flags.param), parameterArgLabels(flags.param)),
  ];
  if (problems.length === 0) return codeLeaksAllowRun(paperDir, flags.strictLeakage === true);
  problems.forEach((p) => console.error(p));
  console.error(`paperlab: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${paperDir}; nothing ran (fix them first; \`paperlab validate ${paperDir}\` checks the folder)`);
  return false;
}

async function run(paperDir: string, flags: RunFlags): Promise<PaperRun | undefined> {
  return preflight(paperDir, flags) ? replayAndReport(paperDir, flags) : undefined;
}

/** The replays and their printed verdicts, once preflight passed. */
async function replayAndReport(paperDir: string, flags: RunFlags): Promise<PaperRun> {
  const result = await runPaper(paperDir, {
    seeds: parseSeeds(flags.seeds),
    ablations: flags.ablations,
    overrides: parseParameterArgs(flags.param),
    cellTimeoutMs: flags.cellTimeout === undefined ? undefined : Number(flags.cellTimeout) * 1000,
    logFailures: flags.failures,
    replay: flags.replay,
    jobs: parseJobs(flags.jobs),
    cache: cacheOn(flags),
    log: (line) => console.log(line),
  });
  if (result.profile === 'replay') console.log('\n(replay profile: a regression check at a tiny size; these verdicts are not the paper\'s)');
  console.log(`\n${result.verdictMarkdown}`);
  for (const f of result.failuresLogged) console.log(`failure ${f.id} logged: ${f.kind}${f.claim ? ` (${f.claim})` : ''}`);
  console.log(`paperlab: run folder ${result.runDir}`);
  if (result.failuresError) console.error(`paperlab: the run finished and its summary is in ${join(result.runDir, SUMMARY_FILE)}, but ${result.failuresError}`);
  return result;
}

/** `--no-cache` or PAPERLAB_CACHE=off turn both the replay cache and check's skip of unchanged keys off. */
function cacheOn(flags: RunFlags): boolean {
  return flags.cache && !cacheTurnedOff();
}

/** sinceAccepted, or why it could not tell (then the check replays). */
function unchangedSinceAccepted(dir: string, compute: 'native' | 'fallback', flags: RunFlags): { unchanged: boolean; reason: string } {
  try {
    return sinceAccepted(dir, compute, { replay: flags.replay, seeds: parseSeeds(flags.seeds), overrides: parseParameterArgs(flags.param) });
  } catch (err) {
    return { unchanged: false, reason: `no replay key (${(err as Error).message})` };
  }
}

/** 0 when every replay ran and every failure was logged; a claim that does not reproduce is a result, not an error. */
function exitCode(result: PaperRun | undefined): number {
  // undefined: validation stopped the run before any kernel
  return result && result.runs.every((r) => r.ok) && !result.failuresError ? 0 : 1;
}

function withRunOptions(cmd: Command): Command {
  return cmd
    .option('--seeds <list>', 'comma-separated seeds (default: config.yaml seeds)')
    .option('-p, --param <key=value>', 'override a parameter declared in config.yaml (repeatable)', (v: string, acc: string[]) => [...acc, v], [])
    .option('--cell-timeout <s>', 'per-cell limit in seconds (default: the seed\'s hard wall limit)')
    .option('--no-failures', 'do not append to failures.yaml')
    .option('-j, --jobs <n>', 'replays at once (default: cores / native threads per replay; with N, each gets cores / N threads)')
    .option('--no-cache', 'replay every seed, even one whose replay key is in the replay cache (and store nothing)')
    .option('--strict-leakage', 'stop before the run on a warning of the static leakage check of the code (accepted ones excepted)');
}

/** The bundled default `npm start` reproduces: all its seeds in about 3 minutes on 2 cores. */
export const DEFAULT_PAPER = 'papers/gromov2023-grokking';

/** `start` runs the bundled default; `run` replays and judges a paper; `check` also compares with accepted results. */
export function registerRunCommands(program: Command): void {
  withRunOptions(program.command('start').description(`the main job: reproduce the bundled default (${DEFAULT_PAPER}) and print its claim table with verdicts`))
    .action(async (flags: RunFlags) => {
      // The checkout stays clean: the default job logs no failures into the tracked failures.yaml.
      const result = await run(join(PROJECT_ROOT, DEFAULT_PAPER), { ...flags, failures: false });
      process.exitCode = exitCode(result);
    });
  withRunOptions(program.command('run <paper-dir>').description('replay a paper\'s notebook for each seed, judge every claim, log failures'))
    .option('--ablations', 'also run every ablation point of config.yaml')
    .option('--replay', 'run config.yaml\'s small CI replay profile instead of the full run')
    .action(async (dir: string, flags: RunFlags) => {
      const result = await run(dir, flags);
      // A claim that does not reproduce is a result; a replay that broke, or a log not written, is a failure.
      process.exitCode = exitCode(result);
    });
  withRunOptions(program.command('check <paper-dir>').description('replay a paper and compare with its accepted.json; exit 1 on a regression'))
    .option('--replay', 'run the CI replay profile and compare with accepted.replay.json')
    .option('--atol <x>', 'absolute tolerance where the accepted file sets none (default: config.yaml replay.atol with --replay, else 0)')
    .option('--rtol <x>', 'relative tolerance where the accepted file sets none (default: config.yaml replay.rtol with --replay, else 0)')
    .action(async (dir: string, flags: RunFlags & { atol?: string; rtol?: string }) => {
      // No reference for this compute path (the kernels inherit this process's): say so before minutes of replays.
      const compute = nativeStatus().on ? 'native' : 'fallback';
      readAccepted(dir, flags.replay ? 'replay' : 'full', compute);
      // Preflight before the keys: a folder that fails it must say so, not "unchanged since accepted".
      if (!preflight(dir, flags)) {
        process.exitCode = 1;
        return;
      }
      // The accepted runs' keys are this replay's: its results would be theirs, bit for bit.
      if (cacheOn(flags)) {
        const since = unchangedSinceAccepted(dir, compute, flags);
        if (since.unchanged) {
          console.log(`paperlab check: ${dir} ${since.reason}: no replay needed (--no-cache replays anyway)`);
          return;
        }
        console.error(`paperlab check: replaying: ${since.reason}`);
      }
      const result = await replayAndReport(dir, flags);
      const profile = flags.replay ? replayProfile(loadPaperConfig(dir)) : { atol: 0, rtol: 0 };
      const tolerance = { atol: flags.atol === undefined ? profile.atol : Number(flags.atol), rtol: flags.rtol === undefined ? profile.rtol : Number(flags.rtol) };
      const mainRuns = result.runs.filter((r) => !r.ablation).map((r) => ({ records: r.execution.records }));
      const check = checkAgainstAccepted(dir, mainRuns, tolerance, flags.replay ? 'replay' : 'full');
      console.log(`\n${formatDiffTable(check.rows)}`);
      if (check.note) console.log(`paperlab check: ${check.note}`);
      process.exitCode = check.ok && exitCode(result) === 0 ? 0 : 1;
    });
}
