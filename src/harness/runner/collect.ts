// mime, not the index: the index loads TF.js (record() names the backend); the runner need not.
import { RECORD_MIME, type RecordEntry } from '../../library/results/mime';
import type { Notebook } from './notebook-file';

/** A recorded result with its provenance: which cell of which notebook produced it. */
export interface CollectedRecord extends RecordEntry {
  /** Index of the cell in the executed notebook. */
  cell: number;
  cellId: string;
}

/** One output's data of a given JSON MIME type, with the cell that produced it. */
export interface MimeOutput {
  data: unknown;
  /** Index of the cell in the notebook. */
  cell: number;
  cellId: string;
}

/**
 * Every output of an executed notebook carrying JSON data of type `mime`, in cell order. Works on
 * any executed copy (ours or `jupyter nbconvert --execute`'s), since the data live in the outputs.
 */
export function outputsOfMime(nb: Notebook, mime: string): MimeOutput[] {
  const out: MimeOutput[] = [];
  nb.cells.forEach((cell, index) => {
    if (cell.cell_type !== 'code' || !Array.isArray(cell.outputs)) return;
    for (const output of cell.outputs) {
      const entry = (output as { data?: Record<string, unknown> }).data?.[mime];
      if (entry === undefined) continue;
      // Some front ends store JSON MIME data as a string; accept both.
      out.push({ data: typeof entry === 'string' ? JSON.parse(entry) : entry, cell: index, cellId: String(cell.id ?? '') });
    }
  });
  return out;
}

/** Every `record()` output of an executed notebook, in cell order. */
export function collectRecords(nb: Notebook): CollectedRecord[] {
  return outputsOfMime(nb, RECORD_MIME).map((o) => ({ ...(o.data as RecordEntry), cell: o.cell, cellId: o.cellId }));
}
