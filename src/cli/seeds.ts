import type { Command } from 'commander';
import { auditSeeds, formatSeedAudit } from '../harness/seed-audit/index';

/**
 * Adds `seeds audit [paths...]` to the paperlab CLI: scans files, folders and notebooks (default
 * src/ and papers/) for unseeded randomness, prints `file:line:col  rule  snippet` per finding and
 * a summary, and sets exit code 1 when anything is found (0 when clean). `--json` prints the
 * findings as data; `--exclude` leaves path prefixes out. A missing path is an error (exit 1 via main).
 */
export function registerSeedCommands(program: Command): void {
  const seeds = program.command('seeds').description('seeded randomness: audit the code for draws a root seed does not control');
  seeds
    .command('audit')
    .description('find Math.random, tf.util.shuffle, unseeded TF.js random ops/initializers/shuffles in .ts files and notebooks')
    .argument('[paths...]', 'files or folders to scan, relative to the working directory (default: src papers)')
    .option('--exclude <prefixes...>', 'path prefixes to leave out')
    .option('--json', 'print the result as JSON instead of text')
    .action((paths: string[], opts: { exclude?: string[]; json?: boolean }) => {
      const result = auditSeeds({ roots: paths, exclude: opts.exclude });
      console.log(opts.json ? JSON.stringify(result, null, 2) : formatSeedAudit(result));
      // exitCode, not exit(): lets stdout drain when piped (CI logs).
      if (result.findings.length > 0) process.exitCode = 1;
    });
}
