// The finance domain of the twin: month-to-date figures, budget alerts, the budgets of the month and
// net per month, from the finance repository.
import type { FinanceDomain } from '../contract/twin-state';
import type { LocalDate } from '../time/local-date';
import { alertStamp, budgetAlerts } from './budget-alerts';
import { budgetLines } from './budget-overview';
import type { FinanceRepository } from './finance-repository';
import { chartMonths, chartRange, monthlyNet } from './monthly-net';

export type FinanceData = Omit<FinanceDomain, 'status' | 'error' | 'as_of'>;

export interface FinanceContext {
  today: LocalDate;
  currency: string;
  /** The first day whose rows do not count (see TwinDay); by default the next month's first day. */
  until?: string;
}

export async function readFinance(repo: FinanceRepository, ctx: FinanceContext): Promise<FinanceData> {
  const { today } = ctx;
  const until = ctx.until ?? today.nextMonthStart;
  // Month-to-date is the last of the chart's months.
  const [budgets, months] = await Promise.all([repo.budgetFigures(today, until), repo.monthTotals(chartRange(today, until))]);
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
  };
}
