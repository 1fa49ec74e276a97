// A stand-in for src/cli/main.ts in the CLI tests: registers only the verdict commands, exactly as
// main.ts registers each group, with the same error handling. Switch the tests to main.ts once it
// registers registerVerdictCommands.
import { Command } from 'commander';
import { registerVerdictCommands } from '../../src/cli/verdict';

const program = new Command('paperlab').showHelpAfterError();
registerVerdictCommands(program);
program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
