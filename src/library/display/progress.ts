import { liveDisplay } from './bundle';

export interface ProgressOptions {
  /** Steps in all. */
  total: number;
  /** Shown before the bar, e.g. "train". */
  label?: string;
  /** Minimum time between two redraws (ms). Default 150: enough for the eye, cheap for the kernel. */
  redrawMs?: number;
}

export interface Progress {
  /** Reports that `step` steps are done, with metrics to show (e.g. `{ loss: 0.12 }`). */
  update(step: number, metrics?: Record<string, number>): void;
  /** Final redraw at 100 % (or wherever it stopped). */
  done(): void;
}

/**
 * A live progress line in a notebook cell: one output that rewrites itself (update_display_data)
 * instead of flooding the cell, with steps/s and time left. Outside a kernel it prints at most one
 * line per redraw interval.
 */
export function progress(options: ProgressOptions): Progress {
  const { total, label = 'progress', redrawMs = 150 } = options;
  const display = liveDisplay();
  const started = Date.now();
  let last = 0;
  let step = 0;
  let metrics: Record<string, number> = {};
  const draw = () => {
    const seconds = (Date.now() - started) / 1000;
    const rate = step / Math.max(seconds, 1e-9);
    const left = rate > 0 ? (total - step) / rate : NaN;
    const fraction = total > 0 ? Math.min(1, step / total) : 1;
    const bar = '█'.repeat(Math.round(fraction * 30)).padEnd(30, '░');
    const shown = Object.entries(metrics).map(([k, v]) => `${k} ${v.toPrecision(4)}`).join('  ');
    const text = `${label} ${bar} ${step}/${total}  ${rate.toFixed(1)} steps/s  ${seconds.toFixed(1)} s${Number.isFinite(left) ? ` (${left.toFixed(1)} s left)` : ''}  ${shown}`;
    display.update({ 'text/plain': text });
  };
  return {
    update(s, m) {
      step = s;
      if (m) metrics = m;
      if (Date.now() - last >= redrawMs) {
        last = Date.now();
        draw();
      }
    },
    done() {
      draw();
    },
  };
}
