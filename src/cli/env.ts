import { resolve } from 'node:path';
import type { Command } from 'commander';
import { checkEnvironment, collectEnvironment, formatDifference, formatLock, LOCK_FILE, writeLockFile } from '../harness/env/index';

/** Default lock file, relative to the working directory (the repository root under npm scripts). */
export const DEFAULT_LOCK = LOCK_FILE;

/**
 * Adds `env lock [--out path]` (measure this machine, write the lock atomically) and
 * `env check [--lock path]` (exit 1 listing every strict difference; informational ones are listed
 * but leave exit 0) to the paperlab CLI.
 */
export function registerEnvCommands(program: Command): Command {
  const env = program.command('env').description('record the environment (environment.lock) and check a machine against it');

  env
    .command('lock')
    .description('measure this machine and write the environment lock')
    .option('--out <path>', 'where to write the lock', DEFAULT_LOCK)
    .action(async (opts: { out: string }) => {
      const out = resolve(opts.out);
      writeLockFile(out, formatLock(await collectEnvironment()));
      console.log(`wrote ${opts.out}`);
    });

  env
    .command('check')
    .description('compare this machine with the environment lock; exit 1 on any strict difference')
    .option('--lock <path>', 'the lock to compare with', DEFAULT_LOCK)
    .action(async (opts: { lock: string }) => {
      const differences = await checkEnvironment(resolve(opts.lock));
      const strict = differences.filter((d) => d.strict);
      const info = differences.filter((d) => !d.strict);
      if (strict.length > 0) {
        console.log(`environment differs from ${opts.lock} in ${strict.length} strict key(s):`);
        for (const d of strict) console.log(`  ${formatDifference(d)}`);
      } else {
        console.log(`environment matches ${opts.lock}`);
      }
      if (info.length > 0) {
        console.log('informational differences (do not fail the check):');
        for (const d of info) console.log(`  ${formatDifference(d)}`);
      }
      // exitCode, not exit(): let stdout drain before the process ends.
      if (strict.length > 0) process.exitCode = 1;
    });

  return env;
}
