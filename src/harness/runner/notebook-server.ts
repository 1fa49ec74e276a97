import { dirname } from 'node:path';
import { jupyterPath, PROJECT_ROOT } from './kernelspec';

/** How `paperlab notebook` starts the classic Notebook server; the UI tests start it the same way. */
export interface NotebookServerCommand {
  command: 'jupyter';
  args: string[];
  env: NodeJS.ProcessEnv;
}

/**
 * `jupyter notebook` at `notebookDir` (default the repository root) with the project's kernel on
 * JUPYTER_PATH and plotly.js's package folder among its nbextensions, so that a plot whose page
 * lacks plotly loads it from `<base>/nbextensions/plotly.min.js` (src/library/display/plotly.ts).
 */
export function notebookServerCommand(extra: readonly string[] = [], notebookDir = PROJECT_ROOT): NotebookServerCommand {
  const plotlyDir = dirname(require.resolve('plotly.js-dist-min/plotly.min.js'));
  return {
    command: 'jupyter',
    args: [
      'notebook',
      `--notebook-dir=${notebookDir}`,
      `--NotebookApp.extra_nbextensions_path=${plotlyDir}`,
      ...(process.getuid?.() === 0 ? ['--allow-root'] : []),
      ...extra,
    ],
    env: { ...process.env, JUPYTER_PATH: jupyterPath() },
  };
}
