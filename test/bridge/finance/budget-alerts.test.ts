// Budget alerts: the twin's alerts (readFinance) against the rules of the user's budget alerts and against
// the user's own get_current_budget_alerts(), on a real PostgreSQL with crafted and random rows.
import fc from 'fast-check';
import type pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BudgetAlert, BudgetLine } from '../../../bridge/contract/twin-state';
import { readFinance } from '../../../bridge/finance/finance-domain';
import { addDays, localDate, type LocalDate } from '../../../bridge/time/local-date';
import { freshDatabases, type TestDatabases } from '../../fixtures/databases';
import { insertBudgets, insertCategory, insertTransactions, sourcePool, todayAt, ZONE, type BudgetRow, type TxRow } from '../source-rows';
import { fromSqlRow, functionAlertsAt as functionAlertsOn, installFunctionAt, warsawInstant, type SqlAlert } from '../user-functions';
import { PgFinanceRepository } from '../../../bridge/finance/finance-repository';

let dbs: TestDatabases;
let db: pg.Pool;
const cat: Record<string, number> = {};

beforeAll(async () => {
  dbs = await freshDatabases();
  db = sourcePool(dbs.finance, 'finance');
  cat.groceries = await insertCategory(db, 'Lifestyle', 'Groceries');
  cat.housing = await insertCategory(db, 'Housing', null);
  cat.fuel = await insertCategory(db, 'Transport', 'Fuel');
  cat.cinema = await insertCategory(db, 'Entertainment', 'Cinema');
  cat.pharmacy = await insertCategory(db, 'Health', 'Pharmacy');
  await installFunctionAt(db);
  await usePolishCollation(db);
});
afterAll(async () => {
  await db?.end();
  await dbs?.drop();
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
const functionAlertsAt = (now: Date, pool: pg.Pool = db): Promise<SqlAlert[]> => functionAlertsOn(pool, now);

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

// 12:00 on Monday 10 March 2025 in Warsaw: day 10 of 31, 21 days remaining.
const MID_MARCH = '2025-03-10T12:00:00+01:00';

describe('budget alert rules', () => {
  it('gives CRITICAL, HIGH and MEDIUM rows with the figures and texts of the rules', async () => {
    await insertBudgets(db, [
      { budget_id: 'B-CRIT', year: 2025, month: 3, category_id: cat.groceries, amount: '1000.00', threshold: 80, priority: 'Medium' },
      { budget_id: 'B-HIGH', year: 2025, month: 3, category_id: cat.fuel, amount: '1000.00', threshold: 85, priority: 'Medium' },
      { budget_id: 'B-MED', year: 2025, month: 3, category_id: cat.cinema, amount: '1000.00', threshold: 100, priority: 'Medium' },
      { budget_id: 'B-UNDER', year: 2025, month: 3, category_id: cat.pharmacy, amount: '1000.00', threshold: 80, priority: 'Medium' },
      { budget_id: 'B-EXACT', year: 2025, month: 3, category_id: cat.housing, amount: '2000.00', threshold: 100, priority: 'Critical' },
    ]);
    await insertTransactions(db, [
      { date: '2025-03-02', type: 'Expense', amount: '1000.00', category_id: cat.groceries },
      { date: '2025-03-09', type: 'Expense', amount: '200.50', category_id: cat.groceries },
      { date: '2025-03-05', type: 'Expense', amount: '850.00', category_id: cat.fuel },
      { date: '2025-03-05', type: 'Expense', amount: '400.00', category_id: cat.cinema },
      { date: '2025-03-05', type: 'Expense', amount: '300.00', category_id: cat.pharmacy },
      { date: '2025-03-01', type: 'Expense', amount: '2000.00', category_id: cat.housing },
    ]);
    const alerts = await alertsAt(MID_MARCH);
    expect(alerts).toEqual([
      {
        alert_id: 'ALERT-B-EXACT-202503101200',
        budget_id: 'B-EXACT',
        alert_severity: 'CRITICAL', // utilization exactly 100
        category_path: 'Housing',
        budget_amount: 2000,
        actual_amount: 2000,
        utilization_pct: 100,
        alert_threshold: 100,
        projected_month_end: 6200, // 2000 / 10 × 31
        days_remaining: 21,
        daily_limit_remaining: 0,
        recommended_action: '🚨 STOP SPENDING: Budget exceeded by 0.00 PLN',
        priority: 'Critical',
      },
      {
        alert_id: 'ALERT-B-CRIT-202503101200',
        budget_id: 'B-CRIT',
        alert_severity: 'CRITICAL',
        category_path: 'Lifestyle > Groceries',
        budget_amount: 1000,
        actual_amount: 1200.5,
        utilization_pct: 120.05,
        alert_threshold: 80,
        projected_month_end: 3721.55, // 1200.50 / 10 × 31
        days_remaining: 21,
        daily_limit_remaining: -9.55, // −200.50 / 21
        recommended_action: '🚨 STOP SPENDING: Budget exceeded by 200.50 PLN',
        priority: 'Medium',
      },
      {
        alert_id: 'ALERT-B-HIGH-202503101200',
        budget_id: 'B-HIGH',
        alert_severity: 'HIGH', // utilization 85 = threshold 85
        category_path: 'Transport > Fuel',
        budget_amount: 1000,
        actual_amount: 850,
        utilization_pct: 85,
        alert_threshold: 85,
        projected_month_end: 2635,
        days_remaining: 21,
        daily_limit_remaining: 7.14, // 150 / 21 = 7.142…
        recommended_action: '⚠️ SLOW DOWN: 150.00 PLN left for 21 days (max 7.14 PLN/day)',
        priority: 'Medium',
      },
      {
        alert_id: 'ALERT-B-MED-202503101200',
        budget_id: 'B-MED',
        alert_severity: 'MEDIUM',
        category_path: 'Entertainment > Cinema',
        budget_amount: 1000,
        actual_amount: 400,
        utilization_pct: 40,
        alert_threshold: 100,
        projected_month_end: 1240,
        days_remaining: 21,
        daily_limit_remaining: 28.57, // 600 / 21 = 28.571…
        recommended_action: '📊 PROJECTED OVERSPEND: Current rate suggests 240.00 PLN overage',
        priority: 'Medium',
      },
    ]);
  });

  it('excludes inactive, non-Expense, zero-amount and other-month budgets, and non-Expense or other-month spending', async () => {
    const spendAll = (id: string, over: Partial<BudgetRow>): BudgetRow => ({
      budget_id: id,
      year: 2025,
      month: 3,
      category_id: cat.groceries,
      amount: '100.00',
      threshold: 80,
      priority: 'High',
      ...over,
    });
    await insertBudgets(db, [
      spendAll('X-INACTIVE', { is_active: false }),
      spendAll('X-SAVINGS', { type: 'Savings' }),
      spendAll('X-INCOME', { type: 'Income' }),
      spendAll('X-ZERO', { amount: '0.00' }),
      spendAll('X-FEB', { month: 2 }),
      spendAll('X-APR', { month: 4 }),
      spendAll('X-LAST-YEAR', { year: 2024 }),
      // In scope and alerting (24.01 % used ≥ 20 %), so the spending is known to be visible.
      { budget_id: 'CONTROL', year: 2025, month: 3, category_id: cat.groceries, amount: '1500.00', threshold: 20, priority: 'Low' },
      // Income, Transfer and other months' spending of its category must not count.
      { budget_id: 'QUIET', year: 2025, month: 3, category_id: cat.fuel, amount: '1000.00', threshold: 50, priority: 'Low' },
    ]);
    await insertTransactions(db, [
      { date: '2025-03-03', type: 'Expense', amount: '360.15', category_id: cat.groceries },
      { date: '2025-03-03', type: 'Income', amount: '5000.00', category_id: cat.fuel },
      { date: '2025-03-03', type: 'Transfer', amount: '5000.00', category_id: cat.fuel },
      { date: '2025-02-28', type: 'Expense', amount: '5000.00', category_id: cat.fuel },
      { date: '2025-04-01', type: 'Expense', amount: '5000.00', category_id: cat.fuel },
      { date: '2025-03-04', type: 'Expense', amount: '10.00', category_id: cat.fuel },
    ]);
    const alerts = await alertsAt(MID_MARCH);
    expect(alerts.map((a) => [a.budget_id, a.alert_severity, a.utilization_pct])).toEqual([['CONTROL', 'HIGH', 24.01]]);
    expect(alerts[0].projected_month_end).toBe(1116.47); // 360.15 / 10 × 31 = 1116.465, rounded half away from zero
    expect(alerts[0].recommended_action).toBe('⚠️ SLOW DOWN: 1139.85 PLN left for 21 days (max 54.28 PLN/day)');
  });

  it('returns no row for a budget under its threshold and not projected over', async () => {
    await insertBudgets(db, [{ budget_id: 'CALM', year: 2025, month: 3, category_id: cat.groceries, amount: '1000.00', threshold: 80 }]);
    // 300 by day 10 projects 930 for the month: under 1000.
    await insertTransactions(db, [{ date: '2025-03-10', type: 'Expense', amount: '300.00', category_id: cat.groceries }]);
    expect(await alertsAt(MID_MARCH)).toEqual([]);
    // One grosz more a day than the budget allows projects over it: 322.59 / 10 × 31 = 1000.03.
    await insertTransactions(db, [{ date: '2025-03-10', type: 'Expense', amount: '22.59', category_id: cat.groceries }]);
    const [a] = await alertsAt(MID_MARCH);
    expect([a.alert_severity, a.projected_month_end]).toEqual(['MEDIUM', 1000.03]);
    expect(a.recommended_action).toBe('📊 PROJECTED OVERSPEND: Current rate suggests 0.03 PLN overage');
  });

  it('orders by priority Critical, High, Medium, then the rest, and by utilization descending within', async () => {
    const b = (id: string, amount: string, priority: string | null): BudgetRow => ({
      budget_id: id,
      year: 2025,
      month: 3,
      category_id: cat.groceries,
      amount,
      threshold: 100,
      priority,
    });
    await insertBudgets(db, [
      b('L-1000', '1000.00', 'Low'), // 120.05
      b('N-200', '200.00', null), // 600.25
      b('M-1100', '1100.00', 'Medium'), // 109.14
      b('C-1000', '1000.00', 'Critical'), // 120.05
      b('H-800', '800.00', 'High'), // 150.06
      b('C-500', '500.00', 'Critical'), // 240.10
    ]);
    await insertTransactions(db, [{ date: '2025-03-05', type: 'Expense', amount: '1200.50', category_id: cat.groceries }]);
    const alerts = await alertsAt(MID_MARCH);
    expect(alerts.map((a) => [a.budget_id, a.utilization_pct])).toEqual([
      ['C-500', 240.1],
      ['C-1000', 120.05],
      ['H-800', 150.06],
      ['M-1100', 109.14],
      ['N-200', 600.25],
      ['L-1000', 120.05],
    ]);
  });

  it('stamps alert_id with the local minute in Europe/Warsaw, summer time included', async () => {
    await insertBudgets(db, [{ budget_id: '2025-07-Groceries', year: 2025, month: 7, category_id: cat.groceries, amount: '10.00' }]);
    await insertTransactions(db, [{ date: '2025-07-01', type: 'Expense', amount: '11.00', category_id: cat.groceries }]);
    // 23:05 UTC on 15 July is 01:05 on 16 July in Warsaw (UTC+2).
    const [a] = await alertsAt('2025-07-15T23:05:00Z');
    expect(a.alert_id).toBe('ALERT-2025-07-Groceries-202507160105');
  });

  it('treats a null alert_threshold as "only overspending and projections alert"', async () => {
    await insertBudgets(db, [
      { budget_id: 'N-MED', year: 2025, month: 3, category_id: cat.groceries, amount: '1300.00', threshold: null },
      { budget_id: 'N-NONE', year: 2025, month: 3, category_id: cat.groceries, amount: '4000.00', threshold: null },
      { budget_id: 'N-CRIT', year: 2025, month: 3, category_id: cat.groceries, amount: '1000.00', threshold: null },
    ]);
    await insertTransactions(db, [{ date: '2025-03-05', type: 'Expense', amount: '1200.50', category_id: cat.groceries }]);
    const alerts = await alertsAt(MID_MARCH);
    expect(alerts.map((a) => [a.budget_id, a.alert_severity, a.utilization_pct, a.alert_threshold])).toEqual([
      ['N-CRIT', 'CRITICAL', 120.05, null],
      ['N-MED', 'MEDIUM', 92.35, null], // 92 % used is no HIGH without a threshold; 3721.55 projected > 1300
    ]);
  });

  it('alerts HIGH at threshold 0 even with nothing spent', async () => {
    await insertBudgets(db, [{ budget_id: 'ZERO-T', year: 2025, month: 3, category_id: cat.housing, amount: '500.00', threshold: 0, priority: 'Low' }]);
    const [a] = await alertsAt(MID_MARCH);
    expect(a).toMatchObject({
      alert_severity: 'HIGH',
      actual_amount: 0,
      utilization_pct: 0,
      projected_month_end: 0,
      daily_limit_remaining: 23.81,
      recommended_action: '⚠️ SLOW DOWN: 500.00 PLN left for 21 days (max 23.81 PLN/day)',
    });
  });

  it('on the last day of the month: days_remaining 0, daily_limit_remaining null, projection equals spending', async () => {
    await insertBudgets(db, [
      { budget_id: 'LAST-HIGH', year: 2025, month: 3, category_id: cat.groceries, amount: '1000.00', threshold: 80, priority: 'High' },
      { budget_id: 'LAST-QUIET', year: 2025, month: 3, category_id: cat.fuel, amount: '1000.00', threshold: 100, priority: 'High' },
    ]);
    await insertTransactions(db, [
      { date: '2025-03-30', type: 'Expense', amount: '900.00', category_id: cat.groceries },
      { date: '2025-03-31', type: 'Expense', amount: '990.00', category_id: cat.fuel },
    ]);
    // 20:00 on 31 March in Warsaw (summer time since the 30th).
    const alerts = await alertsAt('2025-03-31T20:00:00+02:00');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      budget_id: 'LAST-HIGH',
      alert_severity: 'HIGH',
      utilization_pct: 90,
      projected_month_end: 900,
      days_remaining: 0,
      daily_limit_remaining: null,
      recommended_action: '⚠️ SLOW DOWN: 100.00 PLN left for 0 days (max 100.00 PLN/day)',
    });
  });

  it('counts days in a leap February', async () => {
    await insertBudgets(db, [{ budget_id: 'LEAP', year: 2024, month: 2, category_id: cat.groceries, amount: '100.00', threshold: 100 }]);
    await insertTransactions(db, [{ date: '2024-02-01', type: 'Expense', amount: '99.00', category_id: cat.groceries }]);
    const [a] = await alertsAt('2024-02-28T10:00:00+01:00');
    // 99 / 28 × 29 = 102.54 > 100: projected overspend with one day left.
    expect([a.alert_severity, a.days_remaining, a.projected_month_end, a.daily_limit_remaining]).toEqual(['MEDIUM', 1, 102.54, 1]);
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

describe('budgets: every budget of the month, for the bars', () => {
  it('lists quiet budgets too, worst first, with the share of the month gone and the function figures for the alerting ones', async () => {
    await insertBudgets(db, [
      { budget_id: 'B-QUIET', year: 2025, month: 3, category_id: cat.pharmacy, amount: '1000.00', threshold: 80, priority: 'Critical' },
      { budget_id: 'B-MED', year: 2025, month: 3, category_id: cat.cinema, amount: '1000.00', threshold: 100, priority: 'Critical' },
      { budget_id: 'B-CRIT', year: 2025, month: 3, category_id: cat.groceries, amount: '1000.00', threshold: 80, priority: 'Low' },
      { budget_id: 'B-HIGH', year: 2025, month: 3, category_id: cat.fuel, amount: '1000.00', threshold: 85, priority: 'Medium' },
      { budget_id: 'B-UNUSED', year: 2025, month: 3, category_id: cat.housing, amount: '2000.00', threshold: 100, priority: 'High' },
      { budget_id: 'X-INCOME', year: 2025, month: 3, category_id: cat.housing, amount: '2000.00', type: 'Income' },
      { budget_id: 'X-ZERO', year: 2025, month: 3, category_id: cat.housing, amount: '0.00' },
    ]);
    await insertTransactions(db, [
      { date: '2025-03-02', type: 'Expense', amount: '1200.50', category_id: cat.groceries },
      { date: '2025-03-05', type: 'Expense', amount: '850.00', category_id: cat.fuel },
      { date: '2025-03-05', type: 'Expense', amount: '400.00', category_id: cat.cinema },
      { date: '2025-03-05', type: 'Expense', amount: '300.00', category_id: cat.pharmacy },
    ]);
    const today = todayAt(MID_MARCH);
    const f = await readFinance(new PgFinanceRepository(db), { today, currency: 'PLN' });
    // The alerts keep the function's order (priority first); the bars read worst first.
    expect(f.alerts.map((a) => a.budget_id)).toEqual(['B-MED', 'B-HIGH', 'B-CRIT']);
    expect(f.budgets.map((b) => [b.budget_id, b.alert_severity, b.utilization_pct])).toEqual([
      ['B-CRIT', 'CRITICAL', 120.05],
      ['B-HIGH', 'HIGH', 85],
      ['B-MED', 'MEDIUM', 40],
      ['B-QUIET', null, 30],
      ['B-UNUSED', null, 0],
    ]);
    expect(f.budgets[3]).toEqual({
      budget_id: 'B-QUIET',
      category_path: 'Health > Pharmacy',
      priority: 'Critical',
      budget_amount: 1000,
      actual_amount: 300,
      utilization_pct: 30,
      alert_threshold: 80,
      month_elapsed_pct: 32.26, // day 10 of 31
      projected_month_end: 930,
      alert_severity: null,
    });
    expect(barsOfAlerts(f.budgets)).toEqual(barsOfFunctionRows(await functionAlertsAt(new Date(MID_MARCH))));
  });

  it('is empty with no budgets this month, and the month is all gone on its last day', async () => {
    expect((await readFinance(new PgFinanceRepository(db), { today: todayAt(MID_MARCH), currency: 'PLN' })).budgets).toEqual([]);
    await insertBudgets(db, [{ budget_id: 'LAST', year: 2025, month: 3, category_id: cat.groceries, amount: '100.00' }]);
    const [bar] = (await readFinance(new PgFinanceRepository(db), { today: todayAt('2025-03-31T20:00:00+02:00'), currency: 'PLN' })).budgets;
    expect([bar.month_elapsed_pct, bar.alert_severity, bar.actual_amount]).toEqual([100, null, 0]);
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

describe('property: the twin equals the user function for random budgets, spending and days', () => {
  it('gives the same rows for any data and any day of the month', async () => {
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
    const money = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;

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
            amount: money(b.amountCents),
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
          amount: money(t.amountCents),
          category_id: categories[t.category],
        }));
        await insertBudgetsBulk(budgetRows);
        await insertTransactionsBulk(txRows);
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

async function insertBudgetsBulk(rows: BudgetRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO budgets (budget_id, budget_year, budget_month, type, category_id, budget_amount, alert_threshold, priority, is_active)
     SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::int[], $6::numeric[], $7::int[], $8::text[], $9::bool[])`,
    [
      rows.map((r) => r.budget_id),
      rows.map((r) => r.year),
      rows.map((r) => r.month),
      rows.map((r) => r.type ?? 'Expense'),
      rows.map((r) => r.category_id),
      rows.map((r) => r.amount),
      rows.map((r) => r.threshold ?? null),
      rows.map((r) => r.priority ?? null),
      rows.map((r) => r.is_active ?? true),
    ],
  );
}

let bulkSeq = 0;
async function insertTransactionsBulk(rows: TxRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO transactions (transaction_id, transaction_date, type, amount, merchant_source, category_id)
     SELECT id, d, t, a, 'prop', c FROM unnest($1::text[], $2::date[], $3::text[], $4::numeric[], $5::int[]) AS u(id, d, t, a, c)`,
    [rows.map(() => `P-${++bulkSeq}`), rows.map((r) => r.date), rows.map((r) => r.type), rows.map((r) => r.amount), rows.map((r) => r.category_id ?? null)],
  );
}
