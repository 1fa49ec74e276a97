// Multi-seed statistics: mean, sample std, sem and a t or seeded bootstrap confidence interval.
export {
  summarize, INTERVAL_METHODS, type Summary, type SummarizeOptions, type IntervalMethod,
} from './summarize';
export { mean, sampleStd, quantileSorted } from './moments';
export { formatValue, formatSummary, distinctDigits } from './format';
