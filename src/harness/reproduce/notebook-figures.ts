import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PLOTLY_MIME, type Figure } from '../../library/display/index';
import { outputsOfMime, readNotebook } from '../runner/index';
import type { ReportFigure } from '../report/index';

/**
 * The figures a notebook drew with `plot()`, read back from its executed copy in a run folder
 * (each plot output carries the figure as plotly JSON), captioned with their title, seed and cell.
 */
export function notebookFigures(runDir: string, seed: number | string): ReportFigure[] {
  const file = existsSync(runDir) ? readdirSync(runDir).find((f) => f.endsWith('.ipynb')) : undefined;
  if (file === undefined) return [];
  return outputsOfMime(readNotebook(join(runDir, file)), PLOTLY_MIME).flatMap(({ data, cell }) => {
    const figure = data as Figure | null;
    if (!figure || !Array.isArray(figure.data)) return [];
    return [{
      caption: `${titleOf(figure) || 'Untitled figure'}: drawn by the notebook (seed ${seed}, cell ${cell}).`,
      figure,
      provenance: [{ seed, cell, runDir }],
    }];
  });
}

function titleOf(figure: Figure): string {
  const title = figure.layout?.title as { text?: string } | string | undefined;
  return typeof title === 'string' ? title : title?.text ?? '';
}
