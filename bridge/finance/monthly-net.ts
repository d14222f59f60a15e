// Income, expense and net per calendar month over the last twelve, for the net-per-month chart.
import type { MonthNet } from '../contract/twin-state';
import { num, type Queryable } from '../db/pools';
import { readClosedOrLive, type ClosedDays } from '../store/closed-or-live';
import { overTransactions } from '../ledger/finance-summary';
import { isoDate, type LocalDate } from '../time/local-date';

export const CHART_MONTHS = 12;

// Transfers move money between the person's own accounts: net is income minus expense. The last
// month is also the month-to-date figure. The date range keeps the scan to at most two yearly
// partitions, read through idx_transactions_date. Written over the transactions' columns, so that
// the ledger's closed days (summed per day, category and type) read the same way.
export const monthlyNetSql = (relation: string) => `
  SELECT to_char(transaction_date, 'YYYY-MM') AS month,
         coalesce(sum(amount) FILTER (WHERE type = 'Income'), 0) AS income,
         coalesce(sum(amount) FILTER (WHERE type = 'Expense'), 0) AS expense,
         coalesce(sum(amount) FILTER (WHERE type = 'Income'), 0)
           - coalesce(sum(amount) FILTER (WHERE type = 'Expense'), 0) AS net
  FROM ${relation}
  WHERE transaction_date >= $1::date AND transaction_date < $2::date
    AND type IN ('Income', 'Expense')
  GROUP BY 1`;

/** A row of monthlyNetSql; the sums are numeric, so text. */
export interface MonthNetRow {
  month: string;
  income: string;
  expense: string;
  net: string;
}

/** YYYY-MM of the twelve months ending with today's, oldest first. */
export function chartMonths(today: Pick<LocalDate, 'year' | 'month'>): string[] {
  const months: string[] = [];
  for (let back = CHART_MONTHS - 1; back >= 0; back--) {
    const index = today.year * 12 + (today.month - 1) - back;
    months.push(isoDate(Math.floor(index / 12), (index % 12) + 1, 1).slice(0, 7));
  }
  return months;
}

/** Query parameters: first day of the oldest month, first day of the next month. */
export function monthlyNetRange(today: Pick<LocalDate, 'year' | 'month' | 'nextMonthStart'>): [string, string] {
  return [`${chartMonths(today)[0]}-01`, today.nextMonthStart];
}

const MONTHS = overTransactions(monthlyNetSql);

/** The chart's months: the closed ones the ledger has checked, the rest from the transactions. */
export async function readMonthRows(db: Queryable, today: LocalDate, ledger: ClosedDays | null): Promise<MonthNetRow[]> {
  const [from, to] = monthlyNetRange(today);
  return readClosedOrLive<MonthNetRow>(db, ledger, MONTHS, { from, to, open: today.monthStart });
}

/** One entry per month, zeros where nothing was booked; net subtracted in SQL, exactly. */
export function monthlyNet(months: readonly string[], rows: readonly MonthNetRow[]): MonthNet[] {
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return months.map((month) => {
    const r = byMonth.get(month);
    return r ? { month, income: num(r.income), expense: num(r.expense), net: num(r.net) } : { month, income: 0, expense: 0, net: 0 };
  });
}
