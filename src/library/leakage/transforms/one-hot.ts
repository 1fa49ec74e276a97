import { invalid } from '../../errors/index';
import { column, type Column, type Table } from '../table';
import { RecordedTransform, type TransformOptions } from './transform';

/** Options of {@link oneHotEncoder}. */
export interface OneHotOptions extends TransformOptions {
  /** A category not seen in the fit rows: all-zero indicators (`ignore`, default) or an error. */
  handleUnknown?: 'ignore' | 'error';
}

/**
 * One indicator column `name=value` per category seen in the fit rows, replacing `name`.
 * Categories are sorted (as sklearn's OneHotEncoder). Works on string and numeric columns.
 */
class OneHotEncoder extends RecordedTransform {
  categories: Record<string, (string | number)[]> = {};

  protected override params(): string {
    const h = (this.options as OneHotOptions).handleUnknown;
    return h ? `, handleUnknown=${h}` : '';
  }

  protected learn(t: Table, rows: Int32Array): void {
    for (const c of this.cols) {
      const col = column(t, c, 'oneHotEncoder.fit') as ArrayLike<string | number>;
      const seen = new Set<string | number>();
      for (let i = 0; i < rows.length; i++) seen.add(col[rows[i]!]!);
      this.categories[c] = Array.from(seen).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    }
  }

  protected apply(t: Table): Record<string, Column> {
    const out: Record<string, Column> = {};
    const strict = (this.options as OneHotOptions).handleUnknown === 'error';
    for (const name of Object.keys(t.columns)) {
      if (!this.cols.includes(name)) {
        out[name] = t.columns[name]!;
        continue;
      }
      const col = t.columns[name] as ArrayLike<string | number>;
      const cats = this.categories[name]!;
      const pos = new Map(cats.map((v, k) => [v, k] as [string | number, number]));
      const ind = cats.map(() => new Float64Array(col.length));
      for (let i = 0; i < col.length; i++) {
        const k = pos.get(col[i]!);
        if (k !== undefined) ind[k]![i] = 1;
        else if (strict) throw invalid(`oneHotEncoder.transform '${name}'[${i}]`, `a category seen in fit (${cats.slice(0, 5).join(', ')}${cats.length > 5 ? ', …' : ''})`, String(col[i]));
      }
      cats.forEach((v, k) => (out[`${name}=${v}`] = ind[k]!));
    }
    return out;
  }
}

/** One-hot encoding of categorical columns (default: all string columns); records its fit rows (L1.2). */
export function oneHotEncoder(options: OneHotOptions = {}): OneHotEncoder {
  return new OneHotEncoder('oneHotEncoder', 'preprocessing', options, true);
}

export type { OneHotEncoder };
