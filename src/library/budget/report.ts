import { record } from '../results/index';
import type { Budget, BudgetKey } from './declare';
import type { BudgetTracker, BudgetUsage } from './tracker';

/** Declared budget beside actual use: what lands in results.json under the record `budget`. */
export interface BudgetReport {
  /** The declared limits (empty object when the run declared none). */
  declared: Budget;
  used: BudgetUsage;
  /** The limits the run hit and stopped at; empty when it stayed within budget. */
  over: BudgetKey[];
}

const LAST = Symbol.for('paperlab.budget.lastReport');
type Holder = { [LAST]?: BudgetReport };

/** The report of `tracker` now: declared, used, and the limits that stopped it (`tracker.stoppedBy`). */
export function budgetReport(tracker: BudgetTracker): BudgetReport {
  return { declared: { ...tracker.declared }, used: tracker.usage(), over: [...tracker.stoppedBy] };
}

/**
 * Records the budget report as `record('budget', { declared, used, over })`, so the runner puts it in
 * results.json, and keeps it for {@link lastBudgetReport}. Returns the report.
 */
export function recordBudget(tracker: BudgetTracker): BudgetReport {
  const report = budgetReport(tracker);
  (globalThis as Holder)[LAST] = report;
  record('budget', report);
  return report;
}

/** The report last recorded in this process or kernel (by `recordBudget` or `train`), or undefined. */
export function lastBudgetReport(): BudgetReport | undefined {
  return (globalThis as Holder)[LAST];
}
