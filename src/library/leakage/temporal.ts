import { invalid } from '../errors/index';
import { checkParts, type Parts } from './parts';
import { column, isStringColumn, nRows, type Table } from './table';
import { evalName, idList, MAX_EXAMPLES, rowsOfSide } from './message';
import type { Finding } from './types';

/**
 * The time column as numbers: numeric columns as they are (any unit, e.g. epoch ms or years),
 * string columns parsed with `Date.parse` (ISO 8601 recommended). Missing or unparsable times are
 * an error naming the row, since a check that skipped them could pass a leaky split.
 */
export function timeValues(t: Table, name: string, where: string): { times: ArrayLike<number>; label: (i: number) => string } {
  const col = column(t, name, where);
  if (isStringColumn(col)) {
    const times = new Float64Array(col.length);
    for (let i = 0; i < col.length; i++) {
      times[i] = Date.parse(col[i]!);
      if (Number.isNaN(times[i])) throw invalid(`${where} '${name}'[${i}]`, 'a date string Date.parse reads (ISO 8601)', col[i]);
    }
    return { times, label: (i) => col[i]! };
  }
  const times = col as ArrayLike<number>;
  for (let i = 0; i < times.length; i++) {
    const v = times[i]!;
    if (typeof v !== 'number' || Number.isNaN(v)) throw invalid(`${where} '${name}'[${i}]`, 'a time (number or date string)', v);
  }
  return { times, label: (i) => String(times[i]) };
}

/**
 * L3.1, temporal leakage (Kapoor & Narayanan 2023): evaluation rows that are earlier than the
 * latest training row, so the model has seen the future of the rows it is tested on. Rows at the
 * same instant as the latest training row are not counted. Error when found.
 */
export function checkTemporal(t: Table, parts: Parts, timeColumn: string, maxExamples = MAX_EXAMPLES): Finding[] {
  const n = nRows(t, 'checkTemporal(table)');
  const p = checkParts(parts, n, 'checkTemporal(parts)');
  const { times, label } = timeValues(t, timeColumn, 'checkTemporal(timeColumn)');
  if (p.train.length === 0 || p.evaluation.length === 0) return [];
  let latest = p.train[0]!;
  for (let i = 1; i < p.train.length; i++) {
    const r = p.train[i]!;
    if (times[r]! > times[latest]!) latest = r;
  }
  const cut = times[latest]!;
  const ex: number[] = [];
  let count = 0;
  let earliest = p.evaluation[0]!;
  for (let i = 0; i < p.evaluation.length; i++) {
    const r = p.evaluation[i]!;
    if (times[r]! < times[earliest]!) earliest = r;
    if (times[r]! >= cut) continue;
    count++;
    if (ex.length < maxExamples) ex.push(r);
  }
  if (count === 0) return [];
  const side = evalName(p.validation.length > 0);
  const remedy = 'split by time: train on the past, evaluate on the future';
  return [{
    rule: 'L3.1', severity: 'error', check: 'temporal-order', count, unit: 'rows', examples: ex,
    fraction: count / p.evaluation.length, columns: [timeColumn], remedy,
    message: `leakage L3.1: ${rowsOfSide(count, p.evaluation.length, side)} ${count === 1 ? 'is' : 'are'} earlier than the latest training row ('${timeColumn}': train ends at ${label(latest)}, ${side} starts at ${label(earliest)}) ${idList(ex, count)}; ${remedy}`,
    details: { trainEnd: label(latest), evaluationStart: label(earliest) },
  }];
}
