/**
 * Runs tasks at most `jobs` at a time, in plan order, and returns their results in plan order (so a
 * parallel run reads like the sequential one). Before each task starts, `mayStart` can refuse with a
 * reason (a signal, a spent budget): no task starts after that, the running ones finish, and the
 * reason is returned. A task that throws is the caller's bug, not a failed replay (those resolve
 * with their failure): the pool lets the running tasks finish, then rethrows it.
 */
export async function runPool<T, R>(
  tasks: readonly T[], jobs: number,
  run: (task: T, index: number) => Promise<R>,
  mayStart: () => string | undefined = () => undefined,
): Promise<{ results: Array<R | undefined>; stoppedBy?: string }> {
  const results: Array<R | undefined> = new Array<R | undefined>(tasks.length).fill(undefined);
  let next = 0;
  let stoppedBy: string | undefined;
  let thrown: { error: unknown } | undefined;
  const worker = async () => {
    while (next < tasks.length && !stoppedBy && !thrown) {
      const refusal = mayStart();
      if (refusal) {
        stoppedBy = refusal;
        return;
      }
      const index = next++;
      try {
        results[index] = await run(tasks[index] as T, index);
      } catch (error) {
        thrown ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, tasks.length)) }, worker));
  if (thrown) throw thrown.error;
  return { results, ...(stoppedBy ? { stoppedBy } : {}) };
}
