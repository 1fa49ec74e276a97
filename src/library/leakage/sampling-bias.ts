import type { Finding } from './types';

/**
 * L3.3, sampling bias in the test distribution (Kapoor & Narayanan 2023): whether the test set
 * represents the population the paper's claim is about cannot be read from the data, so the
 * report asks it. `population` names that population when the config states it.
 */
export function samplingBiasQuestion(population?: string): Finding {
  const about = population ? ` (${population})` : '';
  return {
    rule: 'L3.3', severity: 'question', check: 'sampling-bias', count: 0, unit: 'rows', examples: [],
    message: `leakage L3.3: is the test set drawn from the population the claim is about${about}, by the same sampling as deployment data (not filtered, re-weighted or collected differently)? State it in the report`,
  };
}
