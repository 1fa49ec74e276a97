import { column, type Column, type Table } from '../table';
import { RecordedTransform, mapColumn, meanVar, valuesAt, type TransformOptions } from './transform';

/** Replaces NaN with the column mean of the fit rows (sklearn SimpleImputer(strategy='mean')). */
class MeanImputer extends RecordedTransform {
  fill: Record<string, number> = {};

  protected learn(t: Table, rows: Int32Array): void {
    for (const c of this.cols) {
      const { mean, count } = meanVar(valuesAt(t, c, rows, 'meanImputer.fit'));
      this.fill[c] = count ? mean : 0; // an all-missing column has no mean: 0, and the report shows the fit
    }
  }

  protected apply(t: Table): Record<string, Column> {
    const out = { ...t.columns };
    for (const c of this.cols) {
      const f = this.fill[c]!;
      out[c] = mapColumn(column(t, c, 'meanImputer.transform'), (x) => (x !== x ? f : x));
    }
    return out;
  }
}

/** Mean imputation of NaN in numeric columns; records its fit rows (L1.2). */
export function meanImputer(options: TransformOptions = {}): MeanImputer {
  return new MeanImputer('meanImputer', 'preprocessing', options);
}

export type { MeanImputer };
