import './signals'; // first: see the file
import { Command } from 'commander';
import { registerEnvCommands } from './env';
import { registerLeakageCommands } from './leakage';
import { registerNotebookCommands } from './notebook';
import { registerPaperCommands } from './papers';
import { registerReportCommands } from './report';
import { registerRunCommands } from './run';
import { registerSeedCommands } from './seeds';
import { registerSweepCommands } from './sweep';
import { registerVerdictCommands } from './verdict';
import { interruptionExitCode } from '../harness/runner/interrupt';
import { rebuildNativeIfStale } from './setup/native';

// One CLI for every paperlab command; each group of subcommands lives in its own file and only
// parses arguments there, calling the library.
const program = new Command('paperlab')
  .description('Reproduce ML papers in TypeScript notebooks: replay, record, judge.')
  .showHelpAfterError();

// The commands that start kernels first rebuild a stale native addon (sources changed since its
// build): a kernel would otherwise refuse it and run every replay on the wasm/JS fallback.
const STARTS_KERNELS = new Set(['start', 'run', 'check', 'execute', 'notebook', 'sweep']);
program.hook('preAction', (_program, action) => {
  if (action.parent === program && STARTS_KERNELS.has(action.name())) rebuildNativeIfStale();
});

registerNotebookCommands(program);
registerPaperCommands(program);
registerRunCommands(program);
registerVerdictCommands(program);
registerReportCommands(program);
registerEnvCommands(program);
registerSeedCommands(program);
registerSweepCommands(program);
registerLeakageCommands(program);

// After Ctrl-C / SIGTERM (handled since ./signals): kernels stopped, what was made written and marked
// interrupted; the exit status is 130 / 143.
program.parseAsync(process.argv).then(
  () => {
    const code = interruptionExitCode();
    if (code !== undefined) process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(interruptionExitCode() ?? 1);
  },
);
