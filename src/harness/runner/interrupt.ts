// Ctrl-C, SIGTERM, SIGHUP of a run: stop every kernel this process started, let the run write what
// it made (executed notebook, results.json and summary.json, marked interrupted), then exit with
// 128 + the signal's number. A second signal exits at once. A kill -9 cannot be caught: the kernel
// then exits by itself (its preload watches its parent) and readers judge the run by its owner file.

/** What the runner can stop: a kernel it started (Kernel.kill kills its whole process group). */
export interface Stoppable {
  kill(): void;
}

const live = new Set<Stoppable>();
let reason: string | undefined;
let exitCode: number | undefined;

/** Registers a running kernel until its shutdown; returns the function that unregisters it. */
export function trackKernel(kernel: Stoppable): () => void {
  live.add(kernel);
  if (reason) kernel.kill(); // started while the run was being interrupted
  return () => live.delete(kernel);
}

/** Why the run is being interrupted (`interrupted by SIGINT`), or undefined while it is not. */
export function interruption(): string | undefined {
  return reason;
}

/** The exit status a signal asked for (130 for SIGINT), once one arrived; what the CLI exits with. */
export function interruptionExitCode(): number | undefined {
  return exitCode;
}

/** Marks the run interrupted and kills every tracked kernel; the run's own code winds down from there. */
export function interruptRun(why: string): void {
  reason ??= why;
  for (const kernel of live) kernel.kill();
}

const SIGNAL_NUMBERS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
type HandledSignal = keyof typeof SIGNAL_NUMBERS;

/** The shell's exit status for a process ended by `signal`: 130 for SIGINT, 143 for SIGTERM. */
export function signalExitCode(signal: HandledSignal): number {
  return 128 + SIGNAL_NUMBERS[signal];
}

/** How long the run may take to write what it made after a signal before the process exits anyway (ms). */
const WIND_DOWN_MS = 15_000;

/**
 * Installs the CLI's handlers for SIGINT, SIGTERM and SIGHUP. The first signal interrupts the run
 * (kernels killed, results kept and marked) and sets the exit code; a second one exits at once.
 */
export function handleSignals(log: (line: string) => void = (line) => console.error(line)): void {
  for (const signal of Object.keys(SIGNAL_NUMBERS) as HandledSignal[]) {
    process.on(signal, () => {
      const code = signalExitCode(signal);
      if (reason) process.exit(code);
      log(`paperlab: ${signal}: stopping the kernel, keeping what was made (${signal} again to quit at once)`);
      interruptRun(`interrupted by ${signal}`);
      exitCode = code;
      setTimeout(() => process.exit(code), WIND_DOWN_MS).unref();
    });
  }
}
