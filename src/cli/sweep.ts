import { Command, Option } from 'commander';
import { basename, join } from 'node:path';
import { interruption } from '../harness/runner/index';
import { cacheTurnedOff, SUMMARY_FILE } from '../harness/reproduce/index';
import { checkPaperFolder } from '../harness/scaffold/index';
import { codeLeaksAllowRun } from './code-leaks';
import {
  cancelSweep, collectSweep, createSweep, isSweepDir, parseSeedList, parseSweepParameters, readSweep, runDisplayForTask, runSweepLocally, runSweepTask,
  submitSweep, sweepStatus, tasksToResume, type CollectedSweep, type SweepStatus,
} from '../harness/sweep/index';
import { invalid } from '../library/errors/index';

interface SweepFlags {
  seeds?: string;
  param: string[];
  on: 'local' | 'slurm';
  partition?: string;
  time?: string;
  cpusPerTask?: string;
  mem?: string;
  maxParallel?: string;
  wait?: boolean;
  resume?: boolean;
  cache: boolean;
  failures: boolean;
  strictLeakage?: boolean;
}

function wholeNumber(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw invalid(flag, 'a whole number >= 1', text);
  return n;
}

/** `4 ok, 1 failed, 1 cancelled`: how many tasks are in each state, in the order first met. */
function stateTally(status: SweepStatus): string {
  const counts = new Map<string, number>();
  for (const t of status.tasks) counts.set(t.state, (counts.get(t.state) ?? 0) + 1);
  return [...counts].map(([state, n]) => `${n} ${state}`).join(', ');
}

/** A table of every task: where it ran, how it ended. */
function formatStatus(dir: string, status: SweepStatus): string {
  const rows = status.tasks.map((t) => [
    String(t.task.index), t.task.label, t.state, t.slurmId ?? '-', t.node ?? '-', t.seconds === undefined ? '-' : `${t.seconds.toFixed(1)} s`, t.exitCode ?? '-', t.detail ?? '',
  ]);
  const head = ['task', 'replay', 'state', 'slurm', 'node', 'wall', 'exit', 'detail'];
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k]!.length)));
  const line = (cells: string[]) => cells.map((c, k) => (k === cells.length - 1 ? c : c.padEnd(widths[k]!))).join('  ').trimEnd();
  const tally = stateTally(status);
  const next = status.active > 0 ? 'still going' : readSummaryNote(dir);
  return [line(head), ...rows.map(line), '', `paperlab sweep: ${basename(dir)} on ${status.sweep.on}: ${status.tasks.length} tasks: ${tally}; ${next}`].join('\n');
}

function readSummaryNote(dir: string): string {
  return `every task ended: \`paperlab sweep collect ${dir}\` writes its ${SUMMARY_FILE} (verdicts, failures)`;
}

function printCollected(c: CollectedSweep): void {
  console.log(`\n${c.run.verdictMarkdown}`);
  for (const f of c.run.failuresLogged) console.log(`failure ${f.id} logged: ${f.kind}${f.claim ? ` (${f.claim})` : ''}`);
  for (const t of c.incomplete) console.log(`paperlab sweep: ${t.label}: ${t.state}, no results${t.detail ? ` (${t.detail})` : ''}`);
  console.log(`paperlab: run folder ${c.run.runDir}`);
  if (c.run.failuresError) console.error(`paperlab: the sweep is collected in ${join(c.run.runDir, SUMMARY_FILE)}, but ${c.run.failuresError}`);
}

function collectedExitCode(c: CollectedSweep): number {
  return c.incomplete.length === 0 && c.run.runs.every((r) => r.ok) && !c.run.failuresError ? 0 : 1;
}

/** Polls until no task is queued or running (or a signal says stop waiting: the tasks go on). */
async function waitForTasks(dir: string): Promise<boolean> {
  let last = '';
  for (;;) {
    const status = sweepStatus(dir);
    const counts = status.tasks.map((t) => t.state).sort().join(',');
    if (counts !== last) {
      console.error(`paperlab sweep: ${stateTally(status)}`);
      last = counts;
    }
    if (status.active === 0) return true;
    if (interruption()) {
      console.error(`paperlab sweep: stopped waiting (${interruption()}); the tasks go on on Slurm: \`paperlab sweep status ${dir}\``);
      return false;
    }
    await new Promise((done) => setTimeout(done, 2000));
  }
}

async function finish(dir: string, onSlurm: boolean, wait: boolean): Promise<number> {
  if (onSlurm && !wait) {
    console.log(`paperlab sweep: \`paperlab sweep status ${dir}\` shows the tasks; \`paperlab sweep collect ${dir}\` judges them once they ended (or submit with --wait)`);
    return 0;
  }
  if (onSlurm && !(await waitForTasks(dir))) return 1;
  const stopped = interruption();
  if (stopped) {
    // Judging part of a sweep would read as its verdict: the tasks that ended keep their results for --resume.
    const status = sweepStatus(dir);
    const ended = status.tasks.filter((t) => t.record && t.record.state !== 'interrupted').length;
    console.error(`paperlab sweep: ${stopped}: ${ended} of ${status.tasks.length} tasks ended; \`paperlab sweep --resume ${dir}\` runs the rest`);
    return 1;
  }
  const collected = collectSweep(dir);
  printCollected(collected);
  return collectedExitCode(collected);
}

async function sweep(dir: string, flags: SweepFlags): Promise<number> {
  const cache = flags.cache && !cacheTurnedOff();
  if (flags.resume) {
    if (!isSweepDir(dir)) throw invalid(`sweep --resume ${dir}`, 'a sweep folder (holding sweep.json)', 'none', 'pass the folder `paperlab sweep` printed');
    const todo = tasksToResume(dir);
    const onSlurm = readSweep(dir).on === 'slurm';
    if (todo.length === 0) console.log(`paperlab sweep: every task of ${dir} has results; nothing to resume`);
    else if (onSlurm) {
      const { jobId } = submitSweep(dir, todo);
      console.log(`paperlab sweep: resubmitted ${todo.length} task${todo.length === 1 ? '' : 's'} without results (${todo.join(', ')}) as job ${jobId}`);
    } else await runSweepLocally(dir, (line) => console.log(line));
    return finish(dir, onSlurm, flags.wait === true || !onSlurm);
  }
  const problems = checkPaperFolder(dir).map((i) => i.message);
  if (problems.length > 0) {
    problems.forEach((p) => console.error(p));
    console.error(`paperlab sweep: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${dir}; nothing ran (\`paperlab validate ${dir}\` checks the folder)`);
    return 1;
  }
  if (!codeLeaksAllowRun(dir, flags.strictLeakage === true)) return 1;
  const { fixed, grid } = parseSweepParameters(flags.param);
  const sweepDir = createSweep(dir, {
    on: flags.on,
    ...(flags.seeds !== undefined ? { seeds: parseSeedList(flags.seeds) } : {}),
    fixed,
    grid,
    cache,
    logFailures: flags.failures,
    ...(flags.cpusPerTask !== undefined ? { cpusPerTask: wholeNumber('--cpus-per-task', flags.cpusPerTask) } : {}),
    slurm: {
      ...(flags.partition !== undefined ? { partition: flags.partition } : {}),
      ...(flags.time !== undefined ? { timeMinutes: wholeNumber('--time', flags.time)! } : {}),
      ...(flags.mem !== undefined ? { memoryMB: wholeNumber('--mem', flags.mem)! } : {}),
      ...(flags.maxParallel !== undefined ? { maxParallel: wholeNumber('--max-parallel', flags.maxParallel)! } : {}),
    },
  });
  const planned = readSweep(sweepDir);
  const axes = Object.entries(planned.grid).map(([k, v]) => `${k} ∈ {${v.map((x) => JSON.stringify(x)).join(', ')}}`);
  console.log(`paperlab sweep: ${planned.paperId}: ${planned.tasks.length} tasks (seeds ${planned.seeds.join(',')}${axes.length ? `; grid ${axes.join(' × ')}` : ''}) into ${sweepDir}`);
  if (flags.on === 'slurm') {
    const { jobId } = submitSweep(sweepDir);
    const r = planned.slurm!;
    console.log(`paperlab sweep: submitted job array ${jobId} (${planned.tasks.length} tasks${r.maxParallel ? `, ${r.maxParallel} at a time` : ''}; each ${r.cpusPerTask} cpu, ${r.memoryMB} MB, ${r.timeMinutes} min${r.partition ? `, partition ${r.partition}` : ''})`);
  } else {
    await runSweepLocally(sweepDir, (line) => console.log(line));
  }
  return finish(sweepDir, flags.on === 'slurm', flags.wait === true);
}

/** `paperlab sweep`: seeds × a grid on the local pool or a Slurm job array; status, cancel, collect. */
export function registerSweepCommands(program: Command): void {
  const cmd = program.command('sweep')
    .description('replay a paper over seeds × a grid (-p name=a,b), on this machine or as a Slurm job array')
    .argument('<dir>', 'the paper folder (with --resume: the sweep folder)')
    .option('--seeds <list>', 'seeds of every point: 0-9, 0,3,5-7 (default: config.yaml seeds)')
    .option('-p, --param <name=values>', 'a parameter for every task (name=v) or a grid axis (name=v1,v2), repeatable', (v: string, acc: string[]) => [...acc, v], [])
    .addOption(new Option('--on <backend>', 'where the tasks run').choices(['local', 'slurm']).default('local'))
    .option('--partition <name>', 'Slurm partition (default: config.yaml slurm.partition, else the cluster\'s default)')
    .option('--time <minutes>', 'Slurm time limit per task (default: config.yaml slurm.timeMinutes, else from budget.maxWallSeconds)')
    .option('--cpus-per-task <n>', 'CPUs, and native threads, per task, on either backend (default: config.yaml slurm.cpusPerTask, else 1)')
    .option('--mem <MB>', 'Slurm memory per task (default: config.yaml slurm.memoryMB, else budget.maxPeakMemoryMB + 1024)')
    .option('--max-parallel <n>', 'Slurm tasks at once (--array=…%n; default: config.yaml slurm.maxParallel, else the cluster\'s limit)')
    .option('--wait', 'on Slurm: wait for the tasks, then collect the sweep')
    .option('--resume', 'run again only the tasks of an existing sweep folder that have no results')
    .option('--no-cache', 'replay every task, even one whose replay key is in the replay cache')
    .option('--no-failures', 'do not append to failures.yaml when collecting')
    .option('--strict-leakage', 'stop before the sweep on a warning of the static leakage check of the code (accepted ones excepted)')
    .action(async (dir: string, flags: SweepFlags) => {
      process.exitCode = await sweep(dir, flags);
    });
  cmd.command('status <sweep-dir>').description('every task\'s state: queued, running, ended (and how), on which node, in what time')
    .action((dir: string) => {
      console.log(formatStatus(dir, sweepStatus(dir)));
    });
  cmd.command('collect <sweep-dir>').description('judge a sweep whose tasks all ended: summary.json, verdicts, failures.yaml')
    .action((dir: string) => {
      const collected = collectSweep(dir);
      printCollected(collected);
      process.exitCode = collectedExitCode(collected);
    });
  cmd.command('cancel <sweep-dir>').description('cancel a sweep\'s queued and running tasks on Slurm (or only --task ones)')
    .option('--task <index...>', 'cancel only these tasks (indices from `sweep status`)')
    .action((dir: string, opts: { task?: string[] }) => {
      const tasks = opts.task?.map((t) => { const n = Number(t); if (!Number.isInteger(n) || n < 0) throw invalid('--task', 'task indices (whole numbers)', t); return n; });
      const cancelled = cancelSweep(dir, tasks);
      console.log(`paperlab sweep: cancelled ${cancelled.length === 0 ? 'nothing (no task queued or running)' : cancelled.map((c) => c).join(', ')}`);
    });
  // What each Slurm array task runs (task.sh): not for people.
  cmd.command('task <sweep-dir> <index>', { hidden: true })
    .action(async (dir: string, index: string) => {
      const record = await runSweepTask(dir, Number(index), runDisplayForTask(), process.env.SLURM_ARRAY_JOB_ID ?? null);
      console.log(`paperlab sweep: task ${record.index} (${record.label}) ${record.state} in ${record.seconds.toFixed(1)} s on ${record.host}${record.detail ? `: ${record.detail}` : ''}`);
      process.exitCode = record.exitCode;
    });
}
