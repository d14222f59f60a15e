// Every budget of the month for the budget bars: the same per-budget figures the alerts come from,
// so a bar and its alert can never disagree, with the pace a budget spent evenly would be at today.
import { worstFirst } from '../contract/alert-order';
import type { BudgetLine } from '../contract/twin-state';
import { severityOf, type BudgetFigures } from './budget-alerts';

/** Percent of the month gone by the end of `day`, two places (a budget on track has spent about this much). */
export function monthElapsedPct(day: number, daysInMonth: number): number {
  return Math.round((day / daysInMonth) * 10_000) / 100;
}

export function budgetLines(budgets: readonly BudgetFigures[], day: number, daysInMonth: number): BudgetLine[] {
  const elapsed = monthElapsedPct(day, daysInMonth);
  return worstFirst(
    budgets.map((b) => ({
      budget_id: b.budget_id,
      category_path: b.category_path,
      priority: b.priority,
      budget_amount: b.budget_amount,
      actual_amount: b.actual_amount,
      utilization_pct: b.utilization_pct,
      alert_threshold: b.alert_threshold,
      month_elapsed_pct: elapsed,
      projected_month_end: b.projected_month_end,
      alert_severity: severityOf(b),
    })),
  );
}
