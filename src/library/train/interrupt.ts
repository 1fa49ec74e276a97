/** Whether a stop was asked for, and a way to stop listening. */
export interface StopWatch {
  readonly requested: () => boolean;
  dispose(): void;
}

/**
 * Watches for a request to stop the run between two steps: `signal` aborted, or (when `onSigint`,
 * i.e. inside a tslab kernel) SIGINT. Why SIGINT: tslab's interrupt only rejects the promise the
 * cell awaits (tslab 1.0.22 dist/executor.js races it); the loop itself would keep training in the
 * background, changing the model under the next cell. Outside a kernel SIGINT is left alone, so
 * Ctrl-C still ends a script.
 */
export function watchStop(onSigint: boolean, signal?: AbortSignal): StopWatch {
  let sigint = false;
  const handler = (): void => {
    sigint = true;
  };
  if (onSigint) process.on('SIGINT', handler);
  return {
    requested: () => sigint || signal?.aborted === true,
    dispose: () => {
      if (onSigint) process.off('SIGINT', handler);
    },
  };
}
