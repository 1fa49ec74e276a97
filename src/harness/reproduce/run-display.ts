import * as cliProgress from 'cli-progress';

/** Where a run shows its replays: one live line per running replay on a terminal, finished lines always. */
export interface RunDisplay {
  started(label: string, kind: string): void;
  /** A code cell of `label` started: the `n`th of `of` (cell `cell` of the notebook). */
  cell(label: string, progress: { n: number; of: number; cell: number }): void;
  /**
   * `label` ended: prints `line`. A successful replay's wall and cell seconds estimate the time left
   * of later replays of the same kind (`timing` omitted for a failed one).
   */
  finished(label: string, line: string, timing?: ReplayTiming): void;
  /** Any other line of the run's log. */
  log(line: string): void;
  close(): void;
}

/** Width of a replay's label in the run's lines (`seed-0`, `ablation-…-seed-1`), live or finished. */
export const LABEL_WIDTH = 28;
const padded = (label: string) => label.padEnd(LABEL_WIDTH);

/** How long a finished replay took: in all (kernel start included) and per code cell. */
export interface ReplayTiming {
  wallSeconds: number;
  cellSeconds: readonly number[];
}

interface Running {
  kind: string;
  startedAt: number;
  cellStartedAt: number;
  /** 0 until the first cell starts (the kernel is starting). */
  n: number;
  of: number;
  cell: number;
  bar?: cliProgress.SingleBar;
}

/**
 * The run's display. On a TTY stderr a cli-progress bar per running replay (task, current cell,
 * elapsed, ETA) under a line for the whole run; the ETA comes from the cell times of the last
 * finished replay of the same kind (main seeds, or one ablation point), so it says "?" until one
 * finished. Without a TTY (CI, pipes, tests) only the finished lines, through `log`.
 */
export function runDisplay(total: number, jobs: number, log: (line: string) => void, stream: NodeJS.WriteStream = process.stderr): RunDisplay {
  const running = new Map<string, Running>();
  const reference = new Map<string, ReplayTiming>();
  let done = 0;
  const multi = stream.isTTY === true
    ? new cliProgress.MultiBar({ format: '{label} {bar} {status}', stream, hideCursor: true, clearOnComplete: true, barsize: 20, autopadding: true }, cliProgress.Presets.shades_classic)
    : undefined;
  const header = multi?.create(total, 0, { label: padded('run'), status: '' });
  // Lines printed while bars are drawn go above them; stdout redirected elsewhere keeps them plain.
  const print = (line: string) => (multi && process.stdout.isTTY ? multi.log(`${line}\n`) : log(line));

  const etaOf = (task: Running, now: number): number | undefined => {
    const ref = reference.get(task.kind) ?? [...reference.values()].at(-1);
    if (!ref) return undefined;
    if (task.n === 0 || ref.cellSeconds.length !== task.of) return Math.max(0, ref.wallSeconds - (now - task.startedAt) / 1000);
    const inCell = (now - task.cellStartedAt) / 1000;
    return Math.max(0, (ref.cellSeconds[task.n - 1] ?? 0) - inCell) + ref.cellSeconds.slice(task.n).reduce((a, b) => a + b, 0);
  };
  const redraw = () => {
    if (!multi) return;
    const now = Date.now();
    const etas: number[] = [];
    for (const [label, task] of running) {
      const eta = etaOf(task, now);
      if (eta !== undefined) etas.push(eta);
      const where = task.n === 0 ? 'starting the kernel' : `cell ${task.cell} (${task.n}/${task.of})`;
      task.bar?.update(Math.max(0, task.n - 1), {
        label: padded(label),
        status: `${where} · ${clock((now - task.startedAt) / 1000)} · ETA ${eta === undefined ? '?' : clock(eta)}`,
      });
    }
    const waiting = total - done - running.size;
    const perTask = [...reference.values()].map((ref) => ref.wallSeconds);
    const runEta = etas.length === running.size && perTask.length > 0
      ? (waiting * (perTask.reduce((a, b) => a + b, 0) / perTask.length) + etas.reduce((a, b) => a + b, 0)) / Math.max(1, jobs)
      : undefined;
    header?.update(done, { label: padded('run'), status: `${done}/${total} replays done, ${running.size} running, ${waiting} waiting · ETA ${runEta === undefined ? '?' : clock(runEta)}` });
  };
  const timer = multi ? setInterval(redraw, 1000) : undefined;
  timer?.unref();

  return {
    started(label, kind) {
      const now = Date.now();
      running.set(label, { kind, startedAt: now, cellStartedAt: now, n: 0, of: 1, cell: 0, bar: multi?.create(1, 0, { label: padded(label), status: 'starting the kernel' }) });
      redraw();
    },
    cell(label, progress) {
      const task = running.get(label);
      if (!task) return;
      Object.assign(task, { ...progress, cellStartedAt: Date.now() });
      task.bar?.setTotal(progress.of);
      redraw();
    },
    finished(label, line, timing) {
      const task = running.get(label);
      if (task?.bar) multi?.remove(task.bar);
      if (task && timing) reference.set(task.kind, timing);
      running.delete(label);
      done += 1;
      print(line);
      redraw();
    },
    log: print,
    close() {
      if (timer) clearInterval(timer);
      multi?.stop();
    },
  };
}

function clock(seconds: number): string {
  const s = Math.round(seconds);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}
