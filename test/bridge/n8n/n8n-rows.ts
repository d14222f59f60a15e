// The finance rows the n8n endpoint tests craft, in PostgreSQL and in memory alike.
import type { BudgetRow, TxRow } from '../source-rows';
import { addDays } from '../../../bridge/time/local-date';

// Wednesday 2 December 2026, 10:00 in Warsaw.
export const TODAY = '2026-12-02';
export const NOW = '2026-12-02T10:00:00+01:00';

/**
 * 50 a day over the 180 days before today, one day of 3,000 more, plus what must not count: income,
 * a transfer, today's spending and spending from before the window; a groceries budget exceeded and
 * a fuel one on course to be.
 */
export function financeRows(c: { groceries: number; fuel: number }): { transactions: TxRow[]; budgets: BudgetRow[] } {
  const days = Array.from({ length: 180 }, (_, i) => addDays(TODAY, -1 - i));
  return {
    transactions: [
      ...days.map((date) => ({ date, type: 'Expense' as const, amount: '50.00', category_id: c.groceries })),
      { date: addDays(TODAY, -60), type: 'Expense', amount: '3000.00', category_id: c.fuel },
      { date: addDays(TODAY, -10), type: 'Income', amount: '9000.00' },
      { date: addDays(TODAY, -11), type: 'Transfer', amount: '7000.00' },
      { date: TODAY, type: 'Expense', amount: '999.00', category_id: c.fuel },
      { date: addDays(TODAY, -200), type: 'Expense', amount: '5000.00', category_id: c.fuel },
    ],
    budgets: [
      { budget_id: 'B-GROC', year: 2026, month: 12, category_id: c.groceries, amount: '40.00', threshold: 90, priority: 'High' },
      { budget_id: 'B-FUEL', year: 2026, month: 12, category_id: c.fuel, amount: '5000.00', threshold: 80, priority: 'Medium' },
    ],
  };
}
