// Compute budgets: declared per paper, measured by a tracker, checked by the training loop, and
// recorded beside actual use (wall, CPU, steps, epochs, peak RSS, FLOPs estimate) in results.json.
export { budget, BUDGET_KEYS, type Budget, type BudgetKey } from './declare';
export { BudgetTracker, FLOPS_METHOD, type BudgetUsage, type TrackerOptions } from './tracker';
export { budgetReport, recordBudget, lastBudgetReport, type BudgetReport } from './report';
