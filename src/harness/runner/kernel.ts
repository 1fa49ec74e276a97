import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Dealer, Subscriber } from 'zeromq';
import { PaperlabError } from '../../library/errors/index';
import { loopbackProblem, writeConnectionFile, type ConnectionInfo } from './connection';
import { findKernelSpec, jupyterPath, kernelCommand, PROJECT_ROOT, type KernelSpec } from './kernelspec';
import { OutputCollector, type Output } from './outputs';
import { WireCodec, type JupyterMessage } from './wire';
import { interruption, trackKernel } from './interrupt';

/**
 * How a cell ended. `timeout` and `dead` leave the kernel unusable: the run stops there. `lost`:
 * the kernel said it sent more output for the cell than arrived (see tslab-patches.js).
 * `interrupted`: a signal to the runner stopped the kernel (src/harness/runner/interrupt.ts).
 * `over-budget`: the runner held the replay to a declared limit (memory-watch.ts) and stopped it.
 */
export type CellStatus = 'ok' | 'error' | 'aborted' | 'timeout' | 'dead' | 'lost' | 'interrupted' | 'over-budget';

export interface CellOutcome {
  status: CellStatus;
  outputs: Output[];
  durationMs: number;
  /** For a failed cell: what the cell printed to stderr (tslab sends its errors there, never as `error`). */
  errorText?: string;
  /** One sentence for the log: why the cell did not finish normally. */
  detail?: string;
}

export interface KernelOptions {
  spec?: KernelSpec;
  /** Extra environment for the kernel process. */
  env?: Record<string, string>;
  /** How long one start attempt may take to answer kernel_info (ms). Default 30 000. */
  startTimeoutMs?: number;
  /** Start attempts, each on fresh ports, before giving up. Default 3. */
  startAttempts?: number;
  /** All attempts together may take at most this long (ms), e.g. what is left of a notebook's limit. */
  startBudgetMs?: number;
  /** Told about each failed attempt that is retried. */
  log?: (line: string) => void;
}

/**
 * A kernel that could not be started: why (one sentence per attempt), and the last attempt's own
 * output. `code` is `kernel-start`.
 */
export class KernelStartError extends PaperlabError {
  constructor(readonly reason: string, readonly kernelLog: string, where: string) {
    super('kernel-start', `${where}: ${reason}${kernelLog.trim() ? `\n--- kernel log ---\n${kernelLog.trim()}` : ''}`, { where, expected: 'a kernel that answers kernel_info', received: reason });
  }
}

const START_ATTEMPTS = 3;
const START_TIMEOUT_MS = 30_000;
/**
 * What a kernel prints when it cannot bind its sockets. The preload exits then; a bare tslab stays
 * up without answering. EBUSY: a bare tslab using iopub during its bind (tslab-patches.js says why).
 */
const BIND_FAILURE = /EBUSY|Socket is blocked by a bind or unbind operation|EADDRINUSE|Address already in use/;

export interface ExecuteOptions {
  /** Interrupt the cell after this long (ms); then kill the kernel if it does not stop. */
  timeoutMs?: number;
  /** Why the timeout fires, for the report (e.g. "cell timeout 30 s"). */
  timeoutLabel?: string;
  /** Called with every change to the cell's outputs, e.g. to save the notebook as it runs. */
  onOutput?: (outputs: readonly Output[]) => void;
}

/** How long an interrupted cell gets to stop before the kernel's process group is killed (ms). */
const INTERRUPT_GRACE_MS = 2_000;
/**
 * tslab's reply can beat the last iopub output: after the reply, wait for `idle` until iopub has
 * been silent this long (ms); a burst of queued output keeps the wait going.
 */
const IDLE_AFTER_REPLY_MS = 2_000;
const KERNEL_LOG_TAIL = 16_384;

interface Pending {
  msgId: string;
  collector: OutputCollector;
  reply?: string;
  idle: boolean;
  /** iopub messages received for the cell, status messages aside. */
  received: number;
  /** What the kernel's execute_reply says it sent (the launcher's preload counts); unknown for other kernels. */
  sent?: number;
  /** Runs from the reply until iopub is quiet; re-armed by every message that arrives meanwhile. */
  quietTimer?: NodeJS.Timeout;
  /** Set when the cell ran out of time: however it ends now, it ends as a timeout. */
  timedOut?: string;
  finish: (status: CellStatus, detail?: string) => void;
}

/**
 * A running Jupyter kernel that this process started and owns: its process group, its zmq
 * sockets, one cell at a time. Owning the process is what lets us see a crash at once (exit
 * event) and kill a cell that ignores interrupts.
 */
export class Kernel {
  private pending: Pending | null = null;
  private exitInfo: string | null = null;
  private log = '';
  private readonly readyWaiters = new Set<string>();
  private iopubSeen = false;
  /** Ends this kernel's registration with the signal handler (src/harness/runner/interrupt.ts). */
  private untrack: () => void = () => undefined;
  /** The process has exited and its output streams are closed. */
  private closed = false;

  private constructor(
    readonly spec: KernelSpec,
    private readonly proc: ChildProcess,
    private readonly codec: WireCodec,
    private readonly shell: Dealer,
    private readonly iopub: Subscriber,
    private readonly runtimeDir: string,
  ) {}

  /**
   * Starts the kernel from its spec and waits until it answers on shell and iopub. A start that
   * fails (the process exits, prints that it could not bind its sockets, e.g. a port another process
   * took since they were chosen, or sends no kernel_info reply within `startTimeoutMs`) is
   * killed and tried again on fresh ports, up to `startAttempts` times. Loopback that does not
   * carry TCP is named as such. Throws `KernelStartError`.
   */
  static async start(options: KernelOptions = {}): Promise<Kernel> {
    const spec = options.spec ?? findKernelSpec();
    const where = `kernel "${spec.name}" (${spec.resourceDir})`;
    const attempts = Math.max(1, options.startAttempts ?? START_ATTEMPTS);
    const perAttemptMs = options.startTimeoutMs ?? START_TIMEOUT_MS;
    const deadline = Date.now() + (options.startBudgetMs ?? Infinity);
    const loopback = await loopbackProblem();
    if (loopback) throw loopbackError(where, loopback);
    const failed: string[] = [];
    let lastLog = '';
    let tried = 0;
    for (let n = 1; n <= attempts; n++) {
      const limitMs = Math.min(perAttemptMs, deadline - Date.now());
      if (limitMs <= 0) {
        failed.push(`no time left for attempt ${n} (the run's limit)`);
        break;
      }
      tried = n;
      const kernel = await Kernel.launch(spec, options);
      const why = await kernel.waitReady(limitMs);
      if (why === undefined) return kernel;
      await kernel.discard();
      const stopped = interruption(); // a signal killed it: no retry
      if (stopped) throw new KernelStartError(`${stopped} while the kernel started`, kernel.log, where);
      lastLog = kernel.log; // after discard: what the process wrote just before it exited is in
      failed.push(`attempt ${n}: ${why}`);
      if (n < attempts) options.log?.(`paperlab: ${where}: start attempt ${n} of ${attempts} failed (${why}); starting it again on fresh ports`);
    }
    const problem = await loopbackProblem();
    if (problem) throw loopbackError(where, problem);
    throw new KernelStartError(`${tried} start attempt${tried === 1 ? '' : 's'} failed: ${failed.join('; ')}`, lastLog, where);
  }

  /** One start attempt: fresh ports and key, the kernel's process, our sockets connected. */
  private static async launch(spec: KernelSpec, options: KernelOptions): Promise<Kernel> {
    const runtimeDir = mkdtempSync(join(tmpdir(), 'paperlab-kernel-'));
    const connectionFile = join(runtimeDir, 'connection.json');
    const info = await writeConnectionFile(connectionFile, spec.name);
    const [cmd, ...args] = kernelCommand(spec, connectionFile);
    // detached: the kernel leads its own process group, so a kill reaches whatever it spawned.
    const proc = spawn(cmd!, args, {
      cwd: PROJECT_ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      // PAPERLAB_RUNNER_PID: the kernel's preload exits once this process is gone (tslab-patches.js).
      env: { ...process.env, ...spec.env, ...options.env, JUPYTER_PATH: jupyterPath(), PAPERLAB_RUNNER_PID: String(process.pid) },
    });
    const kernel = new Kernel(spec, proc, new WireCodec(info.key), new Dealer({ linger: 0 }), new Subscriber({ linger: 0, receiveHighWaterMark: 0 }), runtimeDir);
    kernel.attach(info);
    kernel.untrack = trackKernel(kernel);
    return kernel;
  }

  /** Gets rid of a kernel that never started: its process group, sockets and files. */
  private async discard(): Promise<void> {
    this.untrack();
    // 'close': the process has exited and its stdout/stderr are read to the end.
    const closed = new Promise<void>((r) => (this.closed ? r() : this.proc.once('close', () => r())));
    this.kill();
    await Promise.race([closed, sleep(2_000)]);
    this.shell.close();
    this.iopub.close();
    rmSync(this.runtimeDir, { recursive: true, force: true });
  }

  /** The kernel process id (also its process group id). */
  get pid(): number {
    return this.proc.pid ?? -1;
  }

  /** Null while the kernel runs; otherwise how it ended ("exit code 3", "signal SIGKILL"). */
  get exited(): string | null {
    return this.exitInfo;
  }

  /** The last lines the kernel process itself wrote to stdout/stderr (not cell output). */
  logTail(): string {
    return this.log;
  }

  private attach(info: ConnectionInfo): void {
    const append = (chunk: Buffer) => {
      this.log = (this.log + chunk.toString()).slice(-KERNEL_LOG_TAIL);
    };
    this.proc.stdout?.on('data', append);
    this.proc.stderr?.on('data', append);
    this.proc.once('close', () => (this.closed = true));
    this.proc.on('exit', (code, signal) => {
      this.exitInfo = signal ? `signal ${signal}` : `exit code ${code}`;
      const why = interruption();
      if (why) this.pending?.finish('interrupted', `${why}: the kernel was stopped (${this.exitInfo})`);
      else this.pending?.finish('dead', `kernel died (${this.exitInfo})`);
    });
    // The command could not be run at all (ENOENT, EACCES): there will be no exit event.
    this.proc.on('error', (err) => {
      this.exitInfo ??= `could not be run: ${err.message}`;
      this.pending?.finish('dead', `kernel died (${this.exitInfo})`);
    });
    this.shell.connect(`tcp://${info.ip}:${info.shell_port}`);
    this.iopub.connect(`tcp://${info.ip}:${info.iopub_port}`);
    this.iopub.subscribe();
    void this.pump(this.shell, (m) => this.onShell(m));
    void this.pump(this.iopub, (m) => this.onIopub(m));
  }

  private async pump(socket: Dealer | Subscriber, handle: (m: JupyterMessage) => void): Promise<void> {
    try {
      for await (const frames of socket) {
        try {
          handle(this.codec.decode(frames));
        } catch (err) {
          this.log += `\n[paperlab] dropped a kernel message: ${(err as Error).message}`;
        }
      }
    } catch {
      // The socket was closed: the kernel is shutting down.
    }
  }

  /** Waits until the kernel answers on shell and iopub: undefined then, else why it did not. */
  private async waitReady(timeoutMs: number): Promise<string | undefined> {
    const deadline = Date.now() + timeoutMs;
    let sending = false;
    let lastSent = 0;
    // Ask until the kernel answers on iopub too: a SUB socket misses what was sent before it joined.
    const bindFailure = () => this.log.split('\n').find((line) => BIND_FAILURE.test(line));
    while (!this.iopubSeen) {
      if (this.exitInfo) {
        // The preload exits on a failed bind: say so, from its last words (read to the end first).
        if (!this.closed) await Promise.race([new Promise((r) => this.proc.once('close', r)), sleep(1_000)]);
        const bind = bindFailure();
        return bind ? `the kernel could not bind its sockets: ${bind.trim().slice(0, 200)}` : `the kernel exited during start-up (${this.exitInfo})`;
      }
      const bind = bindFailure();
      if (bind) return `the kernel could not bind its sockets: ${bind.trim().slice(0, 200)}`;
      if (Date.now() > deadline) return `no kernel_info reply within ${timeoutMs / 1000} s`;
      if (!sending && Date.now() - lastSent >= 250) {
        lastSent = Date.now();
        // One send at a time: a zmq socket refuses a second while the first is queued.
        sending = true;
        const req = this.codec.request('kernel_info_request', {});
        this.readyWaiters.add(req.header.msg_id);
        this.shell.send(this.codec.encode(req)).catch(() => undefined).finally(() => (sending = false));
      }
      await sleep(100);
    }
    return undefined;
  }

  private onShell(msg: JupyterMessage): void {
    const p = this.pending;
    if (msg.header.msg_type !== 'execute_reply' || !p || msg.parent_header.msg_id !== p.msgId) return;
    p.reply = String(msg.content.status);
    const sent = msg.metadata.paperlab_iopub_sent;
    if (typeof sent === 'number') p.sent = sent;
    if (p.idle) this.settle(p);
    else this.awaitQuiet(p);
  }

  /** After the reply: settle once iopub has been quiet for IDLE_AFTER_REPLY_MS (unless idle comes first). */
  private awaitQuiet(p: Pending): void {
    if (p.quietTimer) clearTimeout(p.quietTimer);
    p.quietTimer = setTimeout(() => this.settle(p), IDLE_AFTER_REPLY_MS);
    p.quietTimer.unref();
  }

  private onIopub(msg: JupyterMessage): void {
    const parent = msg.parent_header.msg_id ?? '';
    if (this.readyWaiters.has(parent)) this.iopubSeen = true;
    const p = this.pending;
    if (!p || parent !== p.msgId) return;
    if (msg.header.msg_type === 'status') {
      if (msg.content.execution_state === 'idle') {
        p.idle = true;
        if (p.reply) this.settle(p);
      }
      return;
    }
    p.received++;
    if (p.reply && !p.idle) this.awaitQuiet(p);
    if (p.collector.handle(msg.header.msg_type, msg.content)) this.notify?.(p.collector.outputs);
  }

  private notify: ((outputs: readonly Output[]) => void) | undefined;

  private settle(p: Pending): void {
    if (p.timedOut) return p.finish('timeout', p.timedOut);
    if (p.sent !== undefined && p.sent !== p.received) {
      return p.finish('lost', `the kernel sent ${p.sent} output message(s) for this cell but ${p.received} arrived: output and records were lost on the way, so the run cannot be trusted`);
    }
    const status: CellStatus = p.reply === 'ok' ? 'ok' : p.reply === 'abort' || p.reply === 'aborted' ? 'aborted' : 'error';
    p.finish(status);
  }

  /** Runs one cell's code and resolves when the kernel is idle again (or dead, or timed out). */
  execute(code: string, options: ExecuteOptions = {}): Promise<CellOutcome> {
    if (this.pending) throw new Error('Kernel.execute: a cell is already running');
    if (this.exitInfo) {
      return Promise.resolve({ status: 'dead', outputs: [], durationMs: 0, detail: `kernel is not running (${this.exitInfo})` });
    }
    const req = this.codec.request('execute_request', {
      code,
      silent: false,
      store_history: true,
      user_expressions: {},
      allow_stdin: false,
      stop_on_error: true,
    });
    const started = Date.now();
    return new Promise<CellOutcome>((resolve) => {
      const timers: NodeJS.Timeout[] = [];
      const p: Pending = {
        msgId: req.header.msg_id,
        collector: new OutputCollector(),
        idle: false,
        received: 0,
        finish: (status, detail) => {
          if (this.pending !== p) return;
          this.pending = null;
          this.notify = undefined;
          timers.forEach(clearTimeout);
          if (p.quietTimer) clearTimeout(p.quietTimer);
          const stderr = p.collector.text('stderr');
          resolve({
            status,
            outputs: p.collector.outputs,
            durationMs: Date.now() - started,
            errorText: status === 'ok' ? undefined : stderr || undefined,
            detail,
          });
        },
      };
      this.pending = p;
      this.notify = options.onOutput;
      if (options.timeoutMs !== undefined) {
        timers.push(setTimeout(() => this.onTimeout(p, options, timers), options.timeoutMs));
      }
      this.shell.send(this.codec.encode(req)).catch((err: Error) => p.finish('dead', `could not send the cell: ${err.message}`));
    });
  }

  private onTimeout(p: Pending, options: ExecuteOptions, timers: NodeJS.Timeout[]): void {
    const seconds = ((options.timeoutMs ?? 0) / 1000).toFixed(1);
    const label = options.timeoutLabel ?? 'timeout';
    // A reply after the interrupt means the cell stopped; either way the run ends with a timeout.
    p.timedOut = `${label}: interrupted after ${seconds} s`;
    this.interrupt();
    timers.push(
      setTimeout(() => {
        this.kill();
        p.finish('timeout', `${label}: still running ${seconds} s + ${INTERRUPT_GRACE_MS / 1000} s after an interrupt; kernel process group killed`);
      }, INTERRUPT_GRACE_MS),
    );
  }

  /** Sends SIGINT, as Jupyter does for kernels with interrupt_mode "signal" (tslab's). */
  interrupt(): void {
    if (!this.exitInfo && this.proc.pid) process.kill(this.proc.pid, 'SIGINT');
  }

  /**
   * Kills the kernel's whole process group at once, also after its leader exited: what the kernel
   * spawned (a launcher's background job, a worker) is still in the group and would live on.
   */
  kill(): void {
    if (!this.proc.pid) return;
    try {
      process.kill(-this.proc.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }

  /** Asks the kernel to shut down, kills its group if it lingers, and frees sockets and files. */
  async shutdown(): Promise<void> {
    this.untrack();
    // The connection key first: the running kernel read it at launch and needs it no more, and a
    // kernel that exits on the request takes its runner-watch with it, so a runner killed between
    // that exit and the end of this method would leave the folder behind (the signal soak found it).
    rmSync(this.runtimeDir, { recursive: true, force: true });
    if (!this.exitInfo) {
      const exited = new Promise<void>((r) => this.proc.once('exit', () => r()));
      // Bounded: a send zeromq cannot queue (a kernel gone since the check) would wait forever.
      const sent = this.shell.send(this.codec.encode(this.codec.request('shutdown_request', { restart: false }))).catch(() => undefined);
      await Promise.race([sent, exited, sleep(2_000)]);
      await Promise.race([exited, sleep(2_000)]);
      this.kill();
      await Promise.race([exited, sleep(2_000)]);
    }
    this.kill(); // the group's other members, if the kernel left any when it exited
    this.shell.close();
    this.iopub.close();
  }
}

function loopbackError(where: string, problem: string): KernelStartError {
  return new KernelStartError(
    `loopback 127.0.0.1 is unusable (${problem}): the kernel is reached over TCP on 127.0.0.1; bring the loopback interface up (\`ip link set lo up\`), or run outside a network namespace that has none`,
    '',
    where,
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
