// /workout, /forecast, /pantry and /finance/alerts through a listening bridge over crafted rows, on
// GET and POST alike (n8n-finance-sql.test.ts: the figures against PostgreSQL's own functions).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../bridge/time/clock';
import { addDays } from '../../../bridge/time/local-date';
import { startMemoryBridge, type MemoryBridge } from '../../fixtures/memory-bridge';
import { financeRows, NOW, TODAY } from './n8n-rows';

let tb: MemoryBridge;

async function call(path: string, method: 'GET' | 'POST' = 'GET') {
  const init: RequestInit = method === 'POST' ? { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ chat_id: 42, query: path }) } : {};
  const res = await fetch(`${tb.url}${path}`, init);
  return { status: res.status, body: await res.json() };
}

function seedTraining() {
  // Seven upper sessions, 4 days apart, the newest yesterday; one lower session 100 days ago.
  const upper = Array.from({ length: 7 }, (_, i) => addDays(TODAY, -1 - 4 * i));
  const old = addDays(TODAY, -100);
  tb.repositories.training.insert({
    workout_templates: [
      { template_id: 'upper', template_name: 'HIT Upper A', workout_type: 'HIT Upper' },
      { template_id: 'lower', template_name: 'HIT Lower A', workout_type: 'HIT Lower' },
    ],
    exercises: [
      { exercise_id: 'press', exercise_name: 'Chest press' },
      { exercise_id: 'row', exercise_name: 'Seated row' },
      { exercise_id: 'squat', exercise_name: 'Leg press' },
    ],
    workouts: [
      ...upper.map((date, i) => ({ workout_date: date, template_id: 'upper', location: 'gym', duration_min: 30 + i, recovery_score: 4, mood_score: 3 })),
      { workout_date: old, template_id: 'lower', duration_min: 40 },
    ],
    // Chest press gains 2.5 kg a session; seated row holds 50 kg for ever shorter times.
    workout_sets: [
      ...upper.flatMap((date, i) => [
        { workout_date: date, template_id: 'upper', exercise_id: 'press', weight_kg: 70 - 2.5 * i, tut_seconds: 75 },
        { workout_date: date, template_id: 'upper', exercise_id: 'row', weight_kg: 50, tut_seconds: 60 + 5 * i },
      ]),
      { workout_date: old, template_id: 'lower', exercise_id: 'squat', weight_kg: 120, tut_seconds: 90 },
    ],
  });
}

function seedFinance() {
  const { finance } = tb.repositories;
  const rows = financeRows({ groceries: finance.addCategory('Lifestyle', 'Groceries'), fuel: finance.addCategory('Transport', 'Fuel') });
  finance.addTransactions(rows.transactions);
  finance.addBudgets(rows.budgets);
}

beforeAll(async () => {
  tb = await startMemoryBridge({ clock: fixedClock(NOW), env: { TWIN_CACHE_MS: '0' } });
});
afterAll(async () => {
  await tb?.close();
});

describe('over empty sources', () => {
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
  beforeAll(() => {
    seedTraining();
    seedFinance();
    tb.repositories.pantry.rows.push(
      { category: 'Mleko', location: 'Lodowka', current_quantity: '0', unit: 'l', critical_threshold: '1', next_expiry: addDays(TODAY, -1) },
      { category: 'Jajka', location: 'Lodowka', current_quantity: '12', unit: 'szt', critical_threshold: '4', next_expiry: addDays(TODAY, 20) },
      { category: 'Ryż', location: 'Spizarka', current_quantity: '2', unit: 'kg', critical_threshold: '1', next_expiry: null },
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

  it('/forecast adds the unpaid scheduled payments of its days once: a monthly one whose category spent last month is already in the outflow', async () => {
    const { finance } = tb.repositories;
    finance.calendar.currentDate = TODAY;
    const at = (days: number) => addDays(TODAY, days);
    finance.addScheduled([
      // Groceries spent every day of the last 35: inside every period already.
      { name: 'Koszyk Frisco', amount: '200', category: 'Lifestyle', sub_category: 'Groceries', frequency: 'monthly', expense_date: at(5) },
      // Fuel was last bought 60 days ago (and today, which the history does not read): a new monthly cost.
      { name: 'Karta paliwowa', amount: '300', category: 'Transport', sub_category: 'Fuel', frequency: 'monthly', expense_date: at(6) },
      { name: 'Ubezpieczenie OC', amount: '1200.50', category: 'Transport', frequency: 'annual', expense_date: at(30) },
      { name: 'Wizz Air', amount: '50', currency: 'EUR', category: 'Travel', expense_date: at(3) },
      // Not the forecast's: due today, paid, and 31 days ahead.
      { name: 'Dziś', amount: '70', category: 'Lifestyle', sub_category: 'Groceries', frequency: 'one-time', expense_date: TODAY },
      { name: 'Opłacone', amount: '80', frequency: 'quarterly', expense_date: at(4), is_paid: true },
      { name: 'Za daleko', amount: '90', expense_date: at(31) },
    ]);
    const { body } = await call('/forecast');
    expect(body.data.scheduled.map((s: { name: string; counted: string }) => [s.name, s.counted])).toEqual([
      ['Wizz Air', 'other_currency'],
      ['Koszyk Frisco', 'in_history'],
      ['Karta paliwowa', 'added'],
      ['Ubezpieczenie OC', 'added'],
    ]);
    expect(body.data).toMatchObject({ median: 1500, scheduled_added: 1500.5, expected_with_scheduled: 3000.5, scheduled_note: null });
    expect(body.report).toContain(`🗓️ Scheduled on top: -1,501 PLN (Karta paliwowa ${at(6)}, Ubezpieczenie OC ${at(30)})`);
    expect(body.report).toContain(`🔁 Already in the usual outflow (monthly, paid last month): Koszyk Frisco ${at(5)}`);
    expect(body.report).toContain(`💱 Scheduled in another currency, not added: Wizz Air ${at(3)}`);
    expect(body.report).toContain('🧮 With scheduled payments: -3,001 PLN expected');
    finance.calendar.rows = [];
  });

  it('/pantry lists low stock and expiring food, and says when run-out dates cannot be known', async () => {
    const { body } = await call('/pantry');
    expect(body.data.low_stock.map((i: { product: string }) => i.product)).toEqual(['Mleko']);
    expect(body.data.expiring.map((i: { product: string; level: string }) => [i.product, i.level])).toEqual([['Mleko', 'expired'], ['Jajka', 'warning']]);
    expect(body.data.run_out).toBeNull();
    expect(body.report).toContain('🛒 Pantry: 1 item low stock: Mleko');
    expect(body.report).toContain('📆 Expiring within 30 days: Jajka (2026-12-22)');
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
