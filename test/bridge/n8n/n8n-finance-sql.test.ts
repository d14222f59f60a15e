// /forecast and /finance/alerts over crafted rows in a real PostgreSQL, against what PostgreSQL's
// own percentile_cont and get_current_budget_alerts() make of the same rows.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../bridge/time/clock';
import { startTestBridge, type TestBridge } from '../../fixtures/bridge-server';
import { insertBudgets, insertCategory, insertTransactions, sourcePool } from '../source-rows';
import { financeRows, NOW, TODAY } from './n8n-rows';

let tb: TestBridge;
let db: pg.Pool;

async function call(path: string, method: 'GET' | 'POST' = 'GET') {
  const init: RequestInit = method === 'POST' ? { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ chat_id: 42, query: path }) } : {};
  const res = await fetch(`${tb.url}${path}`, init);
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  tb = await startTestBridge({ clock: fixedClock(NOW), env: { TWIN_CACHE_MS: '0' } });
  db = sourcePool(tb.dbs.finance);
  const rows = financeRows({ groceries: await insertCategory(db, 'Lifestyle', 'Groceries'), fuel: await insertCategory(db, 'Transport', 'Fuel') });
  await insertTransactions(db, rows.transactions);
  await insertBudgets(db, rows.budgets);
});
afterAll(async () => {
  await db?.end();
  await tb?.close();
});

describe('over crafted rows in PostgreSQL', () => {
  it('/forecast agrees with percentile_cont over the same periods computed apart', async () => {
    const { rows } = await db.query<{ p: number[] }>(`
      WITH d AS (SELECT g::date AS day FROM generate_series($1::date - 180, $1::date - 1, interval '1 day') g),
           s AS (SELECT d.day, coalesce((SELECT sum(amount) FROM transactions t WHERE t.transaction_date = d.day AND t.type = 'Expense'), 0) AS a FROM d),
           w AS (SELECT (SELECT sum(a) FROM s s2 WHERE s2.day BETWEEN s1.day - 29 AND s1.day) AS total FROM s s1 WHERE s1.day >= $1::date - 151)
      SELECT percentile_cont(ARRAY[0.1, 0.25, 0.5, 0.75, 0.9]) WITHIN GROUP (ORDER BY total) AS p FROM w`, [TODAY]);
    const { body } = await call('/forecast');
    expect([body.data.p10, body.data.p25, body.data.median, body.data.p75, body.data.p90]).toEqual(rows[0].p.map(Number));
  });

  it('/finance/alerts gives the rows of get_current_budget_alerts(), its columns in its order', async () => {
    const { body } = await call('/finance/alerts', 'POST');
    const finance = await call('/finance');
    // Groceries: 50 spent of 40 (CRITICAL); fuel: 999 spent today, on course for 15,484 of 5,000 (MEDIUM).
    expect(body.count).toBe(2);
    expect(body.data).toEqual(finance.body.alerts.map(({ budget_id: _b, ...row }: { budget_id: string }) => row));
    const { fields } = await db.query('SELECT * FROM get_current_budget_alerts() LIMIT 0');
    expect(Object.keys(body.data[0])).toEqual(fields.map((f) => f.name));
    expect(body.data.map((a: { alert_severity: string; category_path: string }) => [a.alert_severity, a.category_path])).toEqual([
      ['CRITICAL', 'Lifestyle > Groceries'],
      ['MEDIUM', 'Transport > Fuel'],
    ]);
    expect(body.data[0]).toMatchObject({ actual_amount: 50, budget_amount: 40, utilization_pct: 125, alert_id: 'ALERT-B-GROC-202612021000' });
    expect(body.report).toContain('CRITICAL Lifestyle > Groceries 125.0%: 🚨 STOP SPENDING: Budget exceeded by 10.00 PLN');
  });
});
