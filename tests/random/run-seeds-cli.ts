// Test driver: the paperlab CLI with only the seeds commands, as src/cli/main.ts will wire them.
import { Command } from 'commander';
import { registerSeedCommands } from '../../src/cli/seeds';

const program = new Command('paperlab').exitOverride();
registerSeedCommands(program);
program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(2);
});
