import { Command } from 'commander';
import { registerPaperCommands } from '../../src/cli/papers';

// The paper commands on their own, as src/cli/main.ts will wire them, for tests to spawn.
const program = new Command('paperlab').exitOverride();
registerPaperCommands(program);
program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
