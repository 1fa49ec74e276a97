import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PLOTLY_MIME, type Figure } from '../display/index';
import type { ReportFigure } from '../report/index';

interface NotebookJson {
  cells: Array<{ cell_type: string; outputs?: Array<{ data?: Record<string, unknown> }> }>;
}

/**
 * The figures a notebook drew with `plot()`, read back from its executed copy in a run folder
 * (each plot output carries the figure as plotly JSON), captioned with their title, seed and cell.
 */
export function notebookFigures(runDir: string, seed: number | string): ReportFigure[] {
  const file = existsSync(runDir) ? readdirSync(runDir).find((f) => f.endsWith('.ipynb')) : undefined;
  if (file === undefined) return [];
  const notebook = JSON.parse(readFileSync(join(runDir, file), 'utf8')) as NotebookJson;
  return notebook.cells.flatMap((cell, index) =>
    (cell.outputs ?? []).flatMap((output) => {
      const figure = output.data?.[PLOTLY_MIME] as Figure | undefined;
      if (!figure || !Array.isArray(figure.data)) return [];
      return [{
        caption: `${titleOf(figure) || 'Untitled figure'}: drawn by the notebook (seed ${seed}, cell ${index}).`,
        figure,
        provenance: [{ seed, cell: index, runDir }],
      }];
    }),
  );
}

function titleOf(figure: Figure): string {
  const title = figure.layout?.title as { text?: string } | string | undefined;
  return typeof title === 'string' ? title : title?.text ?? '';
}
