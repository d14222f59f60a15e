// One calendar month of money for /finance/details: income, expense and net (closed months from the
// summaries), the largest expenses (live), and the month's budgets, breaches and alerts with the same
// figures and rules as /finance, read on the month's last day, or today while the month runs.
import type { BudgetBreach, MonthDetails } from '../contract/month-details';
import { calendarDate, endOfDay, isoDate, type LocalDate } from '../time/local-date';
import { alertStamp, budgetAlerts, functionRow } from './budget-alerts';
import { budgetLines } from './budget-overview';
import type { FinanceRepository } from './finance-repository';

export const TOP_EXPENSES = 5;

export interface CalendarMonth {
  year: number;
  /** 1 to 12 */
  month: number;
}

export interface MonthDetailsContext {
  month: CalendarMonth;
  today: LocalDate;
  currency: string;
}

const isCurrent = (m: CalendarMonth, today: LocalDate) => m.year === today.year && m.month === today.month;

/**
 * The moment a month's budgets and alerts are read at: now in the current month; for a closed month
 * the last minute of its last day, as get_current_budget_alerts() answered just before it ended.
 */
export function monthAsOf(m: CalendarMonth, today: LocalDate): LocalDate {
  if (isCurrent(m, today)) return today;
  return endOfDay(isoDate(m.year, m.month, calendarDate(isoDate(m.year, m.month, 1)).daysInMonth));
}

export async function readMonthDetails(repo: FinanceRepository, ctx: MonthDetailsContext): Promise<MonthDetails> {
  const asOf = monthAsOf(ctx.month, ctx.today);
  const [from, to] = [asOf.monthStart, asOf.nextMonthStart];
  const [totals, top, figures] = await Promise.all([
    repo.monthTotals({ from, to, open: ctx.today.monthStart }),
    repo.topExpenses(from, to, TOP_EXPENSES),
    repo.budgetFigures(asOf, asOf.nextMonthStart),
  ]);
  const month = from.slice(0, 7);
  const t = totals.find((r) => r.month === month);
  const budgets = budgetLines(figures, asOf.day, asOf.daysInMonth);
  const over = new Map(figures.map((f) => [f.budget_id, Number(f.text.over)]));
  const breaches = budgets
    .filter((b) => b.utilization_pct >= 100)
    .map((b): BudgetBreach => ({ ...b, over_amount: over.get(b.budget_id) ?? Number.NaN }));
  const alerts = budgetAlerts(figures, alertStamp(asOf.date, asOf.hour, asOf.minute), ctx.currency).map(functionRow);
  return {
    month,
    currency: ctx.currency,
    first_day: from,
    last_day: isoDate(asOf.year, asOf.month, asOf.daysInMonth),
    closed: !isCurrent(ctx.month, ctx.today),
    as_of: asOf.date,
    has_data: t !== undefined || figures.length > 0,
    income: t?.income ?? 0,
    expense: t?.expense ?? 0,
    net: t?.net ?? 0,
    top_expenses: top,
    budgets,
    breaches,
    alerts,
  };
}
