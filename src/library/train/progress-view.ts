import * as cliProgress from 'cli-progress';
import { inKernel, progress } from '../display/index';

/** What the training loop reports to a progress view after each step. */
export interface ProgressTick {
  step: number;
  loss: number;
  /** Seconds of wall budget left, when the budget has a wall limit. */
  wallLeftSeconds?: number;
  /** Latest evaluation metrics. */
  metrics?: Record<string, number>;
}

/** A progress display the loop can drive without knowing where it draws. */
export interface ProgressView {
  tick(t: ProgressTick): void;
  done(): void;
}

const SILENT: ProgressView = { tick() {}, done() {} };

/** Where progress goes: a kernel output, a TTY bar, or nowhere. */
export type ProgressMode = 'kernel' | 'tty' | 'none';

/**
 * Where progress can be drawn. Call it before starting the budget clock: the first `inKernel()`
 * outside a kernel loads tslab (~0.9 s measured here).
 */
export function progressMode(enabled: boolean): ProgressMode {
  if (!enabled) return 'none';
  if (inKernel()) return 'kernel';
  return process.stderr.isTTY ? 'tty' : 'none';
}

/**
 * The live progress of a run over `total` steps starting at `first` (non-zero after a resume): in a
 * tslab kernel the self-updating line of `progress()` from src/library/display, with the budget's time
 * left as a metric; outside a kernel a cli-progress bar on a TTY stderr; otherwise nothing (logs and
 * piped test output stay clean).
 */
export function progressView(mode: ProgressMode, total: number, first: number, stream: NodeJS.WriteStream = process.stderr): ProgressView {
  if (mode === 'kernel') return kernelView(total, first);
  if (mode === 'tty') return cliView(total, first, stream);
  return SILENT;
}

function kernelView(total: number, first: number): ProgressView {
  // progress() rates steps from its own start: count this call's steps only, so speed and ETA hold after a resume.
  const p = progress({ total: total - first, label: first > 0 ? `train (resumed at step ${first})` : 'train' });
  return {
    tick(t) {
      const shown: Record<string, number> = { loss: t.loss, ...(t.metrics ?? {}) };
      if (t.wallLeftSeconds !== undefined) shown['budget s left'] = t.wallLeftSeconds;
      p.update(t.step - first, shown);
    },
    done: () => p.done(),
  };
}

function cliView(total: number, first: number, stream: NodeJS.WriteStream): ProgressView {
  const bar = new cliProgress.SingleBar(
    {
      format: 'train {bar} {value}/{total} | loss {loss} | {speed} steps/s | ETA {eta_formatted} | budget {budget}',
      stream,
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  bar.start(total, first, { loss: '-', speed: '-', budget: '-' });
  return {
    tick(t) {
      const seconds = (Date.now() - started) / 1000;
      const speed = seconds > 0 ? ((t.step - first) / seconds).toFixed(1) : '-';
      const budget = t.wallLeftSeconds === undefined ? 'no wall limit' : `${t.wallLeftSeconds.toFixed(0)} s left`;
      bar.update(t.step, { loss: t.loss.toPrecision(4), speed, budget });
    },
    done: () => bar.stop(),
  };
}
