// The twin at the end of a past day equals what the person's own SQL returned on that day: their
// views and function run on a PostgreSQL whose clock is set to 23:59 of the day, over the rows dated
// up to it (the later ones deleted inside a transaction that is rolled back). The twin reads the same
// databases whole, through its repositories, directly and through the summaries of closed months.
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PERSON_ID } from '../../../bridge/config/settings';
import type { TwinState } from '../../../bridge/contract/twin-state';
import { SCHEMAS, prepareDatabase } from '../../../bridge/db/embedded-databases';
import { runMigrations } from '../../../bridge/db/migrations/run-migrations';
import { seedDemoData } from '../../../bridge/demo/seed-demo';
import { TwinEngine } from '../../../bridge/engine/twin-engine';
import { Ledger } from '../../../bridge/ledger/ledger';
import { silentLogger } from '../../../bridge/log/logger';
import { fixedClock } from '../../../bridge/time/clock';
import { addDays, daysBetween } from '../../../bridge/time/local-date';
import { libfaketime, startFakedClockPostgres, type FakedClockPostgres } from '../../fixtures/faked-clock-postgres';
import { engineSources } from '../../fixtures/repositories';
import { sourcePool, ZONE } from '../source-rows';
import { fromSqlRow, warsawInstant } from '../user-functions';

const NOW = new Date('2025-04-20T10:00:00+02:00');
const TODAY = '2025-04-20';
// The calendar's edges: the 1st and the last day, 29 February, both nights the clocks change in
// Warsaw, New Year's Eve and Day, and a first of the month on a Monday.
const EDGES = ['2024-02-29', '2024-03-01', '2024-03-31', '2024-06-30', '2024-07-01', '2024-10-27', '2024-12-31', '2025-01-01', '2025-03-30', '2025-03-31'];
// Twenty days of the fifteen months before today, drawn with a fixed seed (the same every run).
const FIRST = '2024-01-20';
const RANDOM = fc.sample(fc.integer({ min: 0, max: daysBetween(FIRST, addDays(TODAY, -1)) }), { numRuns: 20, seed: 20261207 }).map((n) => addDays(FIRST, n));
const DAYS = [...new Set([...EDGES, ...RANDOM])].sort();

const seen = { alerts: 0, measured: 0, trained: 0 };

// Under `npm run test:calendar` this process's clock is faked too, and an offset from it would not set
// the server's to the day: the proof runs in `npm test`. CI installs libfaketime (.ci/run).
const underFaketime = process.env.LD_PRELOAD?.includes('faketime') ?? false;
const library = underFaketime ? null : libfaketime();
if (!library && !underFaketime && process.env.CI === 'true') throw new Error('libfaketime is missing: apt-get install faketime');

let faked: FakedClockPostgres;
const pools: Record<'finance' | 'training' | 'pantry', pg.Pool> = {} as never;
let direct: TwinEngine;
let summarised: TwinEngine;

beforeAll(async () => {
  if (!library) return;
  faked = await startFakedClockPostgres(library);
  for (const kind of ['finance', 'training', 'pantry'] as const) {
    await prepareDatabase(faked.server, `past_${kind}`, SCHEMAS[kind]);
    pools[kind] = sourcePool(faked.server.url(`past_${kind}`), `past-${kind}`, 20_000);
  }
  await runMigrations(pools.finance);
  const targets = { ...pools, twin: pools.finance };
  await seedDemoData(targets, { today: TODAY, now: NOW, personId: DEFAULT_PERSON_ID, years: 3 });
  const clock = fixedClock(NOW);
  const options = { clock, timezone: ZONE, currency: 'PLN', sourceTimeoutMs: 20_000, cacheMs: 0 };
  direct = new TwinEngine({ ...engineSources(pools), ...options });
  const ledger = new Ledger({ finance: pools.finance, training: pools.training, twin: pools.finance, clock, timezone: ZONE, personId: DEFAULT_PERSON_ID, log: silentLogger });
  await ledger.check();
  expect(ledger.status()).toMatchObject({ state: 'ready' });
  summarised = new TwinEngine({ ...engineSources(pools, ledger), ...options });
}, 180_000);

afterAll(async () => {
  await Promise.all(Object.values(pools).map((p) => p?.end()));
  await faked?.stop();
});

/** Runs `read` in a transaction that first deletes the rows dated after `day`, then rolls back. */
async function asOfDay<T>(pool: pg.Pool, deletes: string[], day: string, read: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    for (const sql of deletes) await c.query(sql, [day]);
    return await read(c);
  } finally {
    await c.query('ROLLBACK');
    c.release();
  }
}

const money = (v: unknown) => (v === null ? 0 : Number(v));

/** What the person's finance SQL returned at 23:59 of the day (the server's clock set to it). */
function financeOnTheDay(day: string) {
  return asOfDay(pools.finance, ['DELETE FROM transactions WHERE transaction_date > $1::date'], day, async (c) => {
    const today = (await c.query<{ d: string }>('SELECT current_date::text AS d')).rows[0].d;
    const alerts = (await c.query('SELECT * FROM get_current_budget_alerts()')).rows.map(fromSqlRow);
    const mtd = (await c.query('SELECT month_to_date_net FROM v_daily_cashflow WHERE day = current_date')).rows[0]?.month_to_date_net ?? null;
    const pnl = (
      await c.query(
        `SELECT to_char(month, 'YYYY-MM') AS month, income, expense, net_savings FROM v_monthly_pnl
         WHERE month > current_date - interval '12 months' ORDER BY month`,
      )
    ).rows.map((r) => ({ month: r.month as string, income: money(r.income), expense: money(r.expense), net: money(r.net_savings) }));
    const budgets = (
      await c.query(
        `SELECT p.budget_id, p.actual_amount FROM v_budget_performance p JOIN budgets b USING (budget_id)
         WHERE b.is_active AND b.budget_amount > 0
           AND p.budget_year = extract(year FROM current_date) AND p.budget_month = extract(month FROM current_date)
         ORDER BY p.budget_id`,
      )
    ).rows.map((r) => ({ budget_id: r.budget_id as string, actual_amount: money(r.actual_amount) }));
    return { today, alerts, mtd: money(mtd), pnl, budgets };
  });
}

const TRAINING_DELETES = [
  'DELETE FROM workout_sets WHERE workout_date > $1::date',
  'DELETE FROM workouts WHERE workout_date > $1::date',
  'DELETE FROM measurements WHERE measurement_date > $1::date',
];

/** What the person's training SQL returned at 23:59 of the day. */
function trainingOnTheDay(day: string) {
  return asOfDay(pools.training, TRAINING_DELETES, day, async (c) => {
    const body = (await c.query('SELECT * FROM v_body_composition ORDER BY measurement_date DESC LIMIT 1')).rows[0] ?? null;
    const workouts = (
      await c.query(
        `SELECT current_date - max(workout_date) AS days_since, to_char(max(workout_date), 'YYYY-MM-DD') AS last,
                count(*) FILTER (WHERE workout_date >= date_trunc('week', current_date)::date)::int AS this_week
         FROM workouts`,
      )
    ).rows[0];
    return { body, workouts };
  });
}

function expectFinance(state: TwinState, sql: Awaited<ReturnType<typeof financeOnTheDay>>) {
  const f = state.finance;
  expect(f.status).toBe('ok');
  expect(f.alerts.map(({ budget_id: _id, ...a }) => a)).toEqual(sql.alerts);
  expect(f.mtd_net).toBe(sql.mtd);
  const month = sql.pnl.find((m) => m.month === state.today.slice(0, 7)) ?? { income: 0, expense: 0 };
  expect([f.mtd_income, f.mtd_expense]).toEqual([month.income, month.expense]);
  expect(f.monthly_net.filter((m) => m.income !== 0 || m.expense !== 0)).toEqual(sql.pnl);
  expect(f.budgets.map((b) => ({ budget_id: b.budget_id, actual_amount: b.actual_amount })).sort((a, b) => (a.budget_id < b.budget_id ? -1 : 1))).toEqual(sql.budgets);
}

function expectHealth(state: TwinState, sql: Awaited<ReturnType<typeof trainingOnTheDay>>) {
  const h = state.health;
  expect(h.status).toBe('ok');
  const b = sql.body;
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  expect({ date: h.measurement_date, weight: h.bodyweight_kg, fat: h.bodyfat_pct, lean: h.estimated_lean_mass, dw: h.weight_change, df: h.bodyfat_change, trend: h.weight_trend }).toEqual(
    b === null
      ? { date: null, weight: null, fat: null, lean: null, dw: null, df: null, trend: null }
      : { date: b.measurement_date, weight: n(b.bodyweight_kg), fat: n(b.bodyfat_pct), lean: n(b.estimated_lean_mass), dw: n(b.weight_change), df: n(b.bodyfat_change), trend: b.weight_trend },
  );
  expect(h.days_since_workout).toBe(sql.workouts.days_since);
  expect(h.last_workout?.date ?? null).toBe(sql.workouts.last);
  expect(h.workouts_this_week).toBe(sql.workouts.this_week);
}

describe.skipIf(!library)("the twin on a past day equals the person's SQL run on that day", () => {
  it.each(DAYS)('%s', async (day) => {
    const [plain, served] = [await direct.stateOn(day), await summarised.stateOn(day)];
    expect(served).toEqual({ ...plain, computed_at: served.computed_at });
    expect(plain).toMatchObject({ today: day, past: true, timezone: ZONE });
    faked.set(new Date(warsawInstant(Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10)), 23, 59).getTime() + 30_000));
    const [finance, training] = [await financeOnTheDay(day), await trainingOnTheDay(day)];
    // The server's clock did show that day: the comparison is with what it returned then.
    expect(finance.today).toBe(day);
    expectFinance(plain, finance);
    expectHealth(plain, training);
    seen.alerts += finance.alerts.length;
    seen.measured += training.body === null ? 0 : 1;
    seen.trained += training.workouts.this_week;
  });

  it('compared days with alerts, measurements and workouts (the comparison above was not of empty answers)', () => {
    expect(seen.alerts).toBeGreaterThan(DAYS.length);
    expect(seen.measured).toBe(DAYS.length);
    expect(seen.trained).toBeGreaterThan(DAYS.length / 2);
  });

  it('answers from the rows dated up to the day: a row dated the next day does not count', async () => {
    const day = '2024-11-14';
    const before = await direct.stateOn(day);
    const c = await pools.finance.connect();
    try {
      await c.query('BEGIN');
      await c.query(`INSERT INTO transactions (transaction_id, transaction_date, type, amount, merchant_source, category_id) SELECT 'LATER', $1::date + 1, 'Expense', 5000, 'test', min(category_id) FROM categories`, [day]);
      const engine = new TwinEngine({ ...engineSources({ ...pools, finance: c }), clock: fixedClock(NOW), timezone: ZONE, currency: 'PLN', sourceTimeoutMs: 20_000, cacheMs: 0 });
      const after = await engine.stateOn(day);
      expect(after.finance).toEqual({ ...before.finance, as_of: after.finance.as_of });
      const nextDay = await engine.stateOn(addDays(day, 1));
      expect(nextDay.finance.mtd_expense).toBeGreaterThan((await direct.stateOn(addDays(day, 1))).finance.mtd_expense!);
    } finally {
      await c.query('ROLLBACK');
      c.release();
    }
  });
});

describe.skipIf(!library)('the pantry on a past day', () => {
  it("is the twin's last record by the end of the day, and unknown before its first", async () => {
    const { rows } = await pools.finance.query<{ day: string }>(
      `SELECT to_char(min(created_at) AT TIME ZONE $2, 'YYYY-MM-DD') AS day FROM digital_twin_updates WHERE entity_type = 'pantry' AND entity_id = $1::uuid`,
      [DEFAULT_PERSON_ID, ZONE],
    );
    const first = rows[0].day;
    const recorded = addDays(first, 3);
    const last = (
      await pools.finance.query(
        `SELECT update_data FROM digital_twin_updates WHERE entity_type = 'pantry' AND entity_id = $1::uuid
           AND created_at < (($2::date + 1)::timestamp AT TIME ZONE $3) ORDER BY created_at DESC, id DESC LIMIT 1`,
        [DEFAULT_PERSON_ID, recorded, ZONE],
      )
    ).rows[0].update_data as Record<string, unknown>;
    const p = (await direct.stateOn(recorded)).pantry;
    expect(p).toMatchObject({
      status: 'ok',
      low_stock_count: last.low_stock_count,
      low_stock_items: last.low_stock_items,
      expired_count: last.expired_count,
      expiring_count: last.expiring_count,
      // Today's lists are never a past day's.
      low_stock: [],
      expiring: [],
    });
    const before = (await direct.stateOn(addDays(first, -1))).pantry;
    expect(before).toMatchObject({ status: 'degraded', low_stock_count: null, expired_count: null, low_stock_items: [] });
    expect(before.error).toContain(`The pantry on ${addDays(first, -1)} is unknown`);
  });
});
