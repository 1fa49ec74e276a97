import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../../src/harness/runner/index';

// Real processes for the signal tests: the CLI as a user starts it, and the kernels it starts,
// found by the run folder the runner hands them (PAPERLAB_RUN_DIR in their environment).

/** A kernel process seen in /proc: its pid and the runner's temp folder named in its command line. */
export interface SeenKernel {
  pid: number;
  runtimeDir?: string;
}

/** Kernels whose PAPERLAB_RUN_DIR lies under `prefix` (the trial's own folder), from /proc. */
export function kernelsUnder(prefix: string): SeenKernel[] {
  const out: SeenKernel[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const env = readFileSync(join('/proc', entry, 'environ'), 'utf8').split('\0');
      const runDir = env.find((v) => v.startsWith('PAPERLAB_RUN_DIR='))?.slice('PAPERLAB_RUN_DIR='.length);
      if (!runDir?.startsWith(prefix)) continue;
      const cmd = readFileSync(join('/proc', entry, 'cmdline'), 'utf8').split('\0');
      const config = cmd[cmd.indexOf('--config-path') + 1];
      out.push({ pid: Number(entry), runtimeDir: config?.match(/^(.*\/paperlab-kernel-[^/]+)\//)?.[1] });
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return out;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts `paperlab <args>` (node + tsx, the CLI's own entry) in the repository, output collected. */
export function startCli(args: string[]): { child: ChildProcess; output: () => string; exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/cli/main.ts'), ...args], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (b: Buffer) => (text += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (text += b.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, output: () => text, exit };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Waits until `check` holds, polling every 100 ms, for at most `ms`; returns whether it held. */
export async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await sleep(100);
  }
  return check();
}
