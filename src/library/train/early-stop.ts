import { invalid } from '../errors/index';
import type { EarlyStop, Metrics } from './types';

/** Best value so far and evaluations since it improved; kept in checkpoints. */
export interface EarlyStopState {
  best: number;
  since: number;
}

/** Checks an `earlyStop` option; returns it unchanged. */
export function checkEarlyStop(e: EarlyStop): EarlyStop {
  if (typeof e.metric !== 'string' || !e.metric) throw invalid('train(earlyStop.metric)', 'a metric name, e.g. "valLoss"', e.metric);
  if (e.mode !== 'min' && e.mode !== 'max') throw invalid('train(earlyStop.mode)', "'min' or 'max'", e.mode);
  if (!Number.isSafeInteger(e.patience) || e.patience < 1) throw invalid('train(earlyStop.patience)', 'a positive integer', e.patience);
  if (e.minDelta !== undefined && !(e.minDelta >= 0)) throw invalid('train(earlyStop.minDelta)', 'a number >= 0', e.minDelta);
  return e;
}

/**
 * Updates the early-stop state with one evaluation (`metrics` includes `loss`) and says whether to
 * stop: after `patience` evaluations in a row that did not beat the best by more than `minDelta`.
 * A NaN metric never counts as an improvement.
 */
export function earlyStopUpdate(e: EarlyStop, state: EarlyStopState | undefined, metrics: Metrics): { state: EarlyStopState; stop: boolean } {
  const value = metrics[e.metric];
  if (typeof value !== 'number') {
    throw invalid('train(earlyStop.metric)', `one of ${Object.keys(metrics).join(', ')}`, e.metric, 'return it from evaluate()');
  }
  const delta = e.minDelta ?? 0;
  const better = !Number.isNaN(value) && (state === undefined || Number.isNaN(state.best) || (e.mode === 'min' ? value < state.best - delta : value > state.best + delta));
  if (better) return { state: { best: value, since: 0 }, stop: false };
  const next = { best: state?.best ?? NaN, since: (state?.since ?? 0) + 1 };
  return { state: next, stop: next.since >= e.patience };
}
