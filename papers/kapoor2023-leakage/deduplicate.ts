import { takeRows } from '../../src/library/data/index';
import { column, nRows, type Table } from '../../src/library/leakage/index';

/**
 * Keeps the first row of every group of exact duplicates over `columns` (the fix L1.4 asks for:
 * deduplicate before splitting). Returns the kept row ids and the deduplicated table.
 */
export function dropExactDuplicates(t: Table, columns: readonly string[]): { kept: Int32Array; table: Table } {
  const n = nRows(t, 'dropExactDuplicates(table)');
  const cols = columns.map((c) => column(t, c, 'dropExactDuplicates(columns)') as ArrayLike<number | string>);
  const seen = new Set<string>();
  const kept: number[] = [];
  for (let i = 0; i < n; i++) {
    // the values themselves as the key: exact, and small tables make the string cost irrelevant
    const key = cols.map((c) => String(c[i])).join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(i);
  }
  const ids = Int32Array.from(kept);
  return { kept: ids, table: takeRows(t, ids) };
}
