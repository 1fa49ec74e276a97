import { availableParallelism, totalmem } from 'node:os';
import { invalid } from '../../library/errors/index';
import { nativeStatus, THREADS_ENV_VAR } from '../../library/native/index';

/** How many replays run at once and what each kernel is told. */
export interface PoolSize {
  /** Kernels at a time. */
  jobs: number;
  /** Native threads per kernel; null on the wasm/JS path (one thread each). */
  threads: number | null;
  /** Variables every kernel gets (PAPERLAB_THREADS when the pool chose a thread count). */
  env: Record<string, string>;
  /** One line saying how the pool was sized, for the run's log. */
  line: string;
}

export interface PoolSizeInput {
  /** Replays planned. */
  tasks: number;
  /** `--jobs N`; default: as many as the cores hold without oversubscribing. */
  requested?: number;
  /** config.yaml budget.maxPeakMemoryMB: kernels at once are also bounded by the machine's memory. */
  peakMemoryMB?: number;
  cores?: number;
  memoryMB?: number;
  /** Native threads a kernel would use: the compute path's own count; null on the wasm/JS path. */
  nativeThreads?: number | null;
}

/**
 * Sizes the kernel pool so the machine is never oversubscribed: cores divided by the threads each
 * replay uses. Native kernels use every core by default (PAPERLAB_THREADS), so by default they run
 * one at a time; `--jobs N` runs N at once with cores / N threads each, which changes the thread
 * count and so the last digits of native results (recorded per replay, and `paperlab check` says so).
 */
export function poolSize(input: PoolSizeInput): PoolSize {
  const cores = input.cores ?? availableParallelism();
  const threadsEach = input.nativeThreads === undefined ? defaultNativeThreads() : input.nativeThreads;
  const byMemory = input.peakMemoryMB ? Math.max(1, Math.floor((0.8 * (input.memoryMB ?? totalmem() / 2 ** 20)) / input.peakMemoryMB)) : Infinity;
  if (input.requested !== undefined && (!Number.isInteger(input.requested) || input.requested < 1)) {
    throw invalid('--jobs', 'a whole number >= 1', String(input.requested));
  }
  const tasks = Math.max(1, input.tasks);
  const asked = input.requested;
  const wanted = asked === undefined ? Math.max(1, Math.floor(cores / (threadsEach ?? 1))) : Math.min(asked, cores);
  const jobs = Math.max(1, Math.min(wanted, tasks, byMemory));
  // Only --jobs changes a native kernel's thread count (to share the cores); by default each keeps its own.
  const threads = asked !== undefined && threadsEach !== null ? Math.max(1, Math.floor(cores / jobs)) : threadsEach;
  const each = threads === null ? 'one wasm/JS thread each' : `${threads} native thread${threads === 1 ? '' : 's'} each`;
  const over = asked !== undefined && asked > cores ? `; ${asked} asked, capped at the ${cores} cores` : '';
  const memory = byMemory < wanted ? `, ${byMemory} by memory (${input.peakMemoryMB} MB peak each)` : '';
  const hint = asked === undefined && jobs === 1 && tasks > 1 && cores > 1 && threads !== null
    ? `; --jobs ${Math.min(cores, tasks)} runs ${Math.min(cores, tasks)} at once with fewer threads each` : '';
  const changed = threads !== null && threads !== threadsEach
    ? `: native results at ${threads} thread${threads === 1 ? '' : 's'} differ in the last digits from ${threadsEach}-thread ones` : '';
  return {
    jobs,
    threads,
    env: asked !== undefined && threads !== null ? { [THREADS_ENV_VAR]: String(threads) } : {},
    line: `paperlab: ${jobs} replay${jobs === 1 ? '' : 's'} at a time (${asked === undefined ? `${cores} cores` : '--jobs'}, ${each}${over}${memory})${hint}${changed}`,
  };
}

/** The native path's thread count a kernel started from here gets, or null when kernels run wasm/JS. */
function defaultNativeThreads(): number | null {
  const status = nativeStatus();
  return status.on ? status.threads : null;
}
