// /finance/details through a listening bridge over crafted rows: a closed month read on its last day,
// the current month read today, a month before any data, and a readable 400 for a month that does not
// exist or has not begun. The figures against the user's SQL in PostgreSQL: finance-details-sql.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../bridge/time/clock';
import { startMemoryBridge, type MemoryBridge } from '../../fixtures/memory-bridge';
import { InMemoryFinanceRepository } from '../../fixtures/repositories/in-memory-finance';

let tb: MemoryBridge;

async function call(path: string, method: 'GET' | 'POST' = 'GET', body?: unknown) {
  const init: RequestInit = method === 'POST' ? { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) } : {};
  const res = await fetch(`${tb.url}${path}`, init);
  return { status: res.status, body: await res.json() };
}

const [GROCERIES, RENT, TRANSPORT] = [1, 2, 3];

beforeAll(async () => {
  const finance = new InMemoryFinanceRepository({
    categories: [
      { id: GROCERIES, name: 'Lifestyle', subcategory: 'Groceries' },
      { id: RENT, name: 'Housing', subcategory: 'Rent' },
      { id: TRANSPORT, name: 'Transport', subcategory: null },
    ],
  });
  finance.addTransactions([
    { id: 'N-SAL', date: '2026-11-10', type: 'Income', amount: '8000.00', category_id: null, merchant: 'Employer' },
    { id: 'N-SAV', date: '2026-11-11', type: 'Transfer', amount: '9000.00', category_id: null, merchant: 'Savings' },
    { id: 'N-RENT', date: '2026-11-01', type: 'Expense', amount: '2500.00', category_id: RENT, merchant: 'Landlord', description: 'November rent' },
    { id: 'N-G1', date: '2026-11-05', type: 'Expense', amount: '320.40', category_id: GROCERIES, merchant: 'Biedronka' },
    { id: 'N-G2', date: '2026-11-20', type: 'Expense', amount: '210.00', category_id: GROCERIES, merchant: 'Żabka' },
    { id: 'N-G3', date: '2026-11-30', type: 'Expense', amount: '15.10', category_id: GROCERIES, merchant: 'Żabka' },
    { id: 'N-T1', date: '2026-11-12', type: 'Expense', amount: '200.00', category_id: TRANSPORT, merchant: 'ORLEN' },
    { id: 'N-T2', date: '2026-11-29', type: 'Expense', amount: '50.00', category_id: TRANSPORT, merchant: 'PKP' },
    { id: 'N-X', date: '2026-11-15', type: 'Expense', amount: '40.00', category_id: null, merchant: 'Kiosk' },
    { id: 'O-1', date: '2026-10-31', type: 'Expense', amount: '5000.00', category_id: GROCERIES, merchant: 'October' },
    { id: 'D-1', date: '2026-12-01', type: 'Expense', amount: '120.00', category_id: GROCERIES, merchant: 'Lidl' },
  ]);
  finance.addBudgets([
    { budget_id: 'NOV-GROC', year: 2026, month: 11, category_id: GROCERIES, amount: '500.00', priority: 'High' },
    { budget_id: 'NOV-RENT', year: 2026, month: 11, category_id: RENT, amount: '2500.00', priority: 'Critical' },
    { budget_id: 'NOV-TRAN', year: 2026, month: 11, category_id: TRANSPORT, amount: '300.00', threshold: 80, priority: 'Medium' },
    { budget_id: 'DEC-GROC', year: 2026, month: 12, category_id: GROCERIES, amount: '1000.00', priority: 'High' },
  ]);
  tb = await startMemoryBridge({ clock: fixedClock('2026-12-02T10:00:00+01:00'), repositories: { finance } });
});
afterAll(async () => {
  await tb?.close();
});

describe('/finance/details of a closed month', () => {
  it('answers GET and POST alike, the month named at the top', async () => {
    const get = await call('/finance/details?month=11&year=2026');
    const post = await call('/finance/details', 'POST', [{ month: 11, year: '2026', chat_id: 7, query: '/details' }]);
    expect(get.status).toBe(200);
    expect(post.body.data).toEqual(get.body.data);
    expect(get.body.month).toBe('2026-11');
    expect(get.body.data).toMatchObject({ month: '2026-11', first_day: '2026-11-01', last_day: '2026-11-30', closed: true, as_of: '2026-11-30', has_data: true });
  });

  it('gives income, expense and net without the transfer, and the 5 largest expenses', async () => {
    const { body } = await call('/finance/details?month=11&year=2026');
    expect([body.data.income, body.data.expense, body.data.net]).toEqual([8000, 3335.5, 4664.5]);
    expect(body.data.top_expenses).toEqual([
      { transaction_id: 'N-RENT', date: '2026-11-01', amount: 2500, merchant: 'Landlord', description: 'November rent', category_path: 'Housing > Rent' },
      { transaction_id: 'N-G1', date: '2026-11-05', amount: 320.4, merchant: 'Biedronka', description: null, category_path: 'Lifestyle > Groceries' },
      { transaction_id: 'N-G2', date: '2026-11-20', amount: 210, merchant: 'Żabka', description: null, category_path: 'Lifestyle > Groceries' },
      { transaction_id: 'N-T1', date: '2026-11-12', amount: 200, merchant: 'ORLEN', description: null, category_path: 'Transport' },
      { transaction_id: 'N-T2', date: '2026-11-29', amount: 50, merchant: 'PKP', description: null, category_path: 'Transport' },
    ]);
  });

  it("reads the budgets at the month's end, the breaches at 100 % and over, and the alerts of its last minute", async () => {
    const { body } = await call('/finance/details?month=11&year=2026');
    const d = body.data;
    expect(d.budgets.map((b: { budget_id: string; actual_amount: number; utilization_pct: number; month_elapsed_pct: number }) => [b.budget_id, b.actual_amount, b.utilization_pct, b.month_elapsed_pct])).toEqual([
      ['NOV-GROC', 545.5, 109.1, 100],
      ['NOV-RENT', 2500, 100, 100],
      ['NOV-TRAN', 250, 83.33, 100],
    ]);
    expect(d.breaches.map((b: { budget_id: string; over_amount: number }) => [b.budget_id, b.over_amount])).toEqual([
      ['NOV-GROC', 45.5],
      ['NOV-RENT', 0],
    ]);
    // The function's order: priority Critical, High, Medium; on the last day nothing is left to spread.
    expect(d.alerts.map((a: { alert_id: string; alert_severity: string; days_remaining: number; daily_limit_remaining: number | null; recommended_action: string }) => [a.alert_id, a.alert_severity, a.days_remaining, a.daily_limit_remaining, a.recommended_action])).toEqual([
      ['ALERT-NOV-RENT-202611302359', 'CRITICAL', 0, null, '🚨 STOP SPENDING: Budget exceeded by 0.00 PLN'],
      ['ALERT-NOV-GROC-202611302359', 'CRITICAL', 0, null, '🚨 STOP SPENDING: Budget exceeded by 45.50 PLN'],
      ['ALERT-NOV-TRAN-202611302359', 'HIGH', 0, null, '⚠️ SLOW DOWN: 50.00 PLN left for 0 days (max 50.00 PLN/day)'],
    ]);
    expect(d.alerts[0]).not.toHaveProperty('budget_id');
  });

  it('writes the month as a text for Telegram', async () => {
    const { body } = await call('/finance/details?month=11&year=2026');
    expect([body.response_text, body.content]).toEqual([body.report, body.report]);
    const lines = (body.report as string).split('\n');
    expect(lines.slice(0, 4)).toEqual(['💰 FINANCE DETAILS: November 2026', '📅 2026-11-01 to 2026-11-30', '', '💵 Income +8,000 PLN · Expense -3,336 PLN · Net +4,665 PLN']);
    expect(lines).toContain('🧾 Top 5 expenses:');
    expect(lines).toContain('• 2026-11-01 -2,500 PLN Landlord (Housing > Rent)');
    expect(lines).toContain('📊 Budgets: 3, 2 breached');
    expect(lines).toContain('• Lifestyle > Groceries 109.1%: over by 45.50 PLN');
    expect(lines).toContain('🚨 Budget alerts on 2026-11-30: 3');
    expect(lines).toContain('• HIGH Transport 83.3%: ⚠️ SLOW DOWN: 50.00 PLN left for 0 days (max 50.00 PLN/day)');
  });
});

describe('/finance/details of the current month and of a month before any data', () => {
  it('reads this month, as of now, without parameters', async () => {
    const { status, body } = await call('/finance/details');
    expect(status).toBe(200);
    expect(body.month).toBe('2026-12');
    expect(body.data).toMatchObject({ closed: false, as_of: '2026-12-02', last_day: '2026-12-31', income: 0, expense: 120, net: -120 });
    expect(body.data.budgets).toMatchObject([{ budget_id: 'DEC-GROC', utilization_pct: 12, projected_month_end: 1860, alert_severity: 'MEDIUM' }]);
    expect(body.data.alerts.map((a: { alert_id: string; days_remaining: number }) => [a.alert_id, a.days_remaining])).toEqual([['ALERT-DEC-GROC-202612021000', 29]]);
    expect(body.report.split('\n')[1]).toBe('📅 2026-12-01 to 2026-12-02 (month in progress)');
    expect((await call('/finance/details?month=12&year=2026')).body.data).toEqual(body.data);
  });

  it("takes a month alone as this year's", async () => {
    const { body } = await call('/finance/details?month=1');
    expect(body.month).toBe('2026-01');
    expect(body.data.as_of).toBe('2026-01-31');
  });

  it('answers a month before any data with zeros, empty lists and a text that says so', async () => {
    const { status, body } = await call('/finance/details', 'POST', { month: '02', year: 2001 });
    expect(status).toBe(200);
    expect(body.data).toMatchObject({ month: '2001-02', last_day: '2001-02-28', has_data: false, income: 0, expense: 0, net: 0, top_expenses: [], budgets: [], breaches: [], alerts: [] });
    expect(body.report).toBe('💰 FINANCE DETAILS: February 2001\n📅 2001-02-01 to 2001-02-28\n\nℹ️ No data for February 2001: no income, expense or budget recorded.');
  });
});

describe('/finance/details refuses what is not a month it can describe', () => {
  it.each([
    ['month=13&year=2026', 'month must be a whole number from 1 to 12'],
    ['month=0&year=2026', 'month must be a whole number from 1 to 12'],
    ['month=2.5&year=2026', 'month must be a whole number from 1 to 12'],
    ['month=march', 'month must be a whole number from 1 to 12'],
    ['month=1&year=0', 'year must be a whole number from 1900 to 9999'],
    ['month=1&year=0000', 'year must be a whole number from 1900 to 9999'],
    ['month=1&year=26', 'year must be a whole number from 1900 to 9999'],
    ['month=1&year=abc', 'year must be a whole number from 1900 to 9999'],
    ['year=2026', 'month (1 to 12) must be given with year'],
    ['month=1&year=2027', '2027-01 has not begun yet (today is 2026-12-02)'],
    ['month=12&year=9999', '9999-12 has not begun yet'],
  ])('%s: 400 with the n8n text keys', async (query, message) => {
    for (const r of [await call(`/finance/details?${query}`), await call('/finance/details', 'POST', Object.fromEntries(new URLSearchParams(query)))]) {
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('invalid_parameter');
      expect(r.body.error.message).toContain(message);
      expect(r.body.report).toBe(`❌ Error: ${r.body.error.message}`);
      expect([r.body.response_text, r.body.content]).toEqual([r.body.report, r.body.report]);
    }
  });

  it('refuses a parameter given twice', async () => {
    const { status, body } = await call('/finance/details?month=1&month=2');
    expect(status).toBe(400);
    expect(body.error.message).toBe('month must be given once, as a whole number (month=3)');
  });

  it('refuses a number that is not whole in a JSON body', async () => {
    const { status, body } = await call('/finance/details', 'POST', { month: 3.5, year: 2026 });
    expect(status).toBe(400);
    expect(body.error.message).toBe('month must be a whole number from 1 to 12, e.g. month=3 (got "3.5")');
  });
});

describe('/finance/details in the OpenAPI document', () => {
  it('is described on GET and POST, and its bodies, 200 and 400, match the document', async () => {
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    type Op = { operationId: string; responses: Record<string, { content: { 'application/json': { schema: { $ref: string } } } }> };
    const doc = (await (await fetch(`${tb.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, Op>>; components: { schemas: Record<string, object> } };
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    for (const [name, schema] of Object.entries(doc.components.schemas)) ajv.addSchema(schema, `#/components/schemas/${name}`);
    const ops = doc.paths['/finance/details'];
    expect(Object.keys(ops).sort()).toEqual(['get', 'post']);
    expect([ops.get.operationId, ops.post.operationId]).toEqual(['getFinanceDetails', 'postFinanceDetails']);
    for (const query of ['month=11&year=2026', '', 'month=2&year=2001', 'month=13']) {
      const { status, body } = await call(`/finance/details?${query}`);
      const validate = ajv.getSchema(ops.get.responses[String(status)].content['application/json'].schema.$ref)!;
      expect(validate(body), `${query}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
    }
  });
});
