import { Command } from 'commander';

// One CLI for every paperlab command; each subcommand lives beside its capability and only
// parses arguments here.
const program = new Command('paperlab')
  .description('Reproduce ML papers in TypeScript notebooks: replay, record, judge.')
  .showHelpAfterError();

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
