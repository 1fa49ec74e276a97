import type { Figure } from '../../library/display/index';
import { formatCi, formatNumber, shortHash, toNumber } from './format';
import type { ClaimRow, HistoryRun } from './types';

/** The runs a figure may plot: finished ones; interrupted runs judged partial seeds only. */
export function plottedRuns(history: readonly HistoryRun[]): HistoryRun[] {
  return history.filter((r) => r.interrupted === null);
}

/** "3f2a1c0d9e", "3f2a1c0d9e+dirty", "a, b" for several, "—" when no manifest names one. */
export function commitText(commits: HistoryRun['commits']): string {
  if (commits.length === 0) return '—';
  return commits.map((c) => `${shortHash(c.commit)}${c.dirty ? '+dirty' : ''}`).join(', ');
}

/** A run stamp (`20261204T195759Z`, `…-replay`) as the ISO time a date axis places it at; null when it is none. */
export function stampTime(run: HistoryRun): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/.exec(run.stamp);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z` : run.startedAt;
}

/**
 * One claim's mean over runs, oldest to newest: full runs as one line with their CI as error
 * bars, replay runs (the CI profile: other parameters, so another experiment) as separate
 * markers never joined to them; the paper's value (or our threshold) as a dashed line and a
 * two-sided accepted band shaded. x is when the run started; hover names stamp, commit and n.
 * Null when no finished run judged the claim.
 */
export function claimHistoryFigure(claim: ClaimRow, history: readonly HistoryRun[]): Figure | null {
  const oldestFirst = plottedRuns(history).filter((r) => stampTime(r) !== null).reverse();
  const points = (profile: HistoryRun['profile']) => oldestFirst.flatMap((run) => {
    const c = run.profile === profile ? run.claims.find((x) => x.id === claim.id) : undefined;
    return c && c.mean !== null ? [{ run, c }] : [];
  });
  const trace = (profile: HistoryRun['profile']) => {
    const p = points(profile);
    if (p.length === 0) return [];
    const full = profile === 'full';
    return [{
      type: 'scatter', mode: full ? 'lines+markers' : 'markers', name: full ? 'full runs: mean, 95% CI' : 'replay runs (CI profile, other parameters)',
      x: p.map(({ run }) => stampTime(run)), y: p.map(({ c }) => c.mean),
      error_y: { type: 'data', symmetric: false, array: p.map(({ c }) => (c.ci ? c.ci[1] - c.mean! : 0)), arrayminus: p.map(({ c }) => (c.ci ? c.mean! - c.ci[0] : 0)), visible: true },
      text: p.map(({ run, c }) => `${run.stamp} · commit ${commitText(run.commits)} · n=${c.n}${c.ci ? ` · CI ${formatCi(c)}` : ' · no CI'}`),
      hovertemplate: '%{text}<br>mean %{y}<extra></extra>',
      marker: { symbol: full ? 'circle' : 'diamond-open', size: full ? 8 : 9 },
    }];
  };
  const data = [...trace('full'), ...trace('replay')];
  if (data.length === 0) return null;
  const ours = claim.valueFrom === 'ours';
  const value = toNumber(claim.paperValue);
  const [lo, hi] = (claim.band ?? [null, null]).map(toNumber) as [number | null, number | null];
  const shapes: Array<Record<string, unknown>> = [];
  if (lo !== null && hi !== null && Number.isFinite(lo) && Number.isFinite(hi) && lo < hi) {
    shapes.push({ type: 'rect', xref: 'paper', x0: 0, x1: 1, yref: 'y', y0: lo, y1: hi, fillcolor: 'rgba(26,127,55,0.10)', line: { width: 0 }, layer: 'below' });
  }
  if (value !== null && Number.isFinite(value)) {
    shapes.push({ type: 'line', xref: 'paper', x0: 0, x1: 1, yref: 'y', y0: value, y1: value, line: { dash: 'dash', color: '#57606a', width: 1.5 } });
  }
  const label = value !== null && Number.isFinite(value) ? `${ours ? 'our threshold' : "paper's value"} ${formatNumber(value)}` : '';
  return {
    data,
    layout: {
      title: { text: `${claim.id}: over runs`, font: { size: 14 } },
      xaxis: { type: 'date' }, // when the run started, UTC (the caption says so: an axis title collides with the legend)
      yaxis: { title: { text: claim.metric } },
      shapes,
      annotations: label ? [{ xref: 'paper', x: 0, xanchor: 'left', yref: 'y', y: value, yanchor: 'bottom', text: label, showarrow: false, font: { size: 11, color: '#57606a' } }] : [],
      showlegend: true, // also with one trace: it says whether the markers are full or replay runs
      legend: { orientation: 'h', y: -0.22 },
      margin: { t: 40, r: 20, b: 70, l: 60 },
    },
  };
}
