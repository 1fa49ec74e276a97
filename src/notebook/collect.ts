// mime, not the index: the index loads TF.js (record() names the backend); the runner need not.
import { RECORD_MIME, type RecordEntry } from '../results/mime';
import type { Notebook } from './notebook-file';

/** A recorded result with its provenance: which cell of which notebook produced it. */
export interface CollectedRecord extends RecordEntry {
  /** Index of the cell in the executed notebook. */
  cell: number;
  cellId: string;
}

/**
 * Every `record()` output of an executed notebook, in cell order. Works on any executed copy
 * (ours or `jupyter nbconvert --execute`'s), since the records live in the outputs themselves.
 */
export function collectRecords(nb: Notebook): CollectedRecord[] {
  const out: CollectedRecord[] = [];
  nb.cells.forEach((cell, index) => {
    if (cell.cell_type !== 'code' || !Array.isArray(cell.outputs)) return;
    for (const output of cell.outputs) {
      const data = (output as { data?: Record<string, unknown> }).data;
      const entry = data?.[RECORD_MIME];
      if (entry === undefined) continue;
      // Some front ends store JSON MIME data as a string; accept both.
      const parsed = (typeof entry === 'string' ? JSON.parse(entry) : entry) as RecordEntry;
      out.push({ ...parsed, cell: index, cellId: String(cell.id ?? '') });
    }
  });
  return out;
}
