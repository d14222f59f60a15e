// The finance repository's contract, run against the PostgreSQL repository and the in-memory one the
// rule tests use: for any transactions, categories and budgets, and any day, both give the same answer
// to every question, to the grosz and to the letter of each to_char text. Rows that SQL groups without
// an ORDER BY are compared in a fixed order; the budget figures' order is the statement's own.
import fc from 'fast-check';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { PgFinanceRepository, type FinanceRepository } from '../../../bridge/finance/finance-repository';
import type { DayRange } from '../../../bridge/time/day-range';
import { addDays, calendarDate, monthStartAfter, type LocalDate } from '../../../bridge/time/local-date';
import { InMemoryFinanceRepository, type CategoryRecord } from '../../fixtures/repositories/in-memory-finance';
import { insertBudgetsBulk, insertCategoriesWithIds, insertTransactionsBulk, moneyText, type BudgetRow, type TxRow } from '../source-rows';
import { withSourcePool } from '../source-database';

let db: pg.Pool;
withSourcePool('finance', (pool) => {
  db = pool;
});

interface Data {
  categories: CategoryRecord[];
  transactions: TxRow[];
  budgets: BudgetRow[];
}

interface Questions {
  today: LocalDate;
  range: DayRange;
  cutoffDay: number;
  span: [first: string, last: string];
  outflow: { from: string; to: string; horizonDays: number };
  /** How many of the range's largest expenses to ask for. */
  top: number;
}

/** The same rows in both repositories. */
async function store(data: Data): Promise<{ real: FinanceRepository; memory: FinanceRepository }> {
  await db.query('DELETE FROM budgets; DELETE FROM transactions; DELETE FROM categories');
  await insertCategoriesWithIds(db, data.categories);
  await insertTransactionsBulk(db, data.transactions);
  await insertBudgetsBulk(db, data.budgets);
  const memory = new InMemoryFinanceRepository({ categories: [...data.categories] });
  memory.addTransactions(data.transactions);
  memory.addBudgets(data.budgets);
  return { real: new PgFinanceRepository(db), memory };
}

const unordered = <T>(rows: readonly T[]): T[] => [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
/** Category ids to name: null, every id in use and one no category has. */
const PATH_IDS = [null, 1, 2, 3, 4, 99];

/** Every question of the contract asked of one repository. */
async function answers(repo: FinanceRepository, q: Questions) {
  const paths = await repo.categoryPaths();
  return {
    budgetFigures: await repo.budgetFigures(q.today, q.today.nextMonthStart),
    // As the end of a past day sees them: the month's rows dated up to today only.
    budgetFiguresThroughToday: await repo.budgetFigures(q.today, addDays(q.today.date, 1)),
    monthTotals: unordered(await repo.monthTotals(q.range)),
    categoryMonths: unordered(await repo.categoryMonths(q.range, q.cutoffDay, q.today.date)),
    netMonths: unordered(await repo.netMonths(q.range, q.cutoffDay)),
    weeklySpending: unordered(await repo.weeklySpending(q.range)),
    spanTotals: await repo.spanTotals(...q.span),
    outflowHistory: await repo.outflowHistory(q.outflow.from, q.outflow.to, q.outflow.horizonDays),
    firstDay: await repo.firstDay(),
    categoryPaths: PATH_IDS.map(paths),
    topExpenses: await repo.topExpenses(q.range.from, q.range.to, q.top),
  };
}

/** Both repositories' answers, checked equal; the PostgreSQL ones returned for closer checks. */
async function sameAnswers(data: Data, q: Questions) {
  const { real, memory } = await store(data);
  const expected = await answers(real, q);
  expect(await answers(memory, q)).toEqual(expected);
  return expected;
}

/** Questions about one day: its month, the month before, and the 30 days before it. */
function questionsOn(date: string): Questions {
  const today = calendarDate(date);
  const historyTo = addDays(date, -1);
  return {
    today,
    range: { from: monthStartAfter(date, -1), to: today.nextMonthStart, open: today.monthStart },
    cutoffDay: today.day,
    span: [today.monthStart, date],
    outflow: { from: addDays(historyTo, -59), to: historyTo, horizonDays: 30 },
    top: 5,
  };
}

const CATEGORIES: CategoryRecord[] = [
  { id: 1, name: 'Lifestyle', subcategory: 'Groceries' },
  { id: 2, name: 'Housing', subcategory: null },
];

describe('finance repository contract: crafted cases', () => {
  it('rounds a projection as numeric division does: 0.01 by day 12 of 30 projects 0.02 (0.025 exactly)', async () => {
    const real = await sameAnswers(
      {
        categories: CATEGORIES,
        transactions: [{ id: 'A', date: '2025-04-01', type: 'Expense', amount: '0.01', category_id: 1 }],
        budgets: [{ budget_id: 'TINY', year: 2025, month: 4, category_id: 1, amount: '0.01', threshold: 200 }],
      },
      questionsOn('2025-04-12'),
    );
    expect(real.budgetFigures.map((b) => [b.projected_month_end, b.text.projectedOver])).toEqual([[0.02, '0.01']]);
  });

  it('writes # for a figure of more than twelve whole digits, and names a budget without a category', async () => {
    const huge = (id: string): TxRow => ({ id, date: '2025-03-01', type: 'Expense', amount: '9999999999.99', category_id: 2 });
    const real = await sameAnswers(
      {
        categories: CATEGORIES,
        transactions: [...['H1', 'H2', 'H3', 'H4'].map(huge), { id: 'N', date: '2025-03-02', type: 'Expense', amount: '5.00', category_id: null }],
        budgets: [
          { budget_id: 'BIG', year: 2025, month: 3, category_id: 2, amount: '0.01' },
          { budget_id: 'NONE', year: 2025, month: 3, category_id: null, amount: '10.00', priority: 'Critical' },
        ],
      },
      questionsOn('2025-03-01'),
    );
    expect(real.budgetFigures.map((b) => [b.budget_id, b.category_path, b.actual_amount, b.text.over])).toEqual([
      ['NONE', '(no category)', 0, '-10.00'],
      ['BIG', 'Housing', 39999999999.96, '39999999999.95'],
    ]);
    expect(real.budgetFigures[1].utilization_pct).toBeNaN();
    expect(real.budgetFigures[1].text.projectedOver).toBe('############.##');
  });

  it('starts the outflow series at the first transaction, and answers alike on an empty database', async () => {
    const real = await sameAnswers(
      { categories: [], transactions: [{ id: 'F', date: '2025-02-20', type: 'Transfer', amount: '1.00', category_id: null }], budgets: [] },
      { ...questionsOn('2025-03-31'), outflow: { from: '2024-10-01', to: '2025-03-30', horizonDays: 30 } },
    );
    expect([real.outflowHistory.history_from, real.outflowHistory.periods, real.outflowHistory.median]).toEqual(['2025-02-20', 10, 0]);
    expect(real.categoryPaths).toEqual(Array(PATH_IDS.length).fill('Uncategorised'));
    const empty = await sameAnswers({ categories: [], transactions: [], budgets: [] }, questionsOn('2024-02-29'));
    expect([empty.firstDay, empty.outflowHistory.history_from, empty.outflowHistory.p90]).toEqual([null, null, null]);
  });
});

describe('finance repository contract: the largest expenses of a month', () => {
  it('orders by amount, then the later day, then transaction_id by code point, and names each category', async () => {
    const expense = (id: string, date: string, amount: string, category_id: number | null, merchant = 'Biedronka', description: string | null = null): TxRow => ({
      id,
      date,
      type: 'Expense',
      amount,
      category_id,
      merchant,
      description,
    });
    const real = await sameAnswers(
      {
        categories: CATEGORIES,
        transactions: [
          expense('b-1', '2025-03-04', '50.00', 1),
          expense('B-2', '2025-03-04', '50.00', 2, 'Żabka', 'Chleb i mleko'),
          expense('a-3', '2025-03-09', '50.00', null),
          expense('c-4', '2025-03-02', '120.00', 99, 'ORLEN'),
          expense('d-5', '2025-03-31', '7.50', 1),
          expense('e-6', '2025-04-01', '999.00', 1),
          expense('f-7', '2025-02-28', '999.00', 1),
          { id: 'g-8', date: '2025-03-10', type: 'Income', amount: '5000.00', category_id: 2 },
          { id: 'h-9', date: '2025-03-10', type: 'Transfer', amount: '3000.00', category_id: 2 },
        ],
        budgets: [],
      },
      { ...questionsOn('2025-03-31'), range: { from: '2025-03-01', to: '2025-04-01', open: '2025-04-01' }, top: 4 },
    );
    expect(real.topExpenses).toEqual([
      { transaction_id: 'c-4', date: '2025-03-02', amount: 120, merchant: 'ORLEN', description: null, category_path: 'Uncategorised' },
      { transaction_id: 'a-3', date: '2025-03-09', amount: 50, merchant: 'Biedronka', description: null, category_path: 'Uncategorised' },
      { transaction_id: 'B-2', date: '2025-03-04', amount: 50, merchant: 'Żabka', description: 'Chleb i mleko', category_path: 'Housing' },
      { transaction_id: 'b-1', date: '2025-03-04', amount: 50, merchant: 'Biedronka', description: null, category_path: 'Lifestyle > Groceries' },
    ]);
  });
});

// ---- generated data --------------------------------------------------------------------------

const NAMES = ['Lifestyle', 'Housing', 'Transport', 'Żywność'];
/** Per category id 1..4: absent, without subcategory, or with one. */
const categoriesArb = fc
  .tuple(...NAMES.map(() => fc.constantFrom('absent', null, 'Groceries', 'Pieczywo')))
  .map((subs) => subs.flatMap((sub, i): CategoryRecord[] => (sub === 'absent' ? [] : [{ id: i + 1, name: NAMES[i], subcategory: sub }])));

const centsArb = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 60_000 }) },
  { weight: 2, arbitrary: fc.constantFrom(1, 5, 10_000, 50_000, 123_457) },
  { weight: 1, arbitrary: fc.constant(999_999_999_999) },
);

/** Days that bite: month ends, 29 February, New Year; or any day of 2024 to 2026. */
const dayArb = fc.oneof(
  fc.constantFrom('2024-02-29', '2024-02-28', '2024-03-01', '2025-02-28', '2024-12-31', '2025-01-01', '2025-03-31', '2025-04-30', '2026-06-30'),
  fc.integer({ min: 0, max: 3 * 365 }).map((n) => addDays('2024-01-01', n)),
);

const transactionArb = (today: LocalDate) =>
  fc.record({
    date: fc.oneof(
      // Mostly this month (what the budgets read), then the weeks around it, then any day.
      { weight: 3, arbitrary: fc.integer({ min: 1, max: today.daysInMonth }).map((d) => `${today.monthStart.slice(0, 8)}${String(d).padStart(2, '0')}`) },
      { weight: 2, arbitrary: fc.integer({ min: -70, max: 40 }).map((n) => addDays(today.date, n)) },
      { weight: 1, arbitrary: dayArb },
    ),
    type: fc.constantFrom('Income', 'Expense', 'Expense', 'Expense', 'Transfer') as fc.Arbitrary<TxRow['type']>,
    amount: centsArb.map(moneyText),
    category_id: fc.constantFrom(1, 1, 2, 3, 4, null, 99),
    merchant: fc.constantFrom('Biedronka', 'Żabka', 'ORLEN', 'orlen'),
    description: fc.constantFrom(null, '', 'Zakupy spożywcze'),
  });

const budgetArb = (today: LocalDate) =>
  fc.record({
    idPrefix: fc.constantFrom('a', 'B', 'Z', 'b', '2025-03-'),
    category: fc.constantFrom(1, 2, 3, 4, null),
    // Few distinct amounts, so that budgets of one category often tie on utilisation.
    amount: fc.oneof(fc.constant(0), fc.constantFrom(10_000, 50_000), centsArb).map(moneyText),
    threshold: fc.oneof(fc.constant(undefined), fc.constant(null), fc.integer({ min: 0, max: 200 })),
    // Few priorities and mostly in scope, so that budgets are often ordered by utilisation and id.
    priority: fc.constantFrom('High', 'High', 'Critical', 'Medium', 'Low', null),
    type: fc.constantFrom('Expense', 'Expense', 'Expense', 'Expense', 'Savings', 'Income'),
    is_active: fc.constantFrom(true, true, true, true, false),
    monthsAway: fc.constantFrom(0, 0, 0, 0, 0, -1, 1, -12),
  }).map((b) => {
    const month = monthStartAfter(today.date, b.monthsAway);
    return { ...b, year: Number(month.slice(0, 4)), month: Number(month.slice(5, 7)) };
  });

const dataArb = (today: LocalDate): fc.Arbitrary<Data> =>
  fc.record({
    categories: categoriesArb,
    transactions: fc.array(transactionArb(today), { maxLength: 25 }),
    budgets: fc.array(budgetArb(today), { maxLength: 10 }),
  }).map(({ categories, transactions, budgets }) => ({
    categories,
    transactions: transactions.map((t, i) => ({ ...t, id: `T-${i}` })),
    // budget_id is unique; category_id refers to a category that exists (a foreign key).
    budgets: budgets.map((b, i) => ({
      budget_id: `${b.idPrefix}${i % 3}-${i}`,
      year: b.year,
      month: b.month,
      category_id: categories.some((c) => c.id === b.category) ? b.category : null,
      amount: b.amount,
      threshold: b.threshold,
      priority: b.priority,
      type: b.type,
      is_active: b.is_active,
    })),
  }));

const questionsArb = (today: LocalDate): fc.Arbitrary<Questions> =>
  fc.record({
    range: fc.oneof(
      fc.tuple(fc.integer({ min: -3, max: 0 }), fc.integer({ min: 1, max: 2 })).map(([a, b]) => [monthStartAfter(today.date, a), monthStartAfter(today.date, b)]),
      fc.tuple(fc.integer({ min: -80, max: 10 }), fc.integer({ min: -10, max: 45 })).map(([a, b]) => [addDays(today.date, a), addDays(today.date, b)]),
    ),
    cutoffDay: fc.oneof(fc.constant(today.day), fc.constant(31), fc.integer({ min: 1, max: 31 })),
    span: fc.tuple(fc.integer({ min: -60, max: 5 }), fc.integer({ min: -30, max: 30 })),
    outflow: fc.record({
      toOffset: fc.integer({ min: -20, max: 30 }),
      days: fc.constantFrom(1, 10, 45, 180),
      horizonDays: fc.constantFrom(1, 7, 30),
    }),
    top: fc.constantFrom(1, 5, 5, 30),
  }).map(({ range: [from, to], cutoffDay, span, outflow, top }) => {
    const outflowTo = addDays(today.date, outflow.toOffset);
    return {
      today,
      range: { from, to, open: today.monthStart },
      cutoffDay,
      span: [addDays(today.date, span[0]), addDays(today.date, span[0] + span[1])],
      outflow: { from: addDays(outflowTo, 1 - outflow.days), to: outflowTo, horizonDays: outflow.horizonDays },
      top,
    };
  });

const caseArb = dayArb.map(calendarDate).chain((today) => fc.tuple(dataArb(today), questionsArb(today)));

describe('finance repository contract: any rows, any day', () => {
  it('gives the same answer to every question in PostgreSQL and in memory', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async ([data, q]) => {
        await sameAnswers(data, q);
      }),
      { numRuns: 120 },
    );
  });
});
