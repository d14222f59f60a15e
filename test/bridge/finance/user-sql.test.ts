// The twin's finance figures against the user's own SQL in autonomous_finance, in PostgreSQL: its
// budget alerts against get_current_budget_alerts() on every crafted scenario (whose rules
// budget-alerts.test.ts checks in memory), on random data and days, on the real clock and under a
// Polish collation; its net against v_monthly_pnl.
import fc from 'fast-check';
import type pg from 'pg';
import { beforeEach, describe, expect, it } from 'vitest';
import type { BudgetAlert, BudgetLine } from '../../../bridge/contract/twin-state';
import { readFinance } from '../../../bridge/finance/finance-domain';
import { PgFinanceRepository } from '../../../bridge/finance/finance-repository';
import { addDays, localDate, type LocalDate } from '../../../bridge/time/local-date';
import {
  insertBudgets,
  insertBudgetsBulk,
  insertCategoriesWithIds,
  insertTransactions,
  insertTransactionsBulk,
  moneyText,
  todayAt,
  ZONE,
  type BudgetRow,
  type TxRow,
} from '../source-rows';
import { withSourcePool } from '../source-database';
import { fromSqlRow, functionAlertsAt as functionAlertsOn, installFunctionAt, warsawInstant, type SqlAlert } from '../user-functions';
import { CATEGORIES, cat, MID_MARCH, SCENARIOS, scenarioRepository, TRANSFER_MONTH, type Scenario } from './finance-scenarios';

let db: pg.Pool;
withSourcePool('finance', async (pool) => {
  db = pool;
  await insertCategoriesWithIds(db, CATEGORIES);
  await installFunctionAt(db);
  await usePolishCollation(db);
});
beforeEach(async () => {
  await db.query('DELETE FROM budgets; DELETE FROM transactions');
});

// The user's databases run in a Polish (or English) locale, where "a" sorts before "B"; the test
// cluster's default is C. budget_id gets a Polish collation so that ties ordered by it show the difference.
async function usePolishCollation(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query(`SELECT pg_get_viewdef('v_budget_performance'::regclass) AS def`);
  await pool.query('DROP VIEW v_budget_performance');
  await pool.query(`ALTER TABLE budgets ALTER COLUMN budget_id TYPE varchar(100) COLLATE "pl-x-icu"`);
  await pool.query(`CREATE VIEW v_budget_performance AS ${rows[0].def}`);
}

const withoutBudgetId = (alerts: BudgetAlert[]): SqlAlert[] => alerts.map(({ budget_id: _, ...rest }) => rest);

/** The user's function evaluated as if the clock showed `now`, on this file's database. */
const functionAlertsAt = (now: Date): Promise<SqlAlert[]> => functionAlertsOn(db, now);

async function twinAlerts(today: LocalDate): Promise<BudgetAlert[]> {
  return (await readFinance(new PgFinanceRepository(db), { today, currency: 'PLN' })).alerts;
}

/** Runs the twin and the user's function (with its clock moved) for one instant and checks they agree. */
async function alertsAt(iso: string): Promise<BudgetAlert[]> {
  const today = todayAt(iso);
  const twin = await twinAlerts(today);
  expect(withoutBudgetId(twin)).toEqual(await functionAlertsAt(new Date(iso)));
  return twin;
}

async function store(s: Scenario): Promise<void> {
  await insertBudgets(db, s.budgets);
  await insertTransactions(db, s.transactions);
}

describe('the twin equals get_current_budget_alerts() on every crafted scenario', () => {
  it.each(Object.entries(SCENARIOS))('%s', async (_, s) => {
    await store(s);
    const today = todayAt(s.at);
    const f = await readFinance(new PgFinanceRepository(db), { today, currency: 'PLN' });
    const sql = await functionAlertsAt(new Date(s.at));
    expect(withoutBudgetId(f.alerts)).toEqual(sql);
    // The bars of the alerting budgets carry the function's figures.
    expect(barsOfAlerts(f.budgets)).toEqual(barsOfFunctionRows(sql));
    // And the rule tests' in-memory repository reads the same (no scenario ties on budget_id, whose order the collation decides here).
    expect(await readFinance(scenarioRepository(s), { today, currency: 'PLN' })).toEqual(f);
  });

  it('orders ties like the user function does under a Polish collation of budget_id', async () => {
    // Equal priority and utilization: only budget_id separates them, and "a" < "B" in Polish but not in bytes.
    await insertBudgets(db, [
      { budget_id: 'B-fuel', year: 2025, month: 3, category_id: cat.groceries, amount: '100.00', priority: 'High' },
      { budget_id: 'a-food', year: 2025, month: 3, category_id: cat.groceries, amount: '100.00', priority: 'High' },
      { budget_id: 'Ł-misc', year: 2025, month: 3, category_id: cat.groceries, amount: '100.00', priority: 'High' },
      { budget_id: 'm-misc', year: 2025, month: 3, category_id: cat.groceries, amount: '100.00', priority: 'High' },
    ]);
    await insertTransactions(db, [{ date: '2025-03-05', type: 'Expense', amount: '150.00', category_id: cat.groceries }]);
    const alerts = await alertsAt(MID_MARCH);
    expect(alerts.map((a) => a.budget_id)).toEqual(['a-food', 'B-fuel', 'Ł-misc', 'm-misc']);
  });
});

describe("net agrees with the user's v_monthly_pnl", () => {
  it('excludes Transfer as the view does', async () => {
    await store(TRANSFER_MONTH);
    const f = await readFinance(new PgFinanceRepository(db), { today: todayAt(TRANSFER_MONTH.at), currency: 'PLN' });
    expect(f.mtd_net).toBe(3765.44);
    const { rows } = await db.query(`SELECT net_savings FROM v_monthly_pnl WHERE month = '2025-03-01'`);
    expect(Number(rows[0].net_savings)).toBe(f.mtd_net);
  });
});

describe('equality with get_current_budget_alerts() on the real clock', () => {
  it('gives the same rows, field by field, as the function itself', async () => {
    // Both sides read the database's clock: it is the one get_current_budget_alerts() uses, and under
    // faketime every process starts its own faked clock, so the test's clock may be seconds apart from it.
    const databaseNow = async () => {
      const { rows } = await db.query('SELECT now() AS now, current_date::text AS d');
      return { now: rows[0].now as Date, date: rows[0].d as string };
    };
    for (let attempt = 0; ; attempt++) {
      // The rows are written for the day the database sees now; if midnight passes before both sides
      // have been read, they saw different days (or months) and the whole round is run again. A real
      // difference stays the same on the next round, so the assertions after the last round still see it.
      const before = await databaseNow();
      const today = localDate(before.now, ZONE);
      await db.query('DELETE FROM budgets; DELETE FROM transactions');
      const y = today.year;
      const m = today.month;
      const day = (d: number) => `${today.monthStart.slice(0, 8)}${String(Math.min(d, today.daysInMonth)).padStart(2, '0')}`;
      await insertBudgets(db, [
        { budget_id: 'REAL-CRIT', year: y, month: m, category_id: cat.groceries, amount: '800.00', threshold: 90, priority: 'High' },
        { budget_id: 'REAL-HIGH', year: y, month: m, category_id: cat.fuel, amount: '1000.00', threshold: 80, priority: 'High' },
        { budget_id: 'REAL-NEAR', year: y, month: m, category_id: cat.cinema, amount: '1000.00', threshold: 100, priority: 'Medium' },
        { budget_id: 'REAL-LOW', year: y, month: m, category_id: cat.pharmacy, amount: '5000.00', threshold: null, priority: 'Low' },
        { budget_id: 'REAL-ZERO', year: y, month: m, category_id: cat.housing, amount: '700.00', threshold: 0 },
      ]);
      await insertTransactions(db, [
        { date: day(1), type: 'Expense', amount: '1200.50', category_id: cat.groceries },
        { date: day(today.day), type: 'Expense', amount: '850.25', category_id: cat.fuel },
        { date: day(1), type: 'Expense', amount: '990.99', category_id: cat.cinema },
        { date: day(today.day), type: 'Expense', amount: '100.01', category_id: cat.pharmacy },
        { date: day(1), type: 'Transfer', amount: '999.00', category_id: cat.housing },
      ]);
      const twin = await twinAlerts(localDate((await databaseNow()).now, ZONE));
      const { rows: fn } = await db.query('SELECT * FROM get_current_budget_alerts()');
      const after = await databaseNow();
      const sql = fn.map(fromSqlRow);
      const dayChanged = after.date !== before.date;
      // The minute may tick between the two reads too; the alert ids, which carry it, then differ.
      const minuteChanged = twin.some((a, i) => a.alert_id !== sql[i]?.alert_id);
      if (attempt < 3 && (dayChanged || minuteChanged)) continue;
      expect(before.date).toBe(today.date); // the session's current_date is the day in the user's zone
      expect(sql.length).toBeGreaterThanOrEqual(2); // CRITICAL and the threshold-0 HIGH on any day
      expect(withoutBudgetId(twin)).toEqual(sql);
      expect(Object.keys(fn[0]).sort()).toEqual(Object.keys(sql[0]).sort());
      break;
    }
  });
});

// Random budgets (some copied under other ids, to tie), spending and instants of any month.
const periods = ['current', 'current', 'current', 'current', 'previous', 'next', 'lastYear'] as const;
const cents = fc.oneof(
  fc.constantFrom(1, 10_000, 50_000, 100_000, 123_456),
  fc.integer({ min: 1, max: 500_000 }),
);
const budget = fc.record({
  category: fc.integer({ min: 0, max: 4 }),
  // Few distinct amounts, so that budgets of one category often tie on utilization.
  amountCents: fc.oneof(
    { weight: 1, arbitrary: fc.constant(0) },
    { weight: 4, arbitrary: fc.constantFrom(10_000, 50_000) },
    { weight: 5, arbitrary: cents },
  ),
  threshold: fc.oneof(fc.constant(null), fc.constantFrom(0, 80, 100, 200), fc.integer({ min: 0, max: 200 })),
  priority: fc.constantFrom('Critical', 'High', 'High', 'Medium', 'Low', null),
  type: fc.constantFrom('Expense', 'Expense', 'Expense', 'Expense', 'Savings', 'Income'),
  active: fc.constantFrom(true, true, true, false),
  period: fc.constantFrom(...periods),
  idPrefix: fc.constantFrom('a', 'B', 'ż', 'Z', '2025-03-', 'b'),
});
const copies = fc.array(fc.record({ of: fc.nat(), idPrefix: fc.constantFrom('a', 'B', 'ż', 'Z', 'b') }), { maxLength: 3 });
const tx = fc.record({
  category: fc.integer({ min: 0, max: 4 }),
  type: fc.constantFrom('Expense', 'Expense', 'Expense', 'Income', 'Transfer'),
  amountCents: cents,
  day: fc.oneof(fc.integer({ min: 1, max: 31 }), fc.constantFrom('prevLast', 'nextFirst')),
});
const moment = fc.record({
  year: fc.integer({ min: 2024, max: 2026 }),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.oneof(fc.constantFrom(1, 31), fc.integer({ min: 1, max: 31 })),
  hour: fc.integer({ min: 0, max: 23 }),
  minute: fc.integer({ min: 0, max: 59 }),
});
const categories = [cat.groceries, cat.housing, cat.fuel, cat.cinema, cat.pharmacy];

describe('property: the twin equals the user function for random budgets, spending and days', () => {
  it('gives the same rows for any data and any day of the month', async () => {
    await fc.assert(
      fc.asyncProperty(moment, fc.array(budget, { maxLength: 8 }), copies, fc.array(tx, { maxLength: 16 }), async (mo, originals, copied, txs) => {
        // Copies of a budget under another id tie with it on priority and utilization.
        const budgets = [...originals, ...(originals.length ? copied.map((c) => ({ ...originals[c.of % originals.length], idPrefix: c.idPrefix })) : [])];
        const now = warsawInstant(mo.year, mo.month, mo.day, mo.hour, mo.minute);
        const today = localDate(now, ZONE);
        const prev = today.month === 1 ? { y: today.year - 1, m: 12 } : { y: today.year, m: today.month - 1 };
        const next = today.month === 12 ? { y: today.year + 1, m: 1 } : { y: today.year, m: today.month + 1 };
        await db.query('DELETE FROM budgets; DELETE FROM transactions');
        const budgetRows: BudgetRow[] = budgets.map((b, i) => {
          const ym =
            b.period === 'previous' ? prev : b.period === 'next' ? next : b.period === 'lastYear' ? { y: today.year - 1, m: today.month } : { y: today.year, m: today.month };
          return {
            budget_id: `${b.idPrefix}${i % 3}-${i}`,
            year: ym.y,
            month: ym.m,
            category_id: categories[b.category],
            amount: moneyText(b.amountCents),
            threshold: b.threshold,
            priority: b.priority,
            type: b.type,
            is_active: b.active,
          };
        });
        const txRows: TxRow[] = txs.map((t) => ({
          date:
            t.day === 'prevLast'
              ? addDays(today.monthStart, -1)
              : t.day === 'nextFirst'
                ? today.nextMonthStart
                : `${today.monthStart.slice(0, 8)}${String(Math.min(t.day, today.daysInMonth)).padStart(2, '0')}`,
          type: t.type as TxRow['type'],
          amount: moneyText(t.amountCents),
          category_id: categories[t.category],
        }));
        await insertBudgetsBulk(db, budgetRows);
        await insertTransactionsBulk(db, txRows);
        const finance = await readFinance(new PgFinanceRepository(db), { today, currency: 'PLN' });
        const twin = finance.alerts;
        const sql = await functionAlertsAt(now);
        expect(withoutBudgetId(twin)).toEqual(sql);
        expect(twin.length).toBe(sql.length);
        // The bars: one per budget in the function's scope; the alerting ones carry its figures.
        const inScope = budgetRows.filter((b, i) => budgets[i].period === 'current' && b.is_active && b.type === 'Expense' && Number(b.amount) > 0);
        expect(finance.budgets.map((b) => b.budget_id).sort()).toEqual(inScope.map((b) => b.budget_id).sort());
        expect(barsOfAlerts(finance.budgets)).toEqual(barsOfFunctionRows(sql));
        expect(finance.budgets).toEqual(worstFirstCopy(finance.budgets));
      }),
      { numRuns: 80 },
    );
  });
});


type Bar = Pick<BudgetLine, 'budget_id' | 'category_path' | 'budget_amount' | 'actual_amount' | 'utilization_pct' | 'alert_threshold' | 'projected_month_end' | 'alert_severity'>;
const byId = (a: Bar, b: Bar) => (a.budget_id < b.budget_id ? -1 : a.budget_id > b.budget_id ? 1 : 0);

function barsOfAlerts(lines: readonly BudgetLine[]): Bar[] {
  return lines
    .filter((l) => l.alert_severity !== null)
    .map(({ budget_id, category_path, budget_amount, actual_amount, utilization_pct, alert_threshold, projected_month_end, alert_severity }) => ({
      budget_id, category_path, budget_amount, actual_amount, utilization_pct, alert_threshold, projected_month_end, alert_severity,
    }))
    .sort(byId);
}

/** The same figures read off the function's rows; its alert_id is `ALERT-<budget_id>-<12 digits>`. */
function barsOfFunctionRows(rows: readonly SqlAlert[]): Bar[] {
  return rows
    .map((r) => ({
      budget_id: r.alert_id.slice('ALERT-'.length, -13),
      category_path: r.category_path,
      budget_amount: r.budget_amount,
      actual_amount: r.actual_amount,
      utilization_pct: r.utilization_pct,
      alert_threshold: r.alert_threshold,
      projected_month_end: r.projected_month_end,
      alert_severity: r.alert_severity,
    }))
    .sort(byId);
}

/** Worst first, written out independently of the bridge's sort: severity, then utilization descending. */
function worstFirstCopy(lines: readonly BudgetLine[]): BudgetLine[] {
  const rank = { CRITICAL: 0, HIGH: 1, MEDIUM: 2 } as const;
  const r = (l: BudgetLine) => (l.alert_severity === null ? 3 : rank[l.alert_severity]);
  return lines
    .map((l, i) => ({ l, i }))
    .sort((a, b) => r(a.l) - r(b.l) || b.l.utilization_pct - a.l.utilization_pct || a.i - b.i)
    .map((x) => x.l);
}
