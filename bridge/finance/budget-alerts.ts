// The budget alert rules of the user's get_current_budget_alerts(), as a pure function over the
// per-budget figures (computed in SQL with exact numeric arithmetic, see finance-source.ts, and
// converted to numbers once where the rows enter).
import type { AlertRow } from '../contract/n8n-responses';
import type { AlertSeverity, BudgetAlert } from '../contract/twin-state';

export interface BudgetFigures {
  budget_id: string;
  category_path: string;
  priority: string | null;
  /** percent; null (never set) means only overspending and projections alert */
  alert_threshold: number | null;
  /** Rounded by PostgreSQL to two places. */
  budget_amount: number;
  actual_amount: number;
  utilization_pct: number;
  projected_month_end: number;
  days_remaining: number;
  /** null on the last day of the month */
  daily_limit_remaining: number | null;
  /** The amounts the messages quote, exactly as the function's to_char writes them (two places). */
  text: {
    /** budget − actual, actual − budget, projected − budget */
    left: string;
    over: string;
    projectedOver: string;
    /** null on the last day of the month */
    dailyLimit: string | null;
  };
}

const PRIORITY_RANK: Record<string, number> = { Critical: 1, High: 2, Medium: 3 };

/** `YYYYMMDDHH24MI` of the local time the alerts were computed at. */
export function alertStamp(date: string, hour: number, minute: number): string {
  return `${date.replaceAll('-', '')}${String(hour).padStart(2, '0')}${String(minute).padStart(2, '0')}`;
}

/** The function's severity for one budget; null when it returns no row for it. */
export function severityOf(b: BudgetFigures): AlertSeverity | null {
  if (b.utilization_pct >= 100) return 'CRITICAL';
  if (b.alert_threshold !== null && b.utilization_pct >= b.alert_threshold) return 'HIGH';
  if (b.projected_month_end > b.budget_amount) return 'MEDIUM';
  return null;
}

function actionText(severity: AlertSeverity, b: BudgetFigures, currency: string): string {
  switch (severity) {
    case 'CRITICAL':
      return `🚨 STOP SPENDING: Budget exceeded by ${b.text.over} ${currency}`;
    case 'HIGH':
      // On the last day there is no daily limit: all that is left is for today.
      return `⚠️ SLOW DOWN: ${b.text.left} ${currency} left for ${b.days_remaining} days (max ${b.text.dailyLimit ?? b.text.left} ${currency}/day)`;
    case 'MEDIUM':
      return `📊 PROJECTED OVERSPEND: Current rate suggests ${b.text.projectedOver} ${currency} overage`;
  }
}

export function budgetAlerts(budgets: readonly BudgetFigures[], stamp: string, currency: string): BudgetAlert[] {
  const alerts: BudgetAlert[] = [];
  for (const b of budgets) {
    const severity = severityOf(b);
    if (!severity) continue;
    alerts.push({
      alert_id: `ALERT-${b.budget_id}-${stamp}`,
      budget_id: b.budget_id,
      alert_severity: severity,
      category_path: b.category_path,
      budget_amount: b.budget_amount,
      actual_amount: b.actual_amount,
      utilization_pct: b.utilization_pct,
      alert_threshold: b.alert_threshold,
      projected_month_end: b.projected_month_end,
      days_remaining: b.days_remaining,
      daily_limit_remaining: b.daily_limit_remaining,
      recommended_action: actionText(severity, b, currency),
      priority: b.priority,
    });
  }
  // Stable sort: ties keep the order the budgets came in (SQL's ORDER BY budget_id, in the
  // database's collation, as get_current_budget_alerts() orders them).
  return alerts.sort(
    (a, b) =>
      (PRIORITY_RANK[a.priority ?? ''] ?? 4) - (PRIORITY_RANK[b.priority ?? ''] ?? 4) ||
      b.utilization_pct - a.utilization_pct,
  );
}

/** An alert as get_current_budget_alerts() returns it: its columns in its order (the twin also keeps the budget id). */
export function functionRow({ budget_id: _id, ...row }: BudgetAlert): AlertRow {
  return row;
}
