import { mkdirSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { PROJECT_ROOT, findKernelSpec } from './kernelspec';
import { newRunDir } from './run-dir';
import { Kernel, KernelStartError, type CellOutcome, type CellStatus } from './kernel';
import { collectRecords, type CollectedRecord } from './collect';
import { readNotebook, sourceOf, tagsOf, writeNotebook, type Notebook } from './notebook-file';
import { escapeHtml } from '../report/html'; // the one HTML escape; the runner needs nothing else of reports
import { checkParameters, injectParameters, parametersCellOf, type Parameters } from './parameters';
import { interruption } from './interrupt';
import { writeRunOwner } from './run-owner';
import { ReplayWatch, type ReplayLimits, type ReplayMemory } from './memory-watch';

export interface ExecuteNotebookOptions {
  /** Path of the notebook to run; it is never modified. */
  input: string;
  /** Folder for the executed notebook and results.json. Default: `<input dir>/runs/<stamp>-<name>/`. */
  outputDir?: string;
  parameters?: Parameters;
  /** Parameter names the parameters cell need not declare (the paper runner's `seed`, `paperDir`). */
  undeclaredParameters?: readonly string[];
  /** Where each parameter value came from, for messages (`-p lr=abc`); default `parameter <name>`. */
  parameterLabels?: Record<string, string>;
  /** Per-cell limit (ms). Default 600 000 (10 min). */
  cellTimeoutMs?: number;
  /** Whole-notebook limit (ms), kernel start included. Default: none. */
  timeoutMs?: number;
  /** Kernel name; default: the notebook's metadata, else "paperlab". */
  kernelName?: string;
  /** Progress lines (one per cell) and failure reports. */
  log?: (line: string) => void;
  /** What went wrong but was recovered from (a kernel start that was retried); default `log`. */
  warn?: (line: string) => void;
  /** Declared limits held from outside the kernel (memory-watch.ts); over one, the cell ends `over-budget`. */
  limits?: ReplayLimits;
  /** Variables for the kernel's environment over the runner's (the pool's `PAPERLAB_THREADS`). */
  env?: Record<string, string>;
  /** Called as each code cell starts: which of how many, and its index in the notebook (live displays). */
  onCell?: (cell: { n: number; of: number; cell: number }) => void;
}

/** papermill's per-cell record, under `metadata.paperlab` of each code cell. */
export interface CellRunInfo {
  status: 'pending' | 'running' | CellStatus | 'skipped';
  start_time?: string;
  end_time?: string;
  duration_s?: number;
  detail?: string;
}

export interface CellFailure {
  /** The failed cell; for `kernel-start`, the first code cell (which never ran). */
  cell: number;
  cellId: string;
  /** How the cell ended, or `kernel-start`: the kernel never started, so no cell ran. */
  status: CellStatus | 'kernel-start';
  source: string;
  detail: string;
  errorText: string;
}

export interface ExecutionResult {
  ok: boolean;
  input: string;
  notebookPath: string;
  outputDir: string;
  startedAt: string;
  endedAt: string;
  parameters: Parameters;
  failure?: CellFailure;
  /** Set when a signal to the runner stopped the run (`interrupted by SIGINT`); the records are those made until then. */
  interrupted?: string;
  records: CollectedRecord[];
  cells: Array<{ cell: number; cellId: string } & CellRunInfo>;
  /** Peak resident memory of the kernel's process group, as the runner sampled it; absent when no kernel started. */
  memory?: ReplayMemory;
}

/** Says where the values went: after the parameters cell, or at the top when the notebook has none. */
function injectionLine(nb: Notebook, at: number, names: string[], file: string): string {
  const list = names.join(', ');
  if (at === 0 && !parametersCellOf(nb)) {
    return `paperlab: ${file} has no cell tagged \`parameters\`: ${list} injected at the top (cell 0), before every cell; tag the cell of defaults \`parameters\` to inject after it`;
  }
  return `paperlab: ${list} injected as cell ${at}, after the parameters cell (cell ${at - 1})`;
}

/**
 * Runs every code cell of a notebook in order on a fresh kernel and writes the executed copy
 * (atomically, after every cell, also when a cell fails) to the output folder. Stops at the first
 * failed cell. Returns what happened; never throws for a failing cell, only for bad input.
 */
export async function executeNotebook(options: ExecuteNotebookOptions): Promise<ExecutionResult> {
  const log = options.log ?? (() => undefined);
  const startedAt = new Date();
  const deadline = options.timeoutMs === undefined ? Infinity : startedAt.getTime() + options.timeoutMs;
  const nb = readNotebook(options.input);
  nb.cells = nb.cells.filter((c) => !tagsOf(c).includes(ERROR_MARKER_TAG)); // an earlier run's marker
  const parameters = options.parameters ?? {};
  checkParameters(nb, parameters, { undeclaredOk: options.undeclaredParameters, labels: options.parameterLabels });
  const injectedAt = injectParameters(nb, parameters);
  if (injectedAt >= 0) log(injectionLine(nb, injectedAt, Object.keys(parameters), basename(options.input)));
  const outputDir = options.outputDir ?? newRunDir(dirname(options.input), startedAt, basename(options.input, '.ipynb'));
  mkdirSync(outputDir, { recursive: true }); // newRunDir already made its folder; a given --out may not exist
  writeRunOwner(outputDir); // first: a run killed from here on is still recognised as interrupted
  const notebookPath = join(outputDir, basename(options.input));
  const codeCells = nb.cells.map((c, i) => ({ c, i })).filter(({ c }) => c.cell_type === 'code');
  codeCells.forEach(({ c }) => {
    c.outputs = [];
    c.execution_count = null;
    setRunInfo(c, { status: 'pending' });
  });
  const save = () => writeNotebook(notebookPath, nb);
  save();

  const kernelName = options.kernelName ?? kernelNameOf(nb);
  log(`paperlab: executing ${relative(PROJECT_ROOT, resolve(options.input))} on kernel "${kernelName}" (${codeCells.length} code cells)`);
  const spec = findKernelSpec(kernelName); // a wrong name is bad input: it throws
  const kernelOrError = await Kernel.start({
    spec,
    env: { ...options.env, PAPERLAB_RUN_DIR: resolve(outputDir) },
    startBudgetMs: deadline - Date.now(),
    log: options.warn ?? log,
  }).catch((err: unknown) => {
    if (err instanceof KernelStartError) return err;
    throw err;
  });
  let failure: CellFailure | undefined;
  let memory: ReplayMemory | undefined; // none when no kernel started
  if (kernelOrError instanceof KernelStartError) {
    // Reported like a failed cell, so that a paper run logs it and goes on with its other seeds.
    const first = codeCells[0];
    const stopped = interruption();
    failure = stopped
      ? { cell: first?.i ?? 0, cellId: String(first?.c.id ?? ''), status: 'interrupted', source: '', detail: `${stopped} before the first cell ran`, errorText: '' }
      : { cell: first?.i ?? 0, cellId: String(first?.c.id ?? ''), status: 'kernel-start', source: '', detail: `the kernel did not start: ${kernelOrError.reason}`, errorText: kernelOrError.kernelLog.trim() };
  } else {
    const kernel = kernelOrError;
    const watch = new ReplayWatch(kernel, options.limits);
    try {
      for (const [n, { c, i }] of codeCells.entries()) {
        const stopped = interruption();
        if (stopped) {
          failure = { cell: i, cellId: String(c.id ?? ''), status: 'interrupted', source: sourceOf(c), detail: `${stopped} before this cell ran`, errorText: '' };
          break;
        }
        const remaining = deadline - Date.now();
        const cellLimit = options.cellTimeoutMs ?? 600_000;
        const useWhole = remaining < cellLimit;
        const started = new Date();
        c.execution_count = n + 1;
        setRunInfo(c, { status: 'running', start_time: started.toISOString() });
        save();
        watch.cellStarted();
        options.onCell?.({ n: n + 1, of: codeCells.length, cell: i });
        const outcome: CellOutcome = watch.cellEnded(await kernel.execute(sourceOf(c), {
          timeoutMs: Math.max(0, useWhole ? remaining : cellLimit),
          timeoutLabel: useWhole ? `notebook timeout ${(options.timeoutMs ?? 0) / 1000} s` : `cell timeout ${cellLimit / 1000} s`,
          onOutput: (outputs) => {
            c.outputs = [...outputs];
          },
        }));
        c.outputs = outcome.outputs;
        const ended = new Date();
        setRunInfo(c, { status: outcome.status, start_time: started.toISOString(), end_time: ended.toISOString(), duration_s: outcome.durationMs / 1000, detail: outcome.detail });
        save();
        log(`  [${n + 1}/${codeCells.length}] cell ${i} ${outcome.status.padEnd(7)} ${(outcome.durationMs / 1000).toFixed(2)} s${outcome.detail ? `  (${outcome.detail})` : ''}`);
        if (outcome.status !== 'ok') {
          failure = describeFailure(i, String(c.id ?? ''), sourceOf(c), outcome, kernel);
          break;
        }
      }
    } finally {
      watch.dispose();
      memory = watch.usage();
      await kernel.shutdown();
    }
  }
  codeCells.filter(({ c }) => runInfo(c).status === 'pending').forEach(({ c }) => setRunInfo(c, { status: 'skipped' }));
  const result: ExecutionResult = {
    ok: !failure,
    input: options.input,
    notebookPath,
    outputDir,
    startedAt: startedAt.toISOString(),
    endedAt: new Date().toISOString(),
    parameters,
    failure,
    ...(failure?.status === 'interrupted' ? { interrupted: interruption() } : {}),
    records: collectRecords(nb),
    cells: codeCells.map(({ c, i }) => ({ cell: i, cellId: String(c.id ?? ''), ...runInfo(c) })),
    ...(memory ? { memory } : {}),
  };
  if (failure) {
    markFailure(nb, failure); // after collecting, so cell indices above refer to the notebook as run
    save();
    log(formatFailure(failure));
  }
  return result;
}

function kernelNameOf(nb: Notebook): string {
  const spec = nb.metadata?.kernelspec as { name?: string } | undefined;
  return spec?.name ?? 'paperlab';
}

function runInfo(cell: Notebook['cells'][number]): CellRunInfo {
  return (cell.metadata as { paperlab?: CellRunInfo }).paperlab ?? { status: 'pending' };
}

function setRunInfo(cell: Notebook['cells'][number], info: CellRunInfo): void {
  const clean = Object.fromEntries(Object.entries(info).filter(([, v]) => v !== undefined));
  (cell.metadata as { paperlab?: CellRunInfo }).paperlab = clean as unknown as CellRunInfo;
}

function describeFailure(cell: number, cellId: string, source: string, outcome: CellOutcome, kernel: Kernel): CellFailure {
  const what: Record<Exclude<CellStatus, 'ok'>, string> = {
    error: 'the cell raised an error',
    aborted: 'the kernel aborted the cell',
    timeout: 'the cell ran out of time',
    dead: 'the kernel died while running the cell',
    lost: 'output of the cell was lost between the kernel and the runner',
    interrupted: 'a signal to the runner stopped the cell',
    'over-budget': 'the replay went over a declared budget limit',
  };
  const status = outcome.status;
  let errorText = outcome.errorText ?? '';
  if (status === 'dead' && kernel.logTail().trim()) errorText += `\n--- kernel log ---\n${kernel.logTail().trim()}`;
  return { cell, cellId, status, source, detail: outcome.detail ?? what[status as Exclude<CellStatus, 'ok'>], errorText: errorText.trim() };
}

const ERROR_MARKER_TAG = 'paperlab-error';

/** papermill-style: a visible marker above the failed cell, so the saved notebook says where it broke. */
function markFailure(nb: Notebook, failure: CellFailure): void {
  const text = failure.status === 'kernel-start'
    ? `<span style="color:red;font-weight:bold">paperlab: no cell ran: ${escapeHtml(failure.detail)}</span>`
    : `<span style="color:red;font-weight:bold">paperlab: execution failed at the next cell (cell ${failure.cell}, ${failure.status}): ${escapeHtml(failure.detail)}</span>`;
  nb.cells.splice(failure.cell, 0, { cell_type: 'markdown', id: 'paperlab-error-marker', metadata: { tags: [ERROR_MARKER_TAG] }, source: text });
}

/** The failing cell's source and its real error text, for the terminal. */
export function formatFailure(f: CellFailure): string {
  if (f.status === 'kernel-start') return [`paperlab: no cell ran: ${f.detail}`, '--- kernel log ---', f.errorText || '(the kernel printed nothing)'].join('\n');
  const src = f.source.split('\n').map((l, k) => `  ${String(k + 1).padStart(3)} | ${l}`).join('\n');
  return [`paperlab: cell ${f.cell} (id ${f.cellId}) ${f.status}: ${f.detail}`, src, '--- error ---', f.errorText || '(the kernel sent no error text)'].join('\n');
}
