import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/harness/runner/index';

/** What `paperlab <args>` printed and how it exited; `out` is stdout then stderr. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  out: string;
}

/**
 * Runs the CLI as a user does (node + tsx on src/cli/main.ts, from the repository) and waits for it:
 * the one helper the CLI tests share. Default limit 180 s.
 */
export function paperlab(args: readonly string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {}): CliResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/cli/main.ts'), ...args], {
    cwd: options.cwd ?? PROJECT_ROOT, env: options.env ?? process.env, encoding: 'utf8', timeout: options.timeoutMs ?? 180_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, out: `${r.stdout}${r.stderr}` };
}
