// tfjs-backend-wasm's Emscripten glue adds process-wide `uncaughtException` and `unhandledRejection`
// listeners that rethrow (`function(reason){throw reason}`) when the backend initialises. Measured in a
// tslab kernel: after that, one unhandled rejection in any cell kills the kernel (nbconvert:
// DeadKernelError), where without them tslab prints the error and carries on. In a plain Node process
// they only replace Node's own crash report with a screen of minified source. They serve Emscripten's
// exit() emulation, which TF.js never uses, so paperlab removes the ones added while a backend starts.

const EVENTS = ['uncaughtException', 'unhandledRejection'] as const;

type Listener = (...args: unknown[]) => void;

/**
 * Runs `start` (a backend initialisation) and then removes the rethrowing process listeners it
 * added. Only listeners that are new *and* look like Emscripten's are removed. Returns how many.
 */
export async function withoutRethrowingHandlers<T>(start: () => Promise<T>): Promise<{ result: T; removed: number }> {
  const before = new Map(EVENTS.map((e) => [e, new Set(process.listeners(e as 'uncaughtException') as Listener[])]));
  const result = await start();
  let removed = 0;
  for (const event of EVENTS) {
    for (const listener of process.listeners(event as 'uncaughtException') as Listener[]) {
      if (before.get(event)?.has(listener) || !isEmscriptenRethrow(listener)) continue;
      process.removeListener(event, listener);
      removed++;
    }
  }
  return { result, removed };
}

// Matches the two listeners of Emscripten's Node glue (tfjs-backend-wasm 4.22, wasm-out/*.js).
function isEmscriptenRethrow(listener: Listener): boolean {
  const source = Function.prototype.toString.call(listener).replace(/\s+/g, ' ');
  return /^function ?\((\w+)\) ?\{ ?throw \1;? ?\}$/.test(source) || /instanceof ExitStatus\)\) ?\{ ?throw/.test(source);
}
