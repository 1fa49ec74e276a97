import { Command } from 'commander';
import { registerEnvCommands } from './env';
import { registerNotebookCommands } from './notebook';
import { registerSeedCommands } from './seeds';

// One CLI for every paperlab command; each group of subcommands lives in its own file and only
// parses arguments there, calling the library.
const program = new Command('paperlab')
  .description('Reproduce ML papers in TypeScript notebooks: replay, record, judge.')
  .showHelpAfterError();

registerNotebookCommands(program);
registerEnvCommands(program);
registerSeedCommands(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
