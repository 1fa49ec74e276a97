import type * as nbformat from '@jupyterlab/nbformat';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import writeFileAtomic from 'write-file-atomic';
import { invalid } from '../../library/errors/index';
import { nbformatJson } from './nbformat-json';

export type Notebook = nbformat.INotebookContent;
export type Cell = nbformat.ICell;
export type CodeCell = nbformat.ICodeCell;

/** Reads an .ipynb (nbformat 4) and checks the parts the runner relies on, naming the file. */
export function readNotebook(path: string): Notebook {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw invalid(path, 'a notebook file in JSON (.ipynb)', (err as Error).message);
  }
  const nb = parsed as Partial<Notebook>;
  if (nb.nbformat !== 4) throw invalid(`${path} nbformat`, '4', nb.nbformat ?? 'missing');
  if (!Array.isArray(nb.cells)) throw invalid(`${path} cells`, 'an array of cells', nb.cells ?? 'missing');
  nb.cells.forEach((cell, i) => {
    if (!['code', 'markdown', 'raw'].includes(String(cell?.cell_type))) {
      throw invalid(`${path} cells[${i}].cell_type`, '"code", "markdown" or "raw"', cell?.cell_type ?? 'missing');
    }
  });
  ensureCellIds(nb as Notebook);
  return nb as Notebook;
}

/** Cell source as one string (nbformat allows a string or a list of lines). */
export function sourceOf(cell: Cell): string {
  return Array.isArray(cell.source) ? cell.source.join('') : cell.source;
}

/** Splits text into nbformat's list-of-lines form (each line keeps its newline). */
export function toLines(text: string): string[] {
  return text.split(/(?<=\n)/);
}

export function tagsOf(cell: Cell): string[] {
  const tags = (cell.metadata as { tags?: unknown }).tags;
  return Array.isArray(tags) ? tags.map(String) : [];
}

/**
 * nbformat 4.5 wants an `id` on every cell; without one, Jupyter re-signs the notebook on save and
 * inlined plot scripts stop running (untrusted). Ids are derived from content, so replays are stable.
 */
export function ensureCellIds(nb: Notebook): void {
  const seen = new Set<string>();
  nb.cells.forEach((cell, i) => {
    let id = typeof cell.id === 'string' && cell.id ? cell.id : createHash('sha256').update(`${i}:${sourceOf(cell)}`).digest('hex').slice(0, 8);
    while (seen.has(id)) id = createHash('sha256').update(id).digest('hex').slice(0, 8);
    seen.add(id);
    cell.id = id;
  });
  if ((nb.nbformat_minor ?? 0) < 5) nb.nbformat_minor = 5;
}

/**
 * Writes the notebook atomically (temp file + rename: a reader never sees half a notebook), in the
 * exact form the Jupyter server saves, so opening and saving it in the UI changes no byte.
 */
export function writeNotebook(path: string, nb: Notebook): void {
  writeFileAtomic.sync(path, nbformatJson(nb));
}
