import { invalid } from '../errors/index';
import { checkParts, type Parts } from './parts';
import { column, isStringColumn, nRows, type Table } from './table';
import { evalName, idList, MAX_EXAMPLES, plural, rowsOfSide } from './message';
import type { Finding } from './types';

/**
 * Dense integer codes of a group column: equal values get equal codes in [0, nCodes).
 * Small non-negative integer ids use their value directly (the fast path for 1M rows);
 * anything else goes through a Map.
 */
export function groupCodes(col: ArrayLike<number | string>, where: string): { codes: Int32Array; nCodes: number } {
  const n = col.length;
  const codes = new Int32Array(n);
  let dense = !isStringColumn(col as string[]);
  let max = 0;
  for (let i = 0; dense && i < n; i++) {
    const v = col[i] as number;
    if (!Number.isInteger(v) || v < 0 || v > 4 * n + 1024) dense = false;
    else if (v > max) max = v;
  }
  if (dense) {
    for (let i = 0; i < n; i++) codes[i] = col[i] as number;
    return { codes, nCodes: max + 1 };
  }
  const ids = new Map<number | string, number>();
  for (let i = 0; i < n; i++) {
    const v = col[i]!;
    if (v === undefined || v === null || (typeof v === 'number' && Number.isNaN(v))) {
      throw invalid(`${where}[${i}]`, 'a group id (number or string)', String(v), 'every row needs its unit id (patient, subject, site, …)');
    }
    let c = ids.get(v);
    if (c === undefined) {
      c = ids.size;
      ids.set(v, c);
    }
    codes[i] = c;
  }
  return { codes, nCodes: ids.size };
}

/**
 * L3.2, non-independence between train and test (Kapoor & Narayanan 2023): a declared unit id
 * (patient, subject, site, user) that has rows on both sides. Error when found; split by group.
 */
export function checkGroups(t: Table, parts: Parts, groupColumn: string, maxExamples = MAX_EXAMPLES): Finding[] {
  const n = nRows(t, 'checkGroups(table)');
  const p = checkParts(parts, n, 'checkGroups(parts)');
  const col = column(t, groupColumn, 'checkGroups(groupColumn)');
  const { codes, nCodes } = groupCodes(col as ArrayLike<number | string>, `checkGroups(groupColumn) '${groupColumn}'`);
  const inTrain = new Uint8Array(nCodes);
  for (let i = 0; i < p.train.length; i++) inTrain[codes[p.train[i]!]!] = 1;
  const shared = new Uint8Array(nCodes);
  const ex: number[] = [];
  const exGroups: string[] = [];
  let rows = 0;
  let groups = 0;
  for (let i = 0; i < p.evaluation.length; i++) {
    const r = p.evaluation[i]!;
    const g = codes[r]!;
    if (!inTrain[g]) continue;
    rows++;
    if (!shared[g]) {
      shared[g] = 1;
      groups++;
      if (exGroups.length < maxExamples) exGroups.push(String(col[r]));
    }
    if (ex.length < maxExamples) ex.push(r);
  }
  if (groups === 0) return [];
  const side = evalName(p.validation.length > 0);
  const remedy = `split by '${groupColumn}' (group k-fold)`;
  return [{
    rule: 'L3.2', severity: 'error', check: 'shared-groups', count: groups, unit: 'groups', examples: ex,
    fraction: rows / p.evaluation.length, columns: [groupColumn], remedy,
    message: `leakage L3.2: ${plural(groups, `'${groupColumn}' group`)} ${idList(exGroups, groups, 'e.g.')} ${groups === 1 ? 'has' : 'have'} rows in both train and ${side}, ${rowsOfSide(rows, p.evaluation.length, side)} ${idList(ex, rows)}; ${remedy}`,
    details: { sharedGroups: groups, evaluationRows: rows, groupExamples: exGroups.join(', ') },
  }];
}
