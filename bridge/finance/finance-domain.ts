// autonomous_finance → month-to-date figures and budget alerts.
import type { FinanceDomain } from '../contract/twin-state';
import { num, numOrNull, type Queryable } from '../db/pools';
import type { LocalDate } from '../time/local-date';
import { alertStamp, budgetAlerts, type BudgetFigures } from './budget-alerts';
import { budgetLines } from './budget-overview';
import type { ClosedDays } from '../store/closed-or-live';
import { chartMonths, monthlyNet, readMonthRows } from './monthly-net';

export type FinanceData = Omit<FinanceDomain, 'status' | 'error' | 'as_of'>;

// The figures of get_current_budget_alerts() for every budget in its scope, with "today" passed in
// rather than read from the server's clock. Rounding is PostgreSQL's (numeric, half away from zero).
const BUDGET_FIGURES_SQL = `
  WITH month_spend AS (
    -- One pass over the month's expenses (one partition, by date), not one per budget.
    SELECT t.category_id, sum(t.amount) AS actual
    FROM transactions t
    WHERE t.type = 'Expense' AND t.transaction_date >= $1::date AND t.transaction_date < $2::date
    GROUP BY t.category_id
  ), spent AS (
    SELECT b.budget_id, b.budget_amount, b.alert_threshold, b.priority, b.category_id,
           coalesce(ms.actual, 0) AS actual
    FROM budgets b
    LEFT JOIN month_spend ms ON ms.category_id = b.category_id
    WHERE b.is_active AND b.type = 'Expense' AND b.budget_amount > 0
      AND b.budget_year = $3 AND b.budget_month = $4
  ), measured AS (
    SELECT s.*, round(s.actual / s.budget_amount * 100, 2) AS util,
           round(s.actual / $5::int * $6::int, 2) AS projected,
           $6::int - $5::int AS days_left
    FROM spent s
  )
  SELECT m.budget_id,
         c.category_name || coalesce(' > ' || c.subcategory_name, '') AS category_path,
         m.priority, m.alert_threshold,
         to_char(m.budget_amount, 'FM999999999990.00') AS budget_amount,
         to_char(m.actual, 'FM999999999990.00') AS actual_amount,
         to_char(m.util, 'FM999999999990.00') AS utilization_pct,
         to_char(m.projected, 'FM999999999990.00') AS projected_month_end,
         m.days_left AS days_remaining,
         CASE WHEN m.days_left > 0 THEN to_char(round((m.budget_amount - m.actual) / m.days_left, 2), 'FM999999999990.00') END
           AS daily_limit_remaining,
         to_char(m.budget_amount - m.actual, 'FM999999999990.00') AS left_amount,
         to_char(m.actual - m.budget_amount, 'FM999999999990.00') AS over_amount,
         to_char(m.projected - m.budget_amount, 'FM999999999990.00') AS projected_over
  FROM measured m
  LEFT JOIN categories c ON c.category_id = m.category_id
  -- The function's order; the tie on budget_id follows the database's collation, which only SQL knows.
  ORDER BY CASE m.priority WHEN 'Critical' THEN 1 WHEN 'High' THEN 2 WHEN 'Medium' THEN 3 ELSE 4 END,
           m.util DESC, m.budget_id`;

/** A row of BUDGET_FIGURES_SQL: the amounts as to_char text, exact. */
interface BudgetFiguresRow {
  budget_id: string;
  /** null when the budget's category is missing */
  category_path: string | null;
  priority: string | null;
  alert_threshold: number | null;
  budget_amount: string;
  actual_amount: string;
  utilization_pct: string;
  projected_month_end: string;
  days_remaining: number;
  daily_limit_remaining: string | null;
  left_amount: string;
  over_amount: string;
  projected_over: string;
}

function figuresOf(r: BudgetFiguresRow): BudgetFigures {
  return {
    budget_id: r.budget_id,
    category_path: r.category_path ?? '(no category)',
    priority: r.priority,
    alert_threshold: r.alert_threshold,
    budget_amount: num(r.budget_amount),
    actual_amount: num(r.actual_amount),
    utilization_pct: num(r.utilization_pct),
    projected_month_end: num(r.projected_month_end),
    days_remaining: r.days_remaining,
    daily_limit_remaining: numOrNull(r.daily_limit_remaining),
    text: { left: r.left_amount, over: r.over_amount, projectedOver: r.projected_over, dailyLimit: r.daily_limit_remaining },
  };
}

export interface FinanceContext {
  today: LocalDate;
  currency: string;
  /** Closed months already summarised; null reads every month from the transactions. */
  ledger?: ClosedDays | null;
}

export async function readFinance(db: Queryable, ctx: FinanceContext): Promise<FinanceData> {
  const { today } = ctx;
  // Month-to-date is the last of the chart's months, always read live like the budget figures.
  const [figures, months] = await Promise.all([
    db.query<BudgetFiguresRow>(BUDGET_FIGURES_SQL, [
      today.monthStart,
      today.nextMonthStart,
      today.year,
      today.month,
      today.day,
      today.daysInMonth,
    ]),
    readMonthRows(db, today, ctx.ledger ?? null),
  ]);
  const monthly = monthlyNet(chartMonths(today), months);
  const mtd = monthly[monthly.length - 1];
  const budgets = figures.rows.map(figuresOf);
  const alerts = budgetAlerts(
    budgets,
    alertStamp(today.date, today.hour, today.minute),
    ctx.currency,
  );
  return {
    currency: ctx.currency,
    month: today.monthStart.slice(0, 7),
    mtd_net: mtd.net,
    mtd_income: mtd.income,
    mtd_expense: mtd.expense,
    active_budget_alerts: alerts.length,
    alerts,
    budgets: budgetLines(budgets, today.day, today.daysInMonth),
    monthly_net: monthly,
  };
}
