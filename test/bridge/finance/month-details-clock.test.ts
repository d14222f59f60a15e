// The alerts of /finance/details against get_current_budget_alerts() itself, run by a PostgreSQL whose
// clock is set (libfaketime) to the last minute of each closed month, and to "now" for the current
// month: the function as the person's n8n called it on that day, over the same rows.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase, SCHEMAS } from '../../../bridge/db/embedded-databases';
import { PgFinanceRepository } from '../../../bridge/finance/finance-repository';
import { readMonthDetails } from '../../../bridge/finance/month-details';
import { isoDate } from '../../../bridge/time/local-date';
import { libfaketime, startFakedClockPostgres, type FakedClockPostgres } from '../../fixtures/faked-clock-postgres';
import { insertBudgetsBulk, insertCategoriesWithIds, insertTransactionsBulk, sourcePool, todayAt } from '../source-rows';
import { fromSqlRow, warsawInstant } from '../user-functions';
import { CATEGORY_ROWS, MONTHS, monthRows } from './month-rows';

// Sunday 15 March 2026, 10:00 in Warsaw: March is the current month, December to February are closed.
const NOW = '2026-03-15T10:00:00+01:00';
// Under `npm run test:calendar` the test's own clock is faked, and the server's offset from it would not
// be the day asked for: this file runs in the ordinary runs, which have the real clock.
const library = process.env.LD_PRELOAD?.includes('faketime') ? null : libfaketime();

let faked: FakedClockPostgres;
let db: pg.Pool;

beforeAll(async () => {
  if (!library) return;
  faked = await startFakedClockPostgres(library);
  await prepareDatabase(faked.server, 'finance_on_a_day', SCHEMAS.finance);
  db = sourcePool(faked.server.url('finance_on_a_day'));
  const rows = monthRows();
  await insertCategoriesWithIds(db, CATEGORY_ROWS);
  await insertTransactionsBulk(db, rows.transactions);
  await insertBudgetsBulk(db, rows.budgets);
}, 120_000);
afterAll(async () => {
  await db?.end();
  await faked?.stop();
});

/** The function's rows with the server's clock at `at`, and the day and minute that clock showed. */
async function functionOn(at: Date) {
  faked.set(at);
  const client = await db.connect();
  try {
    // One transaction: current_date and now() are its start, the same for every row.
    await client.query('BEGIN');
    const { rows: clock } = await client.query<{ today: string; minute: string }>(`SELECT current_date::text AS today, to_char(now(), 'YYYY-MM-DD HH24:MI') AS minute`);
    const { rows } = await client.query<Record<string, unknown>>('SELECT * FROM get_current_budget_alerts()');
    await client.query('COMMIT');
    return { ...clock[0], alerts: rows.map(fromSqlRow) };
  } finally {
    client.release();
  }
}

const details = (year: number, month: number) => readMonthDetails(new PgFinanceRepository(db), { month: { year, month }, today: todayAt(NOW), currency: 'PLN' });

describe.skipIf(!library)('/finance/details alerts against get_current_budget_alerts() on a server whose clock shows the day', () => {
  it.each(MONTHS.slice(0, 3).map((m) => [m.year, m.month, m.days]))('%i-%i: the rows it returned at 23:59 on the last day', async (year, month, days) => {
    const sql = await functionOn(warsawInstant(year, month, days, 23, 59));
    expect(sql.minute).toBe(`${isoDate(year, month, days)} 23:59`);
    const twin = await details(year, month);
    expect(twin.as_of).toBe(sql.today);
    expect(sql.alerts.length).toBeGreaterThan(0);
    expect(twin.alerts).toEqual(sql.alerts);
  });

  it('the current month: the rows it returns now', async () => {
    const sql = await functionOn(new Date(NOW));
    expect(sql.minute).toBe('2026-03-15 10:00');
    const twin = await details(2026, 3);
    expect([twin.closed, twin.as_of]).toEqual([false, sql.today]);
    expect(sql.alerts.length).toBeGreaterThan(0);
    expect(twin.alerts).toEqual(sql.alerts);
  });
});
