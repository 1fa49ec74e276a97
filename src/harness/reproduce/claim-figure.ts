import type { Figure } from '../../library/display/index';

/** What one claim's figure shows: each seed's value, the mean's CI, the reference and the accepted band. */
export interface ClaimFigureInput {
  claimId: string;
  metric: string;
  /** Whose number `reference` is: the paper's value or a threshold of ours (config.yaml `valueFrom`). */
  valueFrom: 'paper' | 'ours';
  reference: number;
  /** The verdict's band [low, high]; ±Infinity (or null) for an open side. */
  band: readonly [number | null, number | null];
  /** One x label per seed ("seed 1") and its value (null: not recorded, NaN: diverged). */
  seeds: string[];
  values: Array<number | null>;
  /** Mean over the finite values and its CI; null when there are none, `ci` null when n = 1. */
  mean: number | null;
  ci: readonly [number, number] | null;
  /** The CI's level, e.g. 0.95, for the legend. */
  ciLevel: number;
}

// Colours that read apart in print and for red-green colour blindness: green band, blue CI.
const BAND_FILL = 'rgba(26,127,55,0.13)';
const BAND_EDGE = 'rgba(26,127,55,0.55)';
const CI_FILL = 'rgba(31,119,180,0.22)';
const OURS = '#1f77b4';
const REFERENCE = '#5b636e';

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** The y range every number of the figure fits in, padded by 12 %; open band sides run to its edge. */
function yRange(numbers: number[]): [number, number] {
  const lo = Math.min(...numbers);
  const hi = Math.max(...numbers);
  const pad = hi > lo ? (hi - lo) * 0.12 : Math.max(Math.abs(lo) * 0.1, 1e-3);
  return [lo - pad, hi + pad];
}

/** A full-width horizontal band from y0 to y1, under the markers, with its own legend entry. */
function band(y0: number, y1: number, name: string, fill: string, edge: string | null): Record<string, unknown> {
  return {
    type: 'rect', xref: 'paper', x0: 0, x1: 1, yref: 'y', y0, y1, layer: 'below', fillcolor: fill,
    line: edge ? { color: edge, width: 1, dash: 'dot' } : { width: 0 }, showlegend: true, name,
  };
}

/** A full-width horizontal line at y with a legend entry (a shape: it spans the plot even for one seed). */
function level(y: number, name: string, line: Record<string, unknown>): Record<string, unknown> {
  return { type: 'line', xref: 'paper', x0: 0, x1: 1, yref: 'y', y0: y, y1: y, line, showlegend: true, name };
}

/**
 * Plain plotly JSON (no functions) for one claim: the accepted band as a green region (an open
 * side drawn to the axis edge), the mean's CI as a blue band with the mean as a line, and the
 * reference dashed, named "paper's value" or "our threshold" (a threshold of ours never reads as
 * the paper's number); all full-width shapes with legend entries. Each seed's value is a marker.
 */
export function claimFigure(input: ClaimFigureInput): Figure {
  const [low, high] = input.band;
  const values = input.values.map((v) => (finite(v) ? v : null)); // NaN has no place on an axis (JSON null)
  const range = yRange([input.reference, ...values, input.mean, ...(input.ci ?? []), low, high].filter(finite));
  const bandLow = finite(low) ? low : range[0];
  const bandHigh = finite(high) ? high : range[1];
  const refName = input.valueFrom === 'ours' ? 'our threshold' : "paper's value";
  const ci = `${Math.round(input.ciLevel * 100)} % CI`;
  const shapes = [band(bandLow, bandHigh, 'accepted band', BAND_FILL, BAND_EDGE)];
  if (input.ci && finite(input.ci[0]) && finite(input.ci[1])) shapes.push(band(input.ci[0], input.ci[1], `ours: the mean's ${ci}`, CI_FILL, null));
  if (finite(input.mean)) shapes.push(level(input.mean, 'ours: mean', { color: OURS, width: 1.5 }));
  shapes.push(level(input.reference, refName, { color: REFERENCE, width: 2, dash: 'dash' }));
  const data = [{ type: 'scatter', mode: 'markers', name: 'ours (per seed)', x: input.seeds, y: values, marker: { color: OURS, size: 9 } }];
  return {
    data,
    layout: {
      title: { text: input.claimId },
      xaxis: { title: { text: 'run' }, type: 'category' },
      yaxis: { title: { text: input.metric }, range, autorange: false, automargin: true },
      shapes,
      legend: { orientation: 'h', y: -0.25 },
      margin: { t: 40, r: 16 },
    },
  };
}
