import { rng } from '../../../src/library/random/index';
import type { Table } from '../../../src/library/leakage/index';

/** A random numeric table (normal values), `n` rows x `d` columns x0..x{d-1}, from a named stream. */
export function randomTable(name: string, n: number, d: number): Table {
  const r = rng('tests').child('leakage').child(name);
  const columns: Record<string, Float64Array> = {};
  for (let j = 0; j < d; j++) columns[`x${j}`] = Float64Array.from({ length: n }, () => r.normal());
  return { columns };
}

/** Rows 0..k-1 as train, k..n-1 as test. */
export function headTail(n: number, k: number): { train: Int32Array; test: Int32Array } {
  return { train: Int32Array.from({ length: k }, (_, i) => i), test: Int32Array.from({ length: n - k }, (_, i) => k + i) };
}

/** Copies row `from` over row `to` in every column (plants a duplicate). */
export function copyRow(t: Table, from: number, to: number, noise = 0): void {
  for (const c of Object.values(t.columns)) (c as Float64Array)[to] = (c as Float64Array)[from]! + noise;
}
