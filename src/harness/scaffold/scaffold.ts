import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { invalid, PaperlabError } from '../../library/errors/index';
import { FAILURE_LOG_HEADER, FAILURES_FILE } from '../../library/paper-files/index';
import { CONFIG_FILE, NOTEBOOK_FILE, README_FILE } from '../../library/paper-files/index';
import { SLUG } from '../../library/paper-files/index';
import { configYaml, SCAFFOLD_CLAIM } from './scaffold-config';
import { nbformatJson } from '../runner/nbformat-json';
import { skeletonNotebook } from './scaffold-notebook';

/** The notebook of a paper folder. */

export interface ScaffoldOptions {
  /** The paper's title; default a TODO placeholder. */
  title?: string;
}

export interface ScaffoldResult {
  /** The new folder, `<root>/papers/<id>`. */
  dir: string;
  /** Paths of the files written, in writing order. */
  files: string[];
}

/**
 * Creates `<root>/papers/<id>/` with a valid, commented config.yaml, a reproduce.ipynb skeleton
 * that runs on the paperlab kernel, an empty failures.yaml and a README.md. `id` must be a slug.
 * Refuses (PaperlabError `exists`) when the folder exists; never overwrites anything.
 */
export function scaffoldPaper(root: string, id: string, options: ScaffoldOptions = {}): ScaffoldResult {
  if (typeof id !== 'string' || !new RegExp(SLUG.pattern).test(id)) throw invalid('paper id', SLUG.expected, id);
  const title = options.title?.trim() || 'TODO: the paper title';
  const papers = join(root, 'papers');
  const dir = join(papers, id);
  if (existsSync(dir)) throw exists(dir);
  mkdirSync(papers, { recursive: true });
  try {
    mkdirSync(dir); // not recursive: fails if another process made it meanwhile
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw exists(dir);
    throw err;
  }
  const files: Array<[string, string]> = [
    [CONFIG_FILE, configYaml(id, title)],
    [NOTEBOOK_FILE, nbformatJson(skeletonNotebook(id, title))],
    [FAILURES_FILE, `#${FAILURE_LOG_HEADER.replace(/\n/g, '\n#')}\n[]\n`],
    [README_FILE, readme(id, title)],
  ];
  const written = files.map(([name, text]) => {
    const path = join(dir, name);
    writeFileAtomic.sync(path, text);
    return path;
  });
  return { dir, files: written };
}

function exists(dir: string): PaperlabError {
  return new PaperlabError('exists', `${dir}: expected a new folder, got one that exists; pick another id or edit the folder`, {
    where: dir,
    expected: 'a new folder',
    received: 'an existing folder',
  });
}

function readme(id: string, title: string): string {
  const c = SCAFFOLD_CLAIM;
  return `# ${title}

TODO authors (venue, year). [arXiv](https://arxiv.org/abs/TODO)

## Claim

> ${c.statement} (${c.source})

## Paper vs ours

| claim | metric | paper | ours (mean ± std, n seeds) | reproduced? |
| --- | --- | --- | --- | --- |
| ${c.id} | \`${c.metric}\` | ${c.paperValue} | not run yet | - |

## Deviations

Each as "we use X whereas (Paper, Table N) uses Y, because ...". None yet.

## Files

- \`config.yaml\`: paper, claims with tolerances, seeds, parameters, ablations, data, split, budget.
- \`reproduce.ipynb\`: the reproduction, top to bottom (claim, setup, baseline, main result, ablations, failures).
- \`failures.yaml\`: every failure, tied to a cell and a seed, with its analysis.

## Reproduce

\`\`\`sh
npx paperlab validate papers/${id}
npx paperlab execute papers/${id}/reproduce.ipynb -p seed=0
\`\`\`
`;
}
