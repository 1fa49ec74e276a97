import type { Figure } from '../display/index';
import type { StepProfile } from './profile-step';

/**
 * A plotly figure of ms per step by op (horizontal bars, slowest on top, `top` ops, default 12).
 * Given several profiles (e.g. before and after a change) it draws grouped bars, one trace each,
 * over the union of their top ops. Show it with `plot(profileFigure(p))`.
 */
export function profileFigure(profiles: StepProfile | StepProfile[], options: { top?: number } = {}): Figure {
  const list = Array.isArray(profiles) ? profiles : [profiles];
  const top = options.top ?? 12;
  const ops: string[] = [];
  for (const p of list) for (const r of p.rows.slice(0, top)) if (!ops.includes(r.op)) ops.push(r.op);
  const slowest = (op: string): number => Math.max(...list.map((p) => p.rows.find((r) => r.op === op)?.ms ?? 0));
  ops.sort((a, b) => slowest(a) - slowest(b)); // plotly draws the first category at the bottom
  const data = list.map((p) => ({
    type: 'bar',
    orientation: 'h',
    name: `${p.label} (${p.wallMs.toFixed(1)} ms/step)`,
    y: ops,
    x: ops.map((op) => p.rows.find((r) => r.op === op)?.ms ?? 0),
    customdata: ops.map((op) => ((p.rows.find((r) => r.op === op)?.share ?? 0) * 100).toFixed(1)),
    hovertemplate: '%{y}: %{x:.3f} ms (%{customdata}% of kernel time)<extra></extra>',
  }));
  const title = list.length === 1 ? `Time per op: ${list[0]!.label} on ${list[0]!.backend}` : `Time per op: ${list.map((p) => p.label).join(' vs ')}`;
  return {
    data,
    layout: {
      title: { text: title },
      barmode: 'group',
      xaxis: { title: { text: 'kernel ms per step' } },
      margin: { l: 140 },
      height: Math.max(260, 60 + ops.length * 22 * list.length),
    },
  };
}
