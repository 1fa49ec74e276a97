// Scores the command line on a corpus folder written by write.ts, as a user runs it on two files:
//   npx tsx tests/library/leakage/corpus/score-cli.ts <folder> [--kinds near-duplicates,…]
// Each case runs `paperlab leakage <train.csv> <test.csv> <flags> --json` in its own process (about
// 1-2 s each, so the whole corpus takes minutes: an on-demand score, not a test) and the exit
// status is checked against the findings: 1 exactly when an unaccepted error was found.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command } from 'commander';
import type { Finding } from '../../../../src/library/leakage/index';
import { paperlab } from '../../../cli';
import type { CaseEntry, CorpusFile } from './files';
import { formatScore, scoreCorpus } from './score';

/** The findings of `paperlab leakage --json` (a report `{ findings }` or a bare list); throws with the output when it is neither. */
export function parseFindings(stdout: string, stderr: string): Finding[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    throw new Error(`no JSON on stdout: ${(stderr || stdout).trim().split('\n')[0] ?? ''}`);
  }
  const findings = Array.isArray(parsed) ? parsed : (parsed as { findings?: unknown }).findings;
  if (!Array.isArray(findings)) throw new Error('JSON without a findings list');
  return findings as Finding[];
}

/** Runs the CLI on one case of the folder; records exit statuses that disagree with the findings in `badExits`. */
export function cliChecker(dir: string, badExits: string[]): (c: CaseEntry) => Finding[] {
  return (c) => {
    const r = paperlab(['leakage', path.join(dir, c.train), path.join(dir, c.test), ...c.flags, '--json']);
    const findings = parseFindings(r.stdout, r.stderr);
    const blocking = findings.some((f) => f.severity === 'error' && !f.accepted);
    if (r.code !== (blocking ? 1 : 0)) badExits.push(`${c.name}: exit ${r.code} with${blocking ? '' : 'out'} an error finding`);
    return findings;
  };
}

if (require.main === module) {
  new Command('score-cli.ts')
    .argument('<folder>', 'a corpus folder written by write.ts')
    .option('--kinds <list>', 'only cases of these kinds, comma-separated')
    .action((folder: string, opts: { kinds?: string }) => {
      const file = JSON.parse(fs.readFileSync(path.join(folder, 'cases.json'), 'utf8')) as CorpusFile;
      const kinds = opts.kinds?.split(',').map((k) => k.trim());
      const cases = file.cases.filter((c) => !kinds || kinds.includes(c.name.replace(/-\d+$/, '')));
      const badExits: string[] = [];
      const score = scoreCorpus(cases, cliChecker(folder, badExits));
      console.log(`paperlab leakage on ${cases.length} cases of ${folder} (seed ${file.seed})\n${formatScore(score)}`);
      console.log(badExits.length === 0 ? 'exit status: right on every case' : `exit status wrong on ${badExits.length}:\n  ${badExits.slice(0, 10).join('\n  ')}`);
    })
    .parse(process.argv);
}
