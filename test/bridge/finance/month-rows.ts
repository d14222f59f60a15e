// Four months of plausible finance rows (December 2025 to March 2026, across New Year and a February)
// for the /finance/details tests in PostgreSQL: about 30 expenses a month over four categories, one budget 95 % spent, a
// salary, transfers that must not count, and the month's budgets (one of them out of the alert
// function's scope). Deterministic: the same rows on every run.
import { isoDate } from '../../../bridge/time/local-date';
import type { BudgetRow, TxRow } from '../source-rows';

export const MONTHS = [
  { year: 2025, month: 12, days: 31 },
  { year: 2026, month: 1, days: 31 },
  { year: 2026, month: 2, days: 28 },
  { year: 2026, month: 3, days: 31 },
];

export const CATEGORY_ROWS = [
  { id: 1, name: 'Lifestyle', subcategory: 'Groceries' },
  { id: 2, name: 'Transport', subcategory: 'Fuel' },
  { id: 3, name: 'Housing', subcategory: 'Rent' },
  { id: 4, name: 'Entertainment', subcategory: null },
  { id: 5, name: 'Health', subcategory: 'Pharmacy' },
];

const MERCHANTS = ['Biedronka', 'Żabka', 'ORLEN', 'Lidl', 'Kino Helios'];

/** A small linear congruential generator: the same sequence from the same seed. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

export function monthRows(): { transactions: TxRow[]; budgets: BudgetRow[] } {
  const next = generator(26);
  const transactions: TxRow[] = [];
  const budgets: BudgetRow[] = [];
  for (const { year, month, days } of MONTHS) {
    const day = (d: number) => isoDate(year, month, d);
    const tag = `${year}${String(month).padStart(2, '0')}`;
    for (let i = 0; i < 30; i++) {
      const category = 1 + Math.floor(next() * 4);
      transactions.push({
        id: `E-${tag}-${i}`,
        date: day(1 + Math.floor(next() * days)),
        type: 'Expense',
        amount: (5 + Math.floor(next() * 30_000) / 100).toFixed(2),
        category_id: category === 4 && i % 5 === 0 ? null : category,
        merchant: MERCHANTS[Math.floor(next() * MERCHANTS.length)],
        description: i % 3 === 0 ? `Zakupy ${i}` : null,
      });
    }
    transactions.push(
      { id: `I-${tag}`, date: day(10), type: 'Income', amount: '7200.00', merchant: 'Employer' },
      { id: `R-${tag}`, date: day(1), type: 'Expense', amount: '2500.00', category_id: 3, merchant: 'Landlord', description: 'Rent' },
      { id: `T-${tag}`, date: day(11), type: 'Transfer', amount: '9999.00', category_id: 3, merchant: 'Savings' },
      { id: `P-${tag}`, date: day(2), type: 'Expense', amount: '95.00', category_id: 5, merchant: 'Apteka' },
    );
    budgets.push(
      { budget_id: `GROC-${tag}`, year, month, category_id: 1, amount: '1000.00', threshold: 90, priority: 'High' },
      { budget_id: `FUEL-${tag}`, year, month, category_id: 2, amount: '900.00', threshold: 80, priority: 'Medium' },
      { budget_id: `RENT-${tag}`, year, month, category_id: 3, amount: '2500.00', threshold: 100, priority: 'Critical' },
      { budget_id: `FUN-${tag}`, year, month, category_id: 4, amount: '1500.00', threshold: null, priority: 'Low' },
      { budget_id: `ZERO-${tag}`, year, month, category_id: 1, amount: '0.00' },
      // 95 % of it spent: HIGH, never over.
      { budget_id: `PHARM-${tag}`, year, month, category_id: 5, amount: '100.00', threshold: 90, priority: 'High' },
    );
  }
  return { transactions, budgets };
}
