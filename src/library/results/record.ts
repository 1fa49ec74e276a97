import { show } from '../display/bundle';
import { invalid } from '../errors/index';
import { rootSeed } from '../random/index';
import { backendInfo } from '../backend/index';
import { nativeRecord } from '../native/index';
import { RECORD_MIME, type JsonValue, type RecordEntry, type RecordOptions } from './mime';

const STORE = Symbol.for('paperlab.records');
type RecordStore = { [STORE]?: RecordEntry[] };

/**
 * Records a result, e.g. `record('test_accuracy', 0.97)`. In a notebook it becomes an output the
 * runner collects into results.json (with the cell it came from); anywhere it is also kept in
 * memory (`recorded()`). Returns nothing, so a cell ending in `record(…)` prints no echo. NaN and ±Infinity are kept as the strings "NaN", "Infinity", "-Infinity"
 * because JSON cannot hold them and a diverged run must still say so.
 */
export function record(name: string, value: unknown, options: RecordOptions = {}): void {
  if (typeof name !== 'string' || !name.trim()) throw invalid('record(name)', 'a non-empty name', name);
  const entry: RecordEntry = {
    name,
    value: toJson(value, `record("${name}") value`),
    seed: rootSeed(),
    backend: backendInfo()?.name ?? null,
    native: nativeRecord(),
    at: new Date().toISOString(),
    ...options,
  };
  const store = globalThis as RecordStore;
  (store[STORE] ??= []).push(entry);
  const shown = typeof entry.value === 'number' ? formatNumber(entry.value) : JSON.stringify(entry.value);
  show({ 'text/plain': `recorded ${name} = ${shown}${options.unit ? ` ${options.unit}` : ''}`, [RECORD_MIME]: entry });
}

/** Everything recorded in this process (or kernel) so far. */
export function recorded(): readonly RecordEntry[] {
  return (globalThis as RecordStore)[STORE] ?? [];
}

function formatNumber(v: number): string {
  return String(Number(v.toPrecision(6)));
}

function toJson(value: unknown, where: string): JsonValue {
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  // Separate tests: without strictNullChecks (tslab compiles non-strict) `=== null` does not narrow.
  if (value === null) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const numbers: number[] = Array.from(value as unknown as ArrayLike<number>);
    return numbers.map((v) => toJson(v, where));
  }
  if (Array.isArray(value)) return value.map((v, i) => toJson(v, `${where}[${i}]`));
  if (typeof value === 'object' && value !== undefined) {
    const out: { [key: string]: JsonValue } = {};
    for (const [k, v] of Object.entries(value as object)) out[k] = toJson(v, `${where}.${k}`);
    return out;
  }
  throw invalid(where, 'a number, string, boolean, null, array or plain object', typeof value);
}
