import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { Command, Option } from 'commander';
import {
  executeNotebook,
  notebookServerCommand,
  parameterArgLabels,
  parseParameterArgs,
  readNotebook,
  readParameterFile,
  runSeconds,
  collectRecords,
  writeResults,
  type CollectedRecord,
  type ExecutionResult,
  type Parameters,
} from '../harness/runner/index';
import { buildRunManifest } from '../harness/reproduce/index';


interface ExecuteFlags {
  param: string[];
  paramsFile?: string;
  out?: string;
  cellTimeout: number;
  timeout?: number;
  kernel?: string;
  maxMemoryMb?: number;
}

const seconds = (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`expected a positive number of seconds, got "${v}"`);
  return n;
};

const megabytes = (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--max-memory-mb: expected a positive number of MB, got "${v}"`);
  return n;
};

function addExecuteOptions(cmd: Command): Command {
  return cmd
    .option('-p, --param <key=value>', 'parameter for the injected cell; value parsed as JSON when it is JSON (repeatable)', (v: string, acc: string[]) => [...acc, v], [])
    .option('-f, --params-file <file>', 'YAML or JSON file of parameters (-p values win)')
    .option('-o, --out <dir>', 'run folder for the executed notebook and results.json (default: <notebook dir>/runs/<stamp>-<name>)')
    .addOption(new Option('--cell-timeout <s>', 'per-cell limit in seconds').argParser(seconds).default(600))
    .addOption(new Option('--timeout <s>', 'whole-notebook limit in seconds, kernel start included').argParser(seconds))
    .option('--kernel <name>', 'kernel to run (default: the notebook metadata, else paperlab)')
    .addOption(new Option('--max-memory-mb <MB>', 'stop the run when the kernel\'s process group holds more resident memory (MiB, sampled from /proc)').argParser(megabytes));
}

/** Runs one notebook headlessly, writes results.json, prints the records; returns the exit code. */
export async function runNotebookCommand(notebook: string, flags: ExecuteFlags): Promise<number> {
  const parameters: Parameters = {
    ...(flags.paramsFile ? readParameterFile(flags.paramsFile) : {}),
    ...parseParameterArgs(flags.param),
  };
  const result = await executeNotebook({
    input: notebook,
    outputDir: flags.out,
    parameters,
    parameterLabels: { ...fileLabels(flags.paramsFile), ...parameterArgLabels(flags.param) },
    cellTimeoutMs: flags.cellTimeout * 1000,
    timeoutMs: flags.timeout === undefined ? undefined : flags.timeout * 1000,
    kernelName: flags.kernel,
    limits: flags.maxMemoryMb === undefined ? undefined : { maxPeakMemoryMB: flags.maxMemoryMb, memoryLimitName: '--max-memory-mb' },
    log: (line) => console.log(line),
  });
  const resultsPath = writeResults(result, buildRunManifest(result));
  printRecords(result.records);
  console.log(summaryLine(result, resultsPath));
  return result.ok ? 0 : 1;
}

/** name → `params.yaml lr`, where each value of a parameters file came from. */
function fileLabels(path: string | undefined): Record<string, string> {
  return path ? Object.fromEntries(Object.keys(readParameterFile(path)).map((k) => [k, `${path} ${k}`])) : {};
}

function summaryLine(result: ExecutionResult, resultsPath: string): string {
  const secs = runSeconds(result);
  const verdict = result.ok ? 'ok' : result.interrupted ? `INTERRUPTED at cell ${result.failure?.cell} (${result.interrupted}; the records made until then are kept)` : `FAILED at cell ${result.failure?.cell}`;
  return `paperlab: ${verdict} in ${secs.toFixed(1)} s; executed notebook ${result.notebookPath}; results ${resultsPath}`;
}

function printRecords(records: readonly CollectedRecord[]): void {
  if (records.length === 0) return;
  const rows = records.map((r) => [r.name, typeof r.value === 'number' ? String(r.value) : JSON.stringify(r.value), r.unit ?? '', String(r.cell), String(r.seed)]);
  const head = ['record', 'value', 'unit', 'cell', 'seed'];
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((r) => Math.min(r[k]!.length, 60))));
  const line = (cols: string[]) => '  ' + cols.map((c, k) => (c.length > 60 ? c.slice(0, 57) + '...' : c).padEnd(widths[k]!)).join('  ');
  console.log(line(head));
  rows.forEach((r) => console.log(line(r)));
}

/** Opens the classic Notebook UI at the repository root with the project's kernel on JUPYTER_PATH. */
function openNotebookUi(extra: string[]): Promise<number> {
  if (!onPath('jupyter')) {
    console.error(JUPYTER_MISSING);
    return Promise.resolve(1);
  }
  const { command, args, env } = notebookServerCommand(extra);
  console.log(`paperlab: jupyter ${args.join(' ')} (kernel "TypeScript (paperlab)")`);
  // Own process group: `jupyter notebook` spawns a child that outlives a SIGTERM to the parent.
  const child = spawn(command, args, { stdio: 'inherit', detached: true, env });
  const stop = () => child.pid && process.kill(-child.pid, 'SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return new Promise((resolve) => {
    // Gone between the PATH check and the spawn, or not executable: the same one line, no stack.
    child.on('error', (err: NodeJS.ErrnoException) => {
      console.error(err.code === 'ENOENT' ? JUPYTER_MISSING : `paperlab notebook: could not start jupyter: ${err.message}`);
      resolve(1);
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

const JUPYTER_MISSING =
  'paperlab notebook: Jupyter is not installed (no `jupyter` on PATH); install it with `bash src/cli/setup/system.sh` or `apt-get install jupyter-core jupyter-notebook`';

/** Whether an executable `command` is in one of PATH's folders (what spawn would find). */
function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir || '.', command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export function registerNotebookCommands(program: Command): void {
  addExecuteOptions(program.command('execute <notebook>').description('run a notebook headlessly on its kernel; write the executed copy and results.json'))
    .action(async (notebook: string, flags: ExecuteFlags) => {
      process.exitCode = await runNotebookCommand(notebook, flags);
    });
  program
    .command('results <executed-notebook>')
    .description('print the records of an executed notebook (ours or jupyter nbconvert --execute output) as JSON')
    .action((path: string) => {
      console.log(JSON.stringify(collectRecords(readNotebook(path)), null, 2));
    });
  program
    .command('notebook')
    .description('open the classic Jupyter Notebook UI with the paperlab kernel')
    .allowUnknownOption()
    .argument('[jupyter-args...]', 'passed to jupyter notebook, e.g. --no-browser --port 8888')
    .action(async (extra: string[]) => {
      process.exitCode = await openNotebookUi(extra);
    });
}
