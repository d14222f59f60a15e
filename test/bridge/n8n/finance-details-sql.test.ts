// /finance/details of a bridge over a real PostgreSQL, closed months read from the summaries once the
// ledger is ready, against the user's own SQL over the same rows: v_monthly_pnl for the net,
// v_budget_performance for each budget's actual, and get_current_budget_alerts() evaluated for the
// month's last day (its own definition with the day in place of its clock; a server whose clock is
// really set to the day: test/bridge/finance/month-details-clock.test.ts).
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonthDetailsResponse } from '../../../bridge/contract/month-details';
import type { StatusResponse } from '../../../bridge/contract/responses';
import { fixedClock } from '../../../bridge/time/clock';
import { isoDate } from '../../../bridge/time/local-date';
import { startTestBridge, type TestBridge } from '../../fixtures/bridge-server';
import { freshDatabases, type TestDatabases } from '../../fixtures/databases';
import { CATEGORY_ROWS, MONTHS, monthRows } from '../finance/month-rows';
import { insertBudgetsBulk, insertCategoriesWithIds, insertTransactionsBulk, sourcePool } from '../source-rows';
import { functionAlertsAt, installFunctionAt, warsawInstant } from '../user-functions';

// Sunday 15 March 2026, 10:00 in Warsaw: March is the current month, December to February are closed.
const NOW = '2026-03-15T10:00:00+01:00';
const rows = monthRows();

let dbs: TestDatabases;
let tb: TestBridge;
let db: pg.Pool;

const details = async (query: string): Promise<MonthDetailsResponse> => (await (await fetch(`${tb.url}/finance/details?${query}`)).json()) as MonthDetailsResponse;

beforeAll(async () => {
  // The rows are there before the bridge starts, so that its ledger summarises them at once.
  dbs = await freshDatabases();
  db = sourcePool(dbs.finance);
  await insertCategoriesWithIds(db, CATEGORY_ROWS);
  await insertTransactionsBulk(db, rows.transactions);
  await insertBudgetsBulk(db, rows.budgets);
  await installFunctionAt(db);
  tb = await startTestBridge({ dbs, clock: fixedClock(NOW), env: { TWIN_CACHE_MS: '0' } });
  // The ledger summarises the closed months in the background; wait until it has them all.
  for (let i = 0; i < 240; i++) {
    const status = (await (await fetch(`${tb.url}/status`)).json()) as StatusResponse;
    if (status.sync.ledger?.state === 'ready' && status.sync.ledger.covered_until === '2026-03-01') break;
    await new Promise((r) => setTimeout(r, 250));
  }
}, 90_000);
afterAll(async () => {
  await db?.end();
  await tb?.close();
  await dbs?.drop();
});

describe('/finance/details against the user SQL', () => {
  it('reads the closed months from the summaries', async () => {
    const status = (await (await fetch(`${tb.url}/status`)).json()) as StatusResponse;
    expect(status.sync.ledger).toMatchObject({ state: 'ready', covered_until: '2026-03-01' });
    expect(status.sync.ledger!.months).toBeGreaterThanOrEqual(3);
  });

  it.each(MONTHS.map((m) => [m.year, m.month]))("gives %i-%i's income, expense and net as v_monthly_pnl does", async (year, month) => {
    const { data } = await details(`month=${month}&year=${year}`);
    const { rows: pnl } = await db.query(`SELECT income, expense, net_savings FROM v_monthly_pnl WHERE month = $1::date`, [isoDate(year, month, 1)]);
    expect(pnl).toHaveLength(1);
    expect([data.income, data.expense, data.net]).toEqual([Number(pnl[0].income), Number(pnl[0].expense), Number(pnl[0].net_savings)]);
    expect(data.has_data).toBe(true);
  });

  it.each(MONTHS.map((m) => [m.year, m.month]))("gives %i-%i's five largest expenses", async (year, month) => {
    const { data } = await details(`month=${month}&year=${year}`);
    const prefix = isoDate(year, month, 1).slice(0, 8);
    const largest = rows.transactions
      .filter((t) => t.type === 'Expense' && t.date.startsWith(prefix))
      .sort((a, b) => Number(b.amount) - Number(a.amount) || b.date.localeCompare(a.date))
      .slice(0, 5);
    const path = (id: number | null | undefined) => CATEGORY_ROWS.find((c) => c.id === id);
    expect(data.top_expenses).toEqual(
      largest.map((t) => ({
        transaction_id: t.id,
        date: t.date,
        amount: Number(t.amount),
        merchant: t.merchant,
        description: t.description,
        category_path: path(t.category_id) ? [path(t.category_id)!.name, path(t.category_id)!.subcategory].filter(Boolean).join(' > ') : 'Uncategorised',
      })),
    );
  });

  it.each(MONTHS.map((m) => [m.year, m.month]))("gives each budget of %i-%i its actual of v_budget_performance", async (year, month) => {
    const { data } = await details(`month=${month}&year=${year}`);
    const { rows: perf } = await db.query(
      `SELECT budget_id, actual_amount, round(actual_amount / budget_amount * 100, 2) AS util
       FROM v_budget_performance WHERE budget_year = $1 AND budget_month = $2 AND budget_amount > 0 ORDER BY budget_id`,
      [year, month],
    );
    const byId = [...data.budgets].sort((a, b) => (a.budget_id < b.budget_id ? -1 : 1));
    expect(byId.map((b) => [b.budget_id, b.actual_amount, b.utilization_pct])).toEqual(perf.map((p) => [p.budget_id, Number(p.actual_amount), Number(p.util)]));
    expect(data.breaches.map((b) => b.budget_id).sort()).toEqual(perf.filter((p) => Number(p.util) >= 100).map((p) => p.budget_id));
  });

  it.each(MONTHS.slice(0, 3).map((m) => [m.year, m.month, m.days]))("gives %i-%i's alerts as get_current_budget_alerts() returned on its last day at 23:59", async (year, month, days) => {
    const { data } = await details(`month=${month}&year=${year}`);
    expect(data.as_of).toBe(isoDate(year, month, days));
    expect(data.alerts).toEqual(await functionAlertsAt(db, warsawInstant(year, month, days, 23, 59)));
  });

  it("gives the current month's alerts as the function returns them now", async () => {
    const { data } = await details('');
    expect(data).toMatchObject({ month: '2026-03', closed: false, as_of: '2026-03-15' });
    expect(data.alerts).toEqual(await functionAlertsAt(db, new Date(NOW)));
  });

  it('has breaches and alerts of every severity among the months, so the comparisons above compare something', async () => {
    const all = await Promise.all(MONTHS.map((m) => details(`month=${m.month}&year=${m.year}`)));
    expect(all.flatMap((r) => r.data.breaches).length).toBeGreaterThan(3);
    expect(new Set(all.flatMap((r) => r.data.alerts.map((a) => a.alert_severity)))).toEqual(new Set(['CRITICAL', 'HIGH', 'MEDIUM']));
  });
});
