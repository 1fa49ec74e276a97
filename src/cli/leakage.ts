import { Command, CommanderError, Option } from 'commander';
import { PaperlabError } from '../library/errors/index';
import { checkLeakageFiles, markdownReport, type TrainTestOptions } from '../library/leakage/index';

/** Exit status of `paperlab leakage` on bad input (a missing file, mismatched columns, an unknown flag). */
export const BAD_INPUT_EXIT = 2;

interface LeakageFlags {
  label?: string;
  group?: string;
  time?: string;
  task?: 'classification' | 'regression';
  json?: boolean;
}

/**
 * Adds `leakage <train> <test> [--label y] [--group g] [--time t] [--task …] [--json]` to the
 * paperlab CLI: every data-level leakage check (Kapoor & Narayanan 2023) on two CSV files, with no
 * kernel. Prints a Markdown table (or the report as JSON) and exits 1 when an error-level finding
 * is not accepted, 0 when none is, 2 on bad input (one line naming the file or flag).
 */
export function registerLeakageCommands(program: Command): void {
  const cmd = program
    .command('leakage')
    .description('check a train/test pair of CSV files for data leakage: copies of train in test, duplicates, proxies of the label, time order, shared groups')
    .argument('<train>', 'the training rows: a CSV file with a header line')
    .argument('<test>', 'the test rows: a CSV file with the same columns')
    .option('--label <column>', 'the label column: enables the single-feature check (L2)')
    .option('--group <column>', 'the unit id column (patient, subject, site): enables the shared-groups check (L3.2)')
    .option('--time <column>', 'the time column (numbers or ISO dates): enables the temporal check (L3.1)')
    .addOption(new Option('--task <task>', 'the task of the label (default: inferred from the label)').choices(['classification', 'regression']))
    .option('--json', 'print the report as JSON instead of Markdown')
    .showHelpAfterError(false)
    .action((train: string, test: string, flags: LeakageFlags) => {
      const options: TrainTestOptions = { label: flags.label, group: flags.group, time: flags.time, task: flags.task };
      let report;
      try {
        report = checkLeakageFiles(train, test, options);
      } catch (e) {
        if (!(e instanceof PaperlabError)) throw e;
        console.error(`paperlab leakage: ${e.message.split('\n')[0]}`);
        process.exitCode = BAD_INPUT_EXIT;
        return;
      }
      console.log(flags.json ? JSON.stringify(report, null, 2) : markdownReport(report));
      // exitCode, not exit(): lets stdout drain when piped
      if (!report.ok) process.exitCode = 1;
    });
  // a usage error (missing file argument, unknown --task) is bad input too: 2, not commander's 1
  cmd.exitOverride((err: CommanderError) => process.exit(err.exitCode === 0 ? 0 : BAD_INPUT_EXIT));
}
