import { invalid } from '../../errors/index';
import { column, type Column, type Table } from '../table';
import { RecordedTransform, meanVar, valuesAt, type TransformOptions } from './transform';

/** Drops candidate columns whose variance on the fit rows is not above `threshold`. */
abstract class Selector extends RecordedTransform {
  /** Candidate columns kept by the fit, in table order. */
  selected: string[] = [];

  protected apply(t: Table): Record<string, Column> {
    const out: Record<string, Column> = {};
    for (const name of Object.keys(t.columns)) {
      if (!this.cols.includes(name) || this.selected.includes(name)) out[name] = t.columns[name]!;
    }
    return out;
  }
}

/** Options of {@link varianceThreshold}. */
export interface VarianceThresholdOptions extends TransformOptions {
  /** Keep columns with population variance > this, in squared column units (default 0: drop constants). */
  threshold?: number;
}

class VarianceThreshold extends Selector {
  protected override params(): string {
    return `, threshold=${(this.options as VarianceThresholdOptions).threshold ?? 0}`;
  }

  protected learn(t: Table, rows: Int32Array): void {
    const threshold = (this.options as VarianceThresholdOptions).threshold ?? 0;
    this.selected = this.cols.filter((c) => meanVar(valuesAt(t, c, rows, 'varianceThreshold.fit')).variance > threshold);
  }
}

/** Options of {@link selectKBestCorrelation}. */
export interface CorrelationSelectorOptions extends TransformOptions {
  /** Numeric label column (class codes work for two classes). Never a candidate itself. */
  label: string;
  /** How many columns to keep (the k largest |Pearson r| with the label). */
  k: number;
}

/** |Pearson r| between two equal-length vectors (0 when either is constant). */
export function absCorrelation(x: Float64Array, y: Float64Array): number {
  const mx = meanVar(x).mean;
  const my = meanVar(y).mean;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? Math.abs(sxy) / Math.sqrt(sxx * syy) : 0;
}

class CorrelationSelector extends Selector {
  /** |r| of each candidate on the fit rows. */
  scores: Record<string, number> = {};

  protected override params(): string {
    const o = this.options as CorrelationSelectorOptions;
    return `, label=${o.label}, k=${o.k}`;
  }

  protected override defaultColumns(t: Table): string[] {
    return super.defaultColumns(t).filter((c) => c !== (this.options as CorrelationSelectorOptions).label);
  }

  protected learn(t: Table, rows: Int32Array): void {
    const o = this.options as CorrelationSelectorOptions;
    column(t, o.label, 'selectKBestCorrelation(options.label)');
    const y = valuesAt(t, o.label, rows, 'selectKBestCorrelation(options.label)');
    for (const c of this.cols) this.scores[c] = absCorrelation(valuesAt(t, c, rows, 'selectKBestCorrelation.fit'), y);
    const best = [...this.cols].sort((a, b) => this.scores[b]! - this.scores[a]!).slice(0, o.k);
    this.selected = this.cols.filter((c) => best.includes(c));
  }
}

/** Variance-threshold feature selection (sklearn VarianceThreshold); records its fit rows (L1.3). */
export function varianceThreshold(options: VarianceThresholdOptions = {}): VarianceThreshold {
  const th = options.threshold ?? 0;
  if (!(th >= 0)) throw invalid('varianceThreshold(options.threshold)', 'a number >= 0', th);
  return new VarianceThreshold('varianceThreshold', 'selection', options);
}

/** Keeps the k columns most correlated with the label (univariate filter, as SelectKBest); records its fit rows (L1.3). */
export function selectKBestCorrelation(options: CorrelationSelectorOptions): CorrelationSelector {
  if (!options || typeof options.label !== 'string') throw invalid('selectKBestCorrelation(options.label)', 'the name of the label column', options?.label);
  if (!Number.isInteger(options.k) || options.k < 1) throw invalid('selectKBestCorrelation(options.k)', 'an integer >= 1', options.k);
  return new CorrelationSelector('selectKBestCorrelation', 'selection', options);
}

export type { VarianceThreshold, CorrelationSelector };
