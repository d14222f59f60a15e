// Crafted finance data, each set with the instant it is read at. The rule tests read them from the
// in-memory repository (budget-alerts.test.ts, finance-domain.test.ts); user-sql.test.ts holds the
// twin's answers on the same rows in PostgreSQL to the user's own get_current_budget_alerts().
import { InMemoryFinanceRepository, type CategoryRecord } from '../../fixtures/repositories/in-memory-finance';
import type { BudgetRow, TxRow } from '../source-rows';

export const CATEGORIES: CategoryRecord[] = [
  { id: 1, name: 'Lifestyle', subcategory: 'Groceries' },
  { id: 2, name: 'Housing', subcategory: null },
  { id: 3, name: 'Transport', subcategory: 'Fuel' },
  { id: 4, name: 'Entertainment', subcategory: 'Cinema' },
  { id: 5, name: 'Health', subcategory: 'Pharmacy' },
];
export const cat = { groceries: 1, housing: 2, fuel: 3, cinema: 4, pharmacy: 5 } as const;

// 12:00 on Monday 10 March 2025 in Warsaw: day 10 of 31, 21 days remaining.
export const MID_MARCH = '2025-03-10T12:00:00+01:00';

export interface Scenario {
  /** The instant, with its offset, the figures are read at. */
  at: string;
  budgets: BudgetRow[];
  transactions: TxRow[];
}

const march = (budget_id: string, category_id: number, amount: string, over: Partial<BudgetRow> = {}): BudgetRow => ({
  budget_id,
  year: 2025,
  month: 3,
  category_id,
  amount,
  ...over,
});
const expense = (date: string, amount: string, category_id: number): TxRow => ({ date, type: 'Expense', amount, category_id });

/** Spends all of a 100.00 budget of groceries in March, for budgets the function must not see. */
const outOfScope = (id: string, over: Partial<BudgetRow>) => march(id, cat.groceries, '100.00', { threshold: 80, priority: 'High', ...over });

const calm: Scenario = {
  at: MID_MARCH,
  budgets: [march('CALM', cat.groceries, '1000.00', { threshold: 80 })],
  // 300 by day 10 projects 930 for the month: under 1000.
  transactions: [expense('2025-03-10', '300.00', cat.groceries)],
};

export const SCENARIOS = {
  severities: {
    at: MID_MARCH,
    budgets: [
      march('B-CRIT', cat.groceries, '1000.00', { threshold: 80, priority: 'Medium' }),
      march('B-HIGH', cat.fuel, '1000.00', { threshold: 85, priority: 'Medium' }),
      march('B-MED', cat.cinema, '1000.00', { threshold: 100, priority: 'Medium' }),
      march('B-UNDER', cat.pharmacy, '1000.00', { threshold: 80, priority: 'Medium' }),
      march('B-EXACT', cat.housing, '2000.00', { threshold: 100, priority: 'Critical' }),
    ],
    transactions: [
      expense('2025-03-02', '1000.00', cat.groceries),
      expense('2025-03-09', '200.50', cat.groceries),
      expense('2025-03-05', '850.00', cat.fuel),
      expense('2025-03-05', '400.00', cat.cinema),
      expense('2025-03-05', '300.00', cat.pharmacy),
      expense('2025-03-01', '2000.00', cat.housing),
    ],
  },
  scope: {
    at: MID_MARCH,
    budgets: [
      outOfScope('X-INACTIVE', { is_active: false }),
      outOfScope('X-SAVINGS', { type: 'Savings' }),
      outOfScope('X-INCOME', { type: 'Income' }),
      outOfScope('X-ZERO', { amount: '0.00' }),
      outOfScope('X-FEB', { month: 2 }),
      outOfScope('X-APR', { month: 4 }),
      outOfScope('X-LAST-YEAR', { year: 2024 }),
      // In scope and alerting (24.01 % used ≥ 20 %), so the spending is known to be visible.
      march('CONTROL', cat.groceries, '1500.00', { threshold: 20, priority: 'Low' }),
      // Income, Transfer and other months' spending of its category must not count.
      march('QUIET', cat.fuel, '1000.00', { threshold: 50, priority: 'Low' }),
    ],
    transactions: [
      expense('2025-03-03', '360.15', cat.groceries),
      { date: '2025-03-03', type: 'Income', amount: '5000.00', category_id: cat.fuel },
      { date: '2025-03-03', type: 'Transfer', amount: '5000.00', category_id: cat.fuel },
      expense('2025-02-28', '5000.00', cat.fuel),
      expense('2025-04-01', '5000.00', cat.fuel),
      expense('2025-03-04', '10.00', cat.fuel),
    ],
  },
  calm,
  // One grosz more a day than the budget allows projects over it: 322.59 / 10 × 31 = 1000.03.
  overByProjection: { ...calm, transactions: [...calm.transactions, expense('2025-03-10', '22.59', cat.groceries)] },
  order: {
    at: MID_MARCH,
    budgets: [
      march('L-1000', cat.groceries, '1000.00', { threshold: 100, priority: 'Low' }), // 120.05
      march('N-200', cat.groceries, '200.00', { threshold: 100, priority: null }), // 600.25
      march('M-1100', cat.groceries, '1100.00', { threshold: 100, priority: 'Medium' }), // 109.14
      march('C-1000', cat.groceries, '1000.00', { threshold: 100, priority: 'Critical' }), // 120.05
      march('H-800', cat.groceries, '800.00', { threshold: 100, priority: 'High' }), // 150.06
      march('C-500', cat.groceries, '500.00', { threshold: 100, priority: 'Critical' }), // 240.10
    ],
    transactions: [expense('2025-03-05', '1200.50', cat.groceries)],
  },
  // 23:05 UTC on 15 July is 01:05 on 16 July in Warsaw (UTC+2).
  summerTime: {
    at: '2025-07-15T23:05:00Z',
    budgets: [{ budget_id: '2025-07-Groceries', year: 2025, month: 7, category_id: cat.groceries, amount: '10.00' }],
    transactions: [expense('2025-07-01', '11.00', cat.groceries)],
  },
  nullThreshold: {
    at: MID_MARCH,
    budgets: [
      march('N-MED', cat.groceries, '1300.00', { threshold: null }),
      march('N-NONE', cat.groceries, '4000.00', { threshold: null }),
      march('N-CRIT', cat.groceries, '1000.00', { threshold: null }),
    ],
    transactions: [expense('2025-03-05', '1200.50', cat.groceries)],
  },
  zeroThreshold: {
    at: MID_MARCH,
    budgets: [march('ZERO-T', cat.housing, '500.00', { threshold: 0, priority: 'Low' })],
    transactions: [],
  },
  // 20:00 on 31 March in Warsaw (summer time since the 30th).
  lastDay: {
    at: '2025-03-31T20:00:00+02:00',
    budgets: [
      march('LAST-HIGH', cat.groceries, '1000.00', { threshold: 80, priority: 'High' }),
      march('LAST-QUIET', cat.fuel, '1000.00', { threshold: 100, priority: 'High' }),
    ],
    transactions: [expense('2025-03-30', '900.00', cat.groceries), expense('2025-03-31', '990.00', cat.fuel)],
  },
  lastDayUnspent: {
    at: '2025-03-31T20:00:00+02:00',
    budgets: [march('LAST', cat.groceries, '100.00')],
    transactions: [],
  },
  leapFebruary: {
    at: '2024-02-28T10:00:00+01:00',
    budgets: [{ budget_id: 'LEAP', year: 2024, month: 2, category_id: cat.groceries, amount: '100.00', threshold: 100 }],
    transactions: [expense('2024-02-01', '99.00', cat.groceries)],
  },
  bars: {
    at: MID_MARCH,
    budgets: [
      march('B-QUIET', cat.pharmacy, '1000.00', { threshold: 80, priority: 'Critical' }), // 30 %, on pace: no alert
      march('B-MED', cat.cinema, '1000.00', { threshold: 100, priority: 'Critical' }), // 40 %, projected over
      march('B-CRIT', cat.groceries, '1000.00', { threshold: 80, priority: 'Low' }), // 120.05 %
      march('B-HIGH', cat.fuel, '1000.00', { threshold: 85, priority: 'Medium' }), // 85 %, at its threshold
      march('B-UNUSED', cat.housing, '2000.00', { threshold: 100, priority: 'High' }), // nothing spent
      march('X-INCOME', cat.housing, '2000.00', { type: 'Income' }), // not an expense budget: no bar
      march('X-ZERO', cat.housing, '0.00'), // no amount: no bar
    ],
    transactions: [
      expense('2025-03-02', '1200.50', cat.groceries),
      expense('2025-03-05', '850.00', cat.fuel),
      expense('2025-03-05', '400.00', cat.cinema),
      expense('2025-03-05', '300.00', cat.pharmacy),
    ],
  },
} satisfies Record<string, Scenario>;

/** Income, an expense and two transfers in March 2025, read on the 10th: transfers are no income or expense. */
export const TRANSFER_MONTH: Scenario = {
  at: MID_MARCH,
  budgets: [],
  transactions: [
    { date: '2025-03-03', type: 'Income', amount: '5000.00' },
    { date: '2025-03-04', type: 'Expense', amount: '1234.56' },
    { date: '2025-03-05', type: 'Transfer', amount: '999.99' },
    { date: '2025-03-06', type: 'Transfer', amount: '2500.00' },
  ],
};

/** The in-memory repository holding a scenario's rows and the categories. */
export function scenarioRepository(s: Scenario): InMemoryFinanceRepository {
  const repo = new InMemoryFinanceRepository({ categories: [...CATEGORIES] });
  repo.addTransactions(s.transactions);
  repo.addBudgets(s.budgets);
  return repo;
}
