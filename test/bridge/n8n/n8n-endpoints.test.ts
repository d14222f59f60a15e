// /workout, /forecast, /pantry and /finance/alerts through a listening bridge over crafted rows in
// real PostgreSQL databases, on GET and POST alike.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../bridge/time/clock';
import { addDays } from '../../../bridge/time/local-date';
import { startTestBridge, type TestBridge } from '../../fixtures/bridge-server';
import { insertBudgets, insertCategory, insertTransactions, sourcePool } from '../source-rows';

// Wednesday 2 December 2026, 10:00 in Warsaw.
const TODAY = '2026-12-02';
let tb: TestBridge;
let pools: { finance: pg.Pool; training: pg.Pool; pantry: pg.Pool };

async function call(path: string, method: 'GET' | 'POST' = 'GET') {
  const init: RequestInit = method === 'POST' ? { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ chat_id: 42, query: path }) } : {};
  const res = await fetch(`${tb.url}${path}`, init);
  return { status: res.status, body: await res.json() };
}

async function seedTraining(db: pg.Pool) {
  await db.query(`INSERT INTO workout_templates (template_id, template_name, workout_type) VALUES ('upper', 'HIT Upper A', 'HIT Upper'), ('lower', 'HIT Lower A', 'HIT Lower')`);
  await db.query(`INSERT INTO exercises (exercise_id, exercise_name) VALUES ('press', 'Chest press'), ('row', 'Seated row'), ('squat', 'Leg press')`);
  // Seven upper sessions, 4 days apart, the newest yesterday; one lower session 100 days ago.
  const upper = Array.from({ length: 7 }, (_, i) => addDays(TODAY, -1 - 4 * i));
  for (const [i, date] of upper.entries()) {
    await db.query(`INSERT INTO workouts (workout_date, template_id, location, duration_min, recovery_score, mood_score) VALUES ($1, 'upper', 'gym', $2, 4, 3)`, [date, 30 + i]);
    // Chest press gains 2.5 kg a session; seated row holds 50 kg for ever shorter times.
    await db.query(`INSERT INTO workout_sets (workout_date, template_id, exercise_id, weight_kg, tut_seconds) VALUES ($1, 'upper', 'press', $2, 75), ($1, 'upper', 'row', 50, $3)`, [date, 70 - 2.5 * i, 60 + 5 * i]);
  }
  const old = addDays(TODAY, -100);
  await db.query(`INSERT INTO workouts (workout_date, template_id, duration_min) VALUES ($1, 'lower', 40)`, [old]);
  await db.query(`INSERT INTO workout_sets (workout_date, template_id, exercise_id, weight_kg, tut_seconds) VALUES ($1, 'lower', 'squat', 120, 90)`, [old]);
}

async function seedFinance(db: pg.Pool) {
  const groceries = await insertCategory(db, 'Lifestyle', 'Groceries');
  const fuel = await insertCategory(db, 'Transport', 'Fuel');
  // 50 a day over the 180 days before today, one day of 3,000 more, plus what must not count:
  // income, a transfer, today's spending and spending from before the window.
  const days = Array.from({ length: 180 }, (_, i) => addDays(TODAY, -1 - i));
  await insertTransactions(db, days.map((date) => ({ date, type: 'Expense' as const, amount: '50.00', category_id: groceries })));
  await insertTransactions(db, [
    { date: addDays(TODAY, -60), type: 'Expense', amount: '3000.00', category_id: fuel },
    { date: addDays(TODAY, -10), type: 'Income', amount: '9000.00' },
    { date: addDays(TODAY, -11), type: 'Transfer', amount: '7000.00' },
    { date: TODAY, type: 'Expense', amount: '999.00', category_id: fuel },
    { date: addDays(TODAY, -200), type: 'Expense', amount: '5000.00', category_id: fuel },
  ]);
  await insertBudgets(db, [
    { budget_id: 'B-GROC', year: 2026, month: 12, category_id: groceries, amount: '40.00', threshold: 90, priority: 'High' },
    { budget_id: 'B-FUEL', year: 2026, month: 12, category_id: fuel, amount: '5000.00', threshold: 80, priority: 'Medium' },
  ]);
}

beforeAll(async () => {
  tb = await startTestBridge({ clock: fixedClock('2026-12-02T10:00:00+01:00'), env: { TWIN_CACHE_MS: '0' } });
  pools = { finance: sourcePool(tb.dbs.finance), training: sourcePool(tb.dbs.training), pantry: sourcePool(tb.dbs.pantry) };
});
afterAll(async () => {
  await Promise.all(Object.values(pools ?? {}).map((p) => p.end()));
  await tb?.close();
});

describe('over empty databases', () => {
  it.each(['/workout', '/forecast', '/pantry', '/finance/alerts'])('%s answers GET and POST with the n8n keys', async (path) => {
    for (const method of ['GET', 'POST'] as const) {
      const { status, body } = await call(path, method);
      expect(status).toBe(200);
      expect(body.report.length).toBeGreaterThan(10);
      expect(body.response_text).toBe(body.report);
      expect(body.content).toBe(body.report);
      expect(body.data).toBeDefined();
    }
  });

  it('says there is not enough history instead of a forecast of zero', async () => {
    const { body } = await call('/forecast');
    expect(body.data).toMatchObject({ periods: 0, median: null, p10: null, p90: null, history_from: null, last_30_days: 0 });
    expect(body.report).toContain('not enough history');
  });

  it('refuses a bad format with a readable 400', async () => {
    const { status, body } = await call('/workout?format=xml');
    expect(status).toBe(400);
    expect(body.report).toMatch(/^❌ Error: format must be json or text/);
  });
});

describe('over crafted rows', () => {
  beforeAll(async () => {
    await seedTraining(pools.training);
    await seedFinance(pools.finance);
    await pools.pantry.query(
      `INSERT INTO pantry_inventory (category, location, current_quantity, unit, critical_threshold, next_expiry) VALUES
       ('Mleko', 'Lodowka', 0, 'l', 1, $1), ('Jajka', 'Lodowka', 12, 'szt', 4, $2), ('Ryż', 'Spizarka', 2, 'kg', 1, NULL)`,
      [addDays(TODAY, -1), addDays(TODAY, 20)],
    );
  });

  it('/workout lists the last 5 sessions, newest first, and the progression of each exercise', async () => {
    const { body } = await call('/workout', 'POST');
    const sessions = body.data.sessions as { date: string; template_name: string; exercises: number }[];
    expect(sessions.map((s) => s.date)).toEqual([1, 5, 9, 13, 17].map((d) => addDays(TODAY, -d)));
    expect(sessions[0]).toMatchObject({ template_name: 'HIT Upper A', workout_type: 'HIT Upper', location: 'gym', duration_min: 30, exercises: 2, recovery_score: 4, mood_score: 3 });
    const byName = Object.fromEntries((body.data.progression as { exercise_name: string; sets: { weight_kg: number }[] }[]).map((p) => [p.exercise_name, p]));
    // The lower session is 100 days old: outside the 12 weeks.
    expect(Object.keys(byName)).toEqual(['Chest press', 'Seated row']);
    expect(byName['Chest press']).toMatchObject({ trend: 'up', weight_change_kg: 10, tut_change_seconds: 0 });
    expect(byName['Chest press'].sets.map((s: { weight_kg: number }) => s.weight_kg)).toEqual([70, 67.5, 65, 62.5, 60]);
    expect(byName['Seated row']).toMatchObject({ trend: 'down', weight_change_kg: 0, tut_change_seconds: -20 });
    expect(body.report).toContain('⬆️ Chest press: 60 → 70 kg, 75 s');
    expect(body.report).toContain('⬇️ Seated row: 50 kg, 80 → 60 s');
    expect(body.report.startsWith('🏋️ WORKOUT')).toBe(true);
  });

  it('/forecast gives the median and ranges of the 30-day periods of the last 180 days', async () => {
    const { body } = await call('/forecast');
    // 151 periods of 30 days; the 30 that hold the 3,000 day total 4,500, the other 121 total 1,500.
    expect(body.data).toMatchObject({
      from: '2026-12-03',
      to: '2027-01-01',
      history_from: addDays(TODAY, -180),
      history_to: addDays(TODAY, -1),
      periods: 151,
      median: 1500,
      p10: 1500,
      p25: 1500,
      p75: 1500,
      p90: 4500,
      last_30_days: 1500,
    });
    expect(body.report).toContain('💸 Outflow: -1,500 PLN expected in 30 days');
    expect(body.report).toContain('80 % range: -1,500 PLN to -4,500 PLN');
  });

  it('/forecast agrees with percentile_cont over the same periods computed apart', async () => {
    const { rows } = await pools.finance.query<{ p: number[] }>(`
      WITH d AS (SELECT g::date AS day FROM generate_series($1::date - 180, $1::date - 1, interval '1 day') g),
           s AS (SELECT d.day, coalesce((SELECT sum(amount) FROM transactions t WHERE t.transaction_date = d.day AND t.type = 'Expense'), 0) AS a FROM d),
           w AS (SELECT (SELECT sum(a) FROM s s2 WHERE s2.day BETWEEN s1.day - 29 AND s1.day) AS total FROM s s1 WHERE s1.day >= $1::date - 151)
      SELECT percentile_cont(ARRAY[0.1, 0.25, 0.5, 0.75, 0.9]) WITHIN GROUP (ORDER BY total) AS p FROM w`, [TODAY]);
    const { body } = await call('/forecast');
    expect([body.data.p10, body.data.p25, body.data.median, body.data.p75, body.data.p90]).toEqual(rows[0].p.map(Number));
  });

  it('/pantry lists low stock and expiring food, and says when run-out dates cannot be known', async () => {
    const { body } = await call('/pantry');
    expect(body.data.low_stock.map((i: { product: string }) => i.product)).toEqual(['Mleko']);
    expect(body.data.expiring.map((i: { product: string; level: string }) => [i.product, i.level])).toEqual([['Mleko', 'expired'], ['Jajka', 'warning']]);
    expect(body.data.run_out).toBeNull();
    expect(body.report).toContain('🛒 Pantry: 1 item low stock: Mleko');
    expect(body.report).toContain('📆 Expiring within 30 days: Jajka (2026-12-22)');
  });

  it('/finance/alerts gives the rows of get_current_budget_alerts(), its columns in its order', async () => {
    const { body } = await call('/finance/alerts', 'POST');
    const finance = await call('/finance');
    // Groceries: 50 spent of 40 (CRITICAL); fuel: 999 spent today, on course for 15,484 of 5,000 (MEDIUM).
    expect(body.count).toBe(2);
    expect(body.data).toEqual(finance.body.alerts.map(({ budget_id: _b, ...row }: { budget_id: string }) => row));
    const { fields } = await pools.finance.query('SELECT * FROM get_current_budget_alerts() LIMIT 0');
    expect(Object.keys(body.data[0])).toEqual(fields.map((f) => f.name));
    expect(body.data.map((a: { alert_severity: string; category_path: string }) => [a.alert_severity, a.category_path])).toEqual([
      ['CRITICAL', 'Lifestyle > Groceries'],
      ['MEDIUM', 'Transport > Fuel'],
    ]);
    expect(body.data[0]).toMatchObject({ actual_amount: 50, budget_amount: 40, utilization_pct: 125, alert_id: 'ALERT-B-GROC-202612021000' });
    expect(body.report).toContain('CRITICAL Lifestyle > Groceries 125.0%: 🚨 STOP SPENDING: Budget exceeded by 10.00 PLN');
  });
});

describe('the OpenAPI document', () => {
  it('describes each endpoint on GET and POST with operationIds, and the bodies match it', async () => {
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    type Doc = { paths: Record<string, Record<string, { operationId: string; responses: Record<string, { content: { 'application/json': { schema: { $ref: string } } } }> }>>; components: { schemas: Record<string, object> } };
    const doc = (await (await fetch(`${tb.url}/openapi.json`)).json()) as Doc;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    for (const [name, schema] of Object.entries(doc.components.schemas)) ajv.addSchema(schema, `#/components/schemas/${name}`);
    const ids = new Set<string>();
    for (const path of ['/workout', '/forecast', '/pantry', '/finance/alerts', '/review/week']) {
      expect(Object.keys(doc.paths[path]).sort()).toEqual(['get', 'post']);
      for (const method of ['get', 'post'] as const) {
        const op = doc.paths[path][method];
        ids.add(op.operationId);
        const { status, body } = await call(path, method === 'get' ? 'GET' : 'POST');
        const validate = ajv.getSchema(op.responses[String(status)].content['application/json'].schema.$ref)!;
        expect(validate(body), `${method} ${path}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
      }
    }
    expect(ids.size).toBe(10);
  });
});
