// Income, expense and net per calendar month over the last twelve, for the net-per-month chart. Transfers
// move money between the person's own accounts: net is income minus expense. The last month is also the
// month-to-date figure.
import type { MonthNet } from '../contract/twin-state';
import type { DayRange } from '../time/day-range';
import { monthBack, type LocalDate } from '../time/local-date';
import type { MonthTotals } from './finance-repository';

export const CHART_MONTHS = 12;

/** YYYY-MM of the twelve months ending with today's, oldest first. */
export function chartMonths(today: Pick<LocalDate, 'year' | 'month'>): string[] {
  return Array.from({ length: CHART_MONTHS }, (_, i) => monthBack(today, CHART_MONTHS - 1 - i));
}

/** The chart's days: from the first of the oldest month to `until` (by default the first of the next month). */
export function chartRange(today: LocalDate, until = today.nextMonthStart): DayRange {
  return { from: `${chartMonths(today)[0]}-01`, to: until, open: today.monthStart };
}

/** One entry per month, zeros where nothing was booked; net subtracted in SQL, exactly. */
export function monthlyNet(months: readonly string[], rows: readonly MonthTotals[]): MonthNet[] {
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return months.map((month) => {
    const r = byMonth.get(month);
    return r ? { month, income: r.income, expense: r.expense, net: r.net } : { month, income: 0, expense: 0, net: 0 };
  });
}
