import { column, type Column, type Table } from '../table';
import { RecordedTransform, mapColumn, meanVar, valuesAt, type TransformOptions } from './transform';

/** z = (x - mean) / std with mean and population std of the fit rows; std 0 is left at 1 (as sklearn). */
class StandardScaler extends RecordedTransform {
  mean: Record<string, number> = {};
  std: Record<string, number> = {};

  protected learn(t: Table, rows: Int32Array): void {
    for (const c of this.cols) {
      const { mean, variance } = meanVar(valuesAt(t, c, rows, 'standardScaler.fit'));
      this.mean[c] = mean;
      this.std[c] = variance > 0 ? Math.sqrt(variance) : 1;
    }
  }

  protected apply(t: Table): Record<string, Column> {
    const out = { ...t.columns };
    for (const c of this.cols) {
      const m = this.mean[c]!;
      const s = this.std[c]!;
      out[c] = mapColumn(column(t, c, 'standardScaler.transform'), (x) => (x - m) / s);
    }
    return out;
  }
}

/** (x - min) / (max - min) with min and max of the fit rows; a constant column maps to 0. */
class MinMaxScaler extends RecordedTransform {
  min: Record<string, number> = {};
  max: Record<string, number> = {};

  protected learn(t: Table, rows: Int32Array): void {
    for (const c of this.cols) {
      let lo = Infinity;
      let hi = -Infinity;
      for (const x of valuesAt(t, c, rows, 'minMaxScaler.fit')) {
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      }
      this.min[c] = lo;
      this.max[c] = hi;
    }
  }

  protected apply(t: Table): Record<string, Column> {
    const out = { ...t.columns };
    for (const c of this.cols) {
      const lo = this.min[c]!;
      const range = this.max[c]! - lo || 1; // sklearn: zero range scales by 1
      out[c] = mapColumn(column(t, c, 'minMaxScaler.transform'), (x) => (x - lo) / range);
    }
    return out;
  }
}

/** Standardises numeric columns; records its fit rows (L1.2). `fit(table, trainRows)` then `transform(table)`. */
export function standardScaler(options: TransformOptions = {}): StandardScaler {
  return new StandardScaler('standardScaler', 'preprocessing', options);
}

/** Scales numeric columns to [0, 1] on the fit rows' range; records its fit rows (L1.2). */
export function minMaxScaler(options: TransformOptions = {}): MinMaxScaler {
  return new MinMaxScaler('minMaxScaler', 'preprocessing', options);
}

export type { StandardScaler, MinMaxScaler };
