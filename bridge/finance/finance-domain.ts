// The finance domain of the twin: month-to-date figures, budget alerts, the budgets of the month,
// net per month and the scheduled payments coming up, from the finance repository.
import type { FinanceDomain } from '../contract/twin-state';
import type { LocalDate } from '../time/local-date';
import { todayBounds, type DayBounds } from '../time/twin-day';
import { alertStamp, budgetAlerts } from './budget-alerts';
import { budgetLines } from './budget-overview';
import type { FinanceRepository } from './finance-repository';
import { chartMonths, chartRange, monthlyNet } from './monthly-net';
import { upcomingNote, upcomingPayments } from './upcoming-payments';

export type FinanceData = Omit<FinanceDomain, 'status' | 'error' | 'as_of'>;

export interface FinanceContext {
  today: LocalDate;
  currency: string;
  /** A past day's bounds; by default today's. */
  bounds?: DayBounds;
}

export async function readFinance(repo: FinanceRepository, ctx: FinanceContext): Promise<FinanceData> {
  const { today } = ctx;
  const { until, open } = ctx.bounds ?? todayBounds(today);
  // Month-to-date is the last of the chart's months.
  const [budgets, months, upcoming] = await Promise.all([
    repo.budgetFigures(today, until),
    repo.monthTotals(chartRange(today, { until, open })),
    repo.upcoming(today.date),
  ]);
  const monthly = monthlyNet(chartMonths(today), months);
  const mtd = monthly[monthly.length - 1];
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
    upcoming: upcomingPayments(upcoming.rows, ctx.currency),
    upcoming_note: upcomingNote(upcoming.source),
  };
}
