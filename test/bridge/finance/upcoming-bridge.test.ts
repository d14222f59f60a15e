// Upcoming payments through a listening bridge on the real PostgreSQL, its clock the server's own:
// /finance and /status carry the rows of the user's v_upcoming_expenses as they stand, then the same
// rows from expense_calendar once the view is dropped, and an empty list with a note, not an error,
// once the table is gone too.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../bridge/time/local-date';
import { startTestBridge, type TestBridge } from '../../fixtures/bridge-server';
import { insertScheduledBulk, sourcePool } from '../source-rows';

let tb: TestBridge;
let db: pg.Pool;
let today: string;

async function call(path: string) {
  const res = await fetch(`${tb.url}${path}`);
  return { status: res.status, body: await res.json() };
}

/** The view's rows in the contract's columns, as the person's own SQL returns them. */
async function viewRows() {
  type Row = { name: string; amount: string; currency: string; category: string | null; expense_date: string; days_until: number; urgency: string };
  const { rows } = await db.query<Row>(
    `SELECT name, amount::text, currency, category, expense_date, days_until, urgency FROM v_upcoming_expenses`,
  );
  return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
}

beforeAll(async () => {
  tb = await startTestBridge({ env: { TWIN_CACHE_MS: '0' } });
  db = sourcePool(tb.dbs.finance);
  today = (await db.query<{ d: string }>('SELECT current_date::text AS d')).rows[0].d;
  const row = (id: number, name: string, amount: string, days: number, more: { is_paid?: boolean; frequency?: string } = {}) => ({
    id, name, amount, currency: 'PLN', category: 'Housing', sub_category: null, frequency: more.frequency ?? 'monthly', expense_date: addDays(today, days), is_paid: more.is_paid ?? false,
  });
  await insertScheduledBulk(db, [
    row(1, 'Czynsz', '3150.00', 0),
    row(2, 'Prąd', '312.40', 1),
    row(3, 'Spotify', '23.99', 5),
    row(4, 'Ubezpieczenie mieszkania', '412.00', 12, { frequency: 'annual' }),
    row(5, 'Woda', '180.00', 30, { frequency: 'quarterly' }),
    row(6, 'Opłacone', '99.00', 2, { is_paid: true }),
    row(7, 'Za miesiąc', '10.00', 31),
  ]);
});
afterAll(async () => {
  await db?.end();
  await tb?.close();
});

describe('upcoming payments over the real PostgreSQL', () => {
  it('/finance and /status carry the rows of v_upcoming_expenses in its order, and the briefing names what is due within 7 days', async () => {
    const expected = await viewRows();
    expect(expected.map((r) => r.name)).toEqual(['Czynsz', 'Prąd', 'Spotify', 'Ubezpieczenie mieszkania', 'Woda']);
    const finance = await call('/finance');
    expect(finance.body.upcoming).toEqual(expected);
    expect(finance.body.upcoming_note).toBeNull();
    const status = await call('/status');
    expect(status.body.state.finance.upcoming).toEqual(expected);
    expect(status.body.report).toContain('⏰ Urgent: Czynsz 3,150 PLN today, Prąd 312 PLN tomorrow');
    expect(status.body.report).toContain(`🗓️ Due within 7 days: Spotify 24 PLN in 5 days (${addDays(today, 5)})`);
  });

  it('reads the same rows from expense_calendar without the view, and none without the table, the domain still ok', async () => {
    const expected = await viewRows();
    await db.query('DROP VIEW v_upcoming_expenses');
    const withoutView = (await call('/finance')).body;
    expect(withoutView.upcoming).toEqual(expected);
    expect(withoutView.upcoming_note).toMatch(/no such view/);

    await db.query('DROP TABLE expense_calendar');
    const withoutTable = await call('/finance');
    expect(withoutTable.status).toBe(200);
    expect(withoutTable.body).toMatchObject({ status: 'ok', upcoming: [], upcoming_note: 'No scheduled payments: the finance database has no expense_calendar table.' });
    const forecast = await call('/forecast');
    expect(forecast.body.data).toMatchObject({ scheduled: [], scheduled_added: 0, scheduled_note: withoutTable.body.upcoming_note });
  });
});
