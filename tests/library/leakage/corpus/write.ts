// Writes a corpus to a folder so the command line can be scored on files:
//   npx tsx tests/library/leakage/corpus/write.ts <folder> [--seed 1] [--kinds near-duplicates,test-is-train]
// then, per case, `paperlab leakage <folder>/<name>/train.csv <folder>/<name>/test.csv <flags of cases.json>`.
import { Command, InvalidArgumentError } from 'commander';
import { PaperlabError } from '../../../../src/library/errors/index';
import { generateCorpus, DEVELOPMENT_SEEDS } from './generate';
import { writeCorpus } from './files';

function seedArg(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError(`expected a non-negative integer, got ${value}`);
  return n;
}

/** The script: parses its arguments, generates, writes, prints one line. */
export function main(argv: string[]): void {
  const program = new Command('write.ts')
    .description('Write the planted-leakage corpus as train.csv/test.csv pairs plus cases.json')
    .argument('<folder>', 'where to write (created if missing; files of the same names are replaced)')
    .option('--seed <n>', `corpus seed (development seeds: ${DEVELOPMENT_SEEDS.join(', ')}; see README.md)`, seedArg, DEVELOPMENT_SEEDS[0])
    .option('--kinds <list>', 'only these kinds, comma-separated (default all)')
    .showHelpAfterError()
    .action((folder: string, opts: { seed: number; kinds?: string }) => {
      try {
        const cases = generateCorpus(opts.seed, { kinds: opts.kinds?.split(',').map((k) => k.trim()) });
        const file = writeCorpus(cases, folder, opts.seed);
        console.log(`wrote ${file.cases.length} cases (seed ${opts.seed}) to ${folder}`);
      } catch (e) {
        if (!(e instanceof PaperlabError)) throw e;
        console.error(`write.ts: ${e.message}`);
        process.exitCode = 2;
      }
    });
  program.parse(argv);
}

if (require.main === module) main(process.argv);
