// The ledger of closed months against the user's SQL on a real PostgreSQL: random histories, then
// random edits, deletes and backdated inserts between computations; after each check the figures
// served through the ledger are those of the transactions read directly, of v_monthly_pnl and of
// get_current_budget_alerts(), and the body row is the newest row of v_body_composition.
import fc from 'fast-check';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../../bridge/ledger/ledger';
import { PgFinanceRepository } from '../../../bridge/finance/finance-repository';
import { PgPantryHistoryRepository } from '../../../bridge/store/pantry-history-repository';
import { silentLogger } from '../../../bridge/log/logger';
import { readMoneyInsights } from '../../../bridge/finance/money-insights';
import { readExpiredRises } from '../../../bridge/pantry/pantry-insights';
import { readWeeklySeries, type WeeklySeries } from '../../../bridge/insights/weekly-series';
import { readFinance, type FinanceData } from '../../../bridge/finance/finance-domain';
import { readHealth } from '../../../bridge/training/health-domain';
import { PgTrainingRepository } from '../../../bridge/training/training-repository';
import { fixedClock } from '../../../bridge/time/clock';
import { addDays, localDate, monthStartAfter, type LocalDate } from '../../../bridge/time/local-date';
import { freshDatabases, poolFor, type TestDatabases } from '../../fixtures/databases';
import { insertCategory, sourcePool, ZONE } from '../source-rows';
import { functionAlertsAt, installFunctionAt, warsawInstant } from '../user-functions';

let dbs: TestDatabases;
let finance: pg.Pool;
let training: pg.Pool;
const categories: number[] = [];
const clock = fixedClock('2026-12-02T12:00:00Z');
const PERSON = '00000000-0000-4000-8000-000000000001';

beforeAll(async () => {
  dbs = await freshDatabases();
  finance = sourcePool(dbs.finance, 'finance');
  training = sourcePool(dbs.training, 'training');
  // Two categories share one path (a null subcategory does not collide in the unique key): their sums merge.
  for (const [name, sub] of [['Lifestyle', 'Groceries'], ['Food', 'Restaurants'], ['Food', null], ['Food', null]] as const) {
    categories.push(await insertCategory(finance, name, sub));
  }
  await installFunctionAt(finance);
});
afterAll(async () => {
  await finance?.end();
  await training?.end();
  await dbs?.drop();
});

/** The chart's statement over the ledger's days: what the closed months of /finance are read with. */

function newLedger(twin: pg.Pool = finance): Ledger {
  return new Ledger({ finance, training, twin, clock, timezone: ZONE, personId: PERSON, log: silentLogger });
}

// The calendar's edges the suite covers elsewhere, plus any moment of three years.
const EDGES = [
  [2026, 11, 1, 0, 30],
  [2026, 11, 30, 23, 50],
  [2027, 1, 1, 0, 5],
  [2026, 12, 31, 23, 50],
  [2028, 2, 29, 12, 0],
  [2027, 3, 28, 3, 0],
  [2026, 10, 25, 2, 30],
] as const;
const moment = fc.oneof(
  fc.constantFrom(...EDGES),
  fc.tuple(fc.integer({ min: 2025, max: 2028 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })),
);

const cents = fc.integer({ min: 1, max: 500_000 });
const money = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
/** A transaction placed relative to "today": months back (0 = this month), a day of that month. */
const tx = fc.record({
  back: fc.integer({ min: 0, max: 14 }),
  day: fc.integer({ min: 1, max: 31 }),
  type: fc.constantFrom('Income', 'Expense', 'Expense', 'Transfer'),
  amount: cents,
  category: fc.integer({ min: 0, max: 3 }),
});
const edit = fc.oneof(
  fc.record({ kind: fc.constant('amount' as const), pick: fc.nat(), amount: cents }),
  fc.record({ kind: fc.constant('type' as const), pick: fc.nat(), type: fc.constantFrom('Income', 'Expense', 'Transfer') }),
  fc.record({ kind: fc.constant('category' as const), pick: fc.nat(), category: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('backdate' as const), row: tx }),
  fc.record({ kind: fc.constant('move' as const), pick: fc.nat(), back: fc.integer({ min: 1, max: 14 }) }),
);
type Tx = typeof tx extends fc.Arbitrary<infer T> ? T : never;
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function dateOf(today: LocalDate, back: number, day: number): string {
  const month = monthStartAfter(today.monthStart, -back);
  const days = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
  return `${month.slice(0, 8)}${String(Math.min(day, days)).padStart(2, '0')}`;
}

let seq = 0;
async function insert(today: LocalDate, rows: readonly Tx[]): Promise<void> {
  if (rows.length === 0) return;
  for (const r of rows) {
    await finance.query(
      `INSERT INTO transactions (transaction_id, transaction_date, type, amount, merchant_source, category_id) VALUES ($1, $2, $3, $4, 'ledger', $5)`,
      [`L-${++seq}`, dateOf(today, r.back, r.day), r.type, money(r.amount), categories[r.category]],
    );
  }
}

/** An edit as the user's n8n flows make them: updated_at is left as it was (nothing sets it). */
async function apply(today: LocalDate, e: Edit): Promise<void> {
  if (e.kind === 'backdate') return insert(today, [e.row]);
  const { rows } = await finance.query<{ transaction_id: string; transaction_date: string }>('SELECT transaction_id, transaction_date FROM transactions ORDER BY transaction_id');
  if (rows.length === 0) return;
  const { transaction_id: id, transaction_date: date } = rows[e.pick % rows.length];
  const where = 'WHERE transaction_id = $1 AND transaction_date = $2';
  if (e.kind === 'amount') await finance.query(`UPDATE transactions SET amount = $3 ${where}`, [id, date, money(e.amount)]);
  if (e.kind === 'type') await finance.query(`UPDATE transactions SET type = $3 ${where}`, [id, date, e.type]);
  if (e.kind === 'category') await finance.query(`UPDATE transactions SET category_id = $3 ${where}`, [id, date, categories[e.category]]);
  if (e.kind === 'delete') await finance.query(`DELETE FROM transactions ${where}`, [id, date]);
  if (e.kind === 'move') await finance.query(`UPDATE transactions SET transaction_date = $3 ${where}`, [id, date, dateOf(today, e.back, Number(date.slice(8)))]);
}

/** net_savings per month of the user's v_monthly_pnl, for the chart's months. */
async function userNet(months: readonly string[]): Promise<Record<string, number>> {
  const { rows } = await finance.query<{ month: string; net: string }>(
    `SELECT to_char(month, 'YYYY-MM') AS month, net_savings::text AS net FROM v_monthly_pnl WHERE to_char(month, 'YYYY-MM') = ANY($1)`,
    [months],
  );
  return Object.fromEntries(months.map((m) => [m, Number(rows.find((r) => r.month === m)?.net ?? 0)]));
}

async function expectExact(ledger: Ledger, now: Date, today: LocalDate): Promise<FinanceData> {
  const served = await readFinance(new PgFinanceRepository(finance, ledger), { today, currency: 'PLN' });
  const direct = await readFinance(new PgFinanceRepository(finance), { today, currency: 'PLN' });
  expect(served).toEqual(direct);
  const months = served.monthly_net.map((m) => m.month);
  expect(Object.fromEntries(served.monthly_net.map((m) => [m.month, m.net]))).toEqual(await userNet(months));
  expect(served.alerts.map((a) => a.alert_id)).toEqual((await functionAlertsAt(finance, now)).map((a) => a.alert_id));
  return served;
}

/** The sources of the weekly series, read through the ledger or (null) directly. */
function seriesSources(ledger: Ledger | null) {
  return { finance: new PgFinanceRepository(finance, ledger), training: new PgTrainingRepository(training, ledger), pantryHistory: new PgPantryHistoryRepository(finance, ledger) };
}

/** The money insights and the weekly spending the correlations use, through the ledger and directly. */
async function expectSameInsights(ledger: Ledger, today: LocalDate): Promise<void> {
  const ctx = { today, currency: 'PLN', personId: PERSON };
  expect(await readMoneyInsights(new PgFinanceRepository(finance, ledger), ctx)).toEqual(await readMoneyInsights(new PgFinanceRepository(finance), ctx));
  const [served, direct] = [await readWeeklySeries(seriesSources(ledger), ctx), await readWeeklySeries(seriesSources(null), ctx)];
  expectSameSeries(served, direct);
}

/** A week across the ledger's boundary adds two exact sums in floating point: equal to many places. */
function expectSameSeries(served: WeeklySeries, direct: WeeklySeries): void {
  expect(served.weeks).toEqual(direct.weeks);
  for (const kind of Object.keys(direct.values) as (keyof WeeklySeries['values'])[]) {
    served.values[kind].forEach((v, i) => (v === null ? expect(direct.values[kind][i]).toBeNull() : expect(v).toBeCloseTo(direct.values[kind][i]!, 6)));
  }
}

/** A ledger checked over these transactions alone, on 2 December 2026 at noon. */
async function checkedLedgerOver(rows: readonly Tx[], twin: pg.Pool = finance): Promise<{ ledger: Ledger; today: LocalDate }> {
  clock.set('2026-12-02T12:00:00Z');
  const today = localDate(clock.now(), ZONE);
  await finance.query('DELETE FROM transactions');
  await insert(today, rows);
  const ledger = newLedger(twin);
  await ledger.check();
  return { ledger, today };
}

async function budgetsFor(today: LocalDate): Promise<void> {
  await finance.query('DELETE FROM budgets');
  await finance.query(
    `INSERT INTO budgets (budget_id, budget_year, budget_month, type, category_id, budget_amount, alert_threshold, priority)
     SELECT 'B-' || c, $1, $2, 'Expense', c, 1500, 80, 'High' FROM unnest($3::int[]) AS c`,
    [today.year, today.month, categories.slice(0, 3)],
  );
}

describe('the ledger of closed months', () => {
  it('serves the same figures as the direct reads and the user SQL, through random edits, deletes and backdated inserts', async () => {
    await fc.assert(
      fc.asyncProperty(moment, fc.array(tx, { minLength: 1, maxLength: 40 }), fc.array(edit, { minLength: 1, maxLength: 8 }), async ([y, mo, d, h, mi], history, edits) => {
        const now = warsawInstant(y, mo, d, h, mi);
        clock.set(now);
        const today = localDate(now, ZONE);
        await finance.query('DELETE FROM transactions');
        await budgetsFor(today);
        await insert(today, history);
        const ledger = newLedger();
        await ledger.check();
        expect(ledger.status()).toMatchObject({ state: "ready", covered_until: today.monthStart, last_error: null });
        const before = await expectExact(ledger, now, today);
        await expectSameInsights(ledger, today);
        for (const e of edits) await apply(today, e);
        await ledger.check();
        const after = await expectExact(ledger, now, today);
        await expectSameInsights(ledger, today);
        // The closed months did come from the ledger: it holds a row for each closed month with transactions.
        const from = monthStartAfter(today.monthStart, -11);
        const closed = await ledger.queryClosed<{ month: string }>(
          `SELECT to_char(month, 'YYYY-MM') AS month FROM digital_twin_ledger.finance_month WHERE month >= $1::date AND month < $2::date`,
          [from, today.monthStart],
        );
        const { rows } = await finance.query<{ month: string }>(
          `SELECT DISTINCT to_char(transaction_date, 'YYYY-MM') AS month FROM transactions WHERE transaction_date >= $1 AND transaction_date < $2 ORDER BY 1`,
          [from, today.monthStart],
        );
        expect(closed.map((r) => r.month).sort()).toEqual(rows.map((r) => r.month));
        expect(before.month).toBe(after.month);
      }),
      { numRuns: 30 },
    );
  });

  it('keeps days × categories, not transactions: many rows of one day and category are one ledger row', async () => {
    const { ledger } = await checkedLedgerOver(Array.from({ length: 60 }, () => ({ back: 2, day: 3, type: 'Expense', amount: 1234, category: 0 })));
    expect(ledger.status()).toMatchObject({ day_rows: 1, months: 1 });
    const [oct] = await new PgFinanceRepository(finance, ledger).monthTotals({ from: '2026-10-01', to: '2026-11-01', open: '2026-12-01' });
    expect(oct).toEqual({ month: '2026-10', income: 0, expense: 740.4, net: -740.4 });
  });

  it('serves nothing from the ledger for a month found changed until it is built again, and starts over when the zone changes', async () => {
    expect(newLedger().liveFrom('2026-01-01', '2026-12-01', 'finance')).toBe('2026-01-01');
    const { ledger, today } = await checkedLedgerOver([{ back: 3, day: 10, type: 'Income', amount: 10_000, category: 3 }]);
    expect(ledger.liveFrom('2026-01-01', today.monthStart, 'finance')).toBe('2026-12-01');
    // Another zone: the key differs, everything is built again under it.
    const utc = new Ledger({ finance, training, twin: finance, clock, timezone: 'UTC', personId: PERSON, log: silentLogger });
    await utc.check();
    expect(utc.status()).toMatchObject({ state: 'ready', months: 1, months_rebuilt_total: 1 });
  });
});

// The rises of the expired count as one statement over every row computes them: the definition the
// per-day summaries must agree with.
const RISES_OVER_ALL_ROWS = `
  WITH counts AS (
    (SELECT created_at, id, (update_data->>'expired_count')::numeric AS v FROM digital_twin_updates
     WHERE entity_type = 'pantry' AND entity_id = $1::uuid AND created_at < $2::date AND jsonb_typeof(update_data->'expired_count') = 'number'
     ORDER BY created_at DESC, id DESC LIMIT 1)
    UNION ALL
    (SELECT created_at, id, (update_data->>'expired_count')::numeric FROM digital_twin_updates
     WHERE entity_type = 'pantry' AND entity_id = $1::uuid AND created_at >= $2::date AND created_at < $3::date
       AND jsonb_typeof(update_data->'expired_count') = 'number')
  ), steps AS (
    SELECT created_at, v - lag(v) OVER (ORDER BY created_at, id) AS rise FROM counts
  )
  SELECT to_char(created_at, 'YYYY-MM-DD') AS day, sum(rise)::int AS rises
  FROM steps WHERE rise > 0 AND created_at >= $2::date
  GROUP BY 1 ORDER BY 1`;

describe('the user SQL the ledger is keyed on', () => {
  it('starts over when get_current_budget_alerts() or v_body_composition is redefined', async () => {
    const { ledger } = await checkedLedgerOver([{ back: 2, day: 5, type: 'Expense', amount: 4_200, category: 0 }]);
    const built = ledger.status().months_rebuilt_total;
    const generation = ledger.generation;
    await ledger.check();
    expect([ledger.status().months_rebuilt_total, ledger.generation]).toEqual([built, generation]);

    const { rows } = await finance.query<{ def: string }>(`SELECT pg_get_functiondef('get_current_budget_alerts'::regproc) AS def`);
    // The same rules, another text: the volatility the user declares.
    expect(rows[0].def).toMatch(/\n STABLE\n/);
    await finance.query(rows[0].def.replace(/\n STABLE\n/, '\n VOLATILE\n'));
    await ledger.check();
    expect(ledger.status().months_rebuilt_total).toBe(built + 1);
    expect(ledger.generation).toBeGreaterThan(generation);

    const view = (await training.query<{ def: string }>(`SELECT pg_get_viewdef('v_body_composition'::regclass) AS def`)).rows[0].def;
    // The same figures, another text: 0.5 kg written 0.50.
    expect(view).toMatch(/> 0\.5\b/);
    await training.query(`CREATE OR REPLACE VIEW v_body_composition AS ${view.replace(/> 0\.5\b/, '> 0.50').replace(/;\s*$/, '')}`);
    const before = ledger.generation;
    await ledger.check();
    expect(ledger.status().months_rebuilt_total).toBe(built + 2);
    expect(ledger.generation).toBeGreaterThan(before);
  });
});

describe('a ledger whose database fails', () => {
  it('costs no figure: the closed months are read from the transactions instead', async () => {
    const twin = poolFor(dbs.finance);
    const { ledger, today } = await checkedLedgerOver([{ back: 4, day: 2, type: 'Income', amount: 90_000, category: 3 }, { back: 0, day: 1, type: 'Expense', amount: 1_000, category: 0 }], twin);
    expect(ledger.liveFrom(monthStartAfter(today.monthStart, -11), today.monthStart, 'finance')).toBe(today.monthStart);
    // The checked ledger's own tables cannot be read any more: its months come from the transactions.
    await twin.end();
    const direct = await readFinance(new PgFinanceRepository(finance), { today, currency: 'PLN' });
    expect(await readFinance(new PgFinanceRepository(finance, ledger), { today, currency: 'PLN' })).toEqual(direct);
    expect(direct.monthly_net.find((m) => m.month === monthStartAfter(today.monthStart, -4).slice(0, 7))?.income).toBe(900);
  });
});

describe('the pantry history kept per closed day', () => {
  const snapshot = fc.record({ back: fc.integer({ min: 0, max: 14 }), day: fc.integer({ min: 1, max: 31 }), minute: fc.integer({ min: 0, max: 1439 }), expired: fc.option(fc.integer({ min: 0, max: 6 }), { freq: 5 }) });
  const change = fc.oneof(fc.record({ kind: fc.constant('add' as const), s: snapshot }), fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }));
  type S = typeof snapshot extends fc.Arbitrary<infer T> ? T : never;
  const put = (today: LocalDate, x: S) =>
    finance.query(
      `INSERT INTO digital_twin_updates (entity_type, entity_id, update_data, source_system, update_type, created_at)
       VALUES ('pantry', $1, $2, 'g04_engine', 'state_transition', ($3::date + make_interval(mins => $4))::timestamp AT TIME ZONE 'Europe/Warsaw')`,
      [PERSON, x.expired === null ? { expired_count: 'n/a' } : { expired_count: x.expired }, dateOf(today, x.back, x.day), x.minute],
    );

  it('gives the rises of one statement over every row, for any range, through backdated rows and deletes', async () => {
    await fc.assert(
      fc.asyncProperty(moment, fc.array(snapshot, { maxLength: 40 }), fc.array(change, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 13 }), async ([y, mo, d, h, mi], start, changes, back) => {
        const now = warsawInstant(y, mo, d, h, mi);
        clock.set(now);
        const today = localDate(now, ZONE);
        await finance.query(`DELETE FROM digital_twin_updates WHERE entity_type = 'pantry'`);
        for (const x of start) await put(today, x);
        const ledger = newLedger();
        await ledger.check();
        const range = { from: addDays(monthStartAfter(today.monthStart, -back), 9), to: addDays(today.date, 1), open: today.monthStart };
        const expectSame = async () => {
          const { rows } = await finance.query<{ day: string; rises: number }>(RISES_OVER_ALL_ROWS, [PERSON, range.from, range.to]);
          expect(await readExpiredRises(new PgPantryHistoryRepository(finance, ledger), PERSON, range)).toEqual(rows);
        };
        await expectSame();
        for (const c of changes) {
          if (c.kind === 'add') await put(today, c.s);
          else await finance.query(`DELETE FROM digital_twin_updates WHERE id = (SELECT id FROM digital_twin_updates WHERE entity_type = 'pantry' ORDER BY created_at, id OFFSET $1 LIMIT 1)`, [c.pick % Math.max(1, start.length)]);
        }
        await ledger.check();
        await expectSame();
      }),
      { numRuns: 30 },
    );
  });
});

describe('the body row kept between measurement changes', () => {
  const newest = async () =>
    (await training.query<{ measurement_date: string; bodyweight_kg: string; weight_change: string | null; weight_trend: string | null }>('SELECT measurement_date, bodyweight_kg, bodyfat_pct, estimated_lean_mass, weight_change, bodyfat_change, weight_trend FROM v_body_composition ORDER BY measurement_date DESC LIMIT 1')).rows.at(0);
  const measurement = fc.record({ back: fc.integer({ min: 0, max: 14 }), day: fc.integer({ min: 1, max: 31 }), kg: fc.integer({ min: 6000, max: 9000 }), fat: fc.option(fc.integer({ min: 1000, max: 2500 })) });
  const change = fc.oneof(
    fc.record({ kind: fc.constant('add' as const), m: measurement }),
    fc.record({ kind: fc.constant('edit' as const), pick: fc.nat(), kg: fc.integer({ min: 6000, max: 9000 }) }),
    fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  );
  type M = typeof measurement extends fc.Arbitrary<infer T> ? T : never;
  const put = (today: LocalDate, m: M) =>
    training.query(
      `INSERT INTO measurements (measurement_date, bodyweight_kg, bodyfat_pct) VALUES ($1, $2, $3)
       ON CONFLICT (measurement_date) DO UPDATE SET bodyweight_kg = excluded.bodyweight_kg, bodyfat_pct = excluded.bodyfat_pct`,
      [dateOf(today, m.back, m.day), (m.kg / 100).toFixed(2), m.fat === null ? null : (m.fat / 100).toFixed(2)],
    );

  const workout = fc.record({ back: fc.integer({ min: 0, max: 14 }), day: fc.integer({ min: 1, max: 31 }), mood: fc.integer({ min: 1, max: 5 }) });
  const train = async (today: LocalDate, w: { back: number; day: number; mood: number }) => {
    const template = 'ledger_full_a';
    await training.query(`INSERT INTO workout_templates (template_id, template_name, workout_type) VALUES ($1, 'Full A', 'HIT Full Body') ON CONFLICT DO NOTHING`, [template]);
    await training.query(
      `INSERT INTO workouts (workout_date, template_id, duration_min, mood_score, recovery_score) VALUES ($1, $2, 40, $3, $3) ON CONFLICT DO NOTHING`,
      [dateOf(today, w.back, w.day), template, w.mood],
    );
  };

  it('is the newest row of v_body_composition after every change, closed months and the open one alike; the weekly training series likewise', async () => {
    await fc.assert(
      fc.asyncProperty(moment, fc.array(measurement, { maxLength: 20 }), fc.array(workout, { maxLength: 20 }), fc.array(change, { minLength: 1, maxLength: 6 }), async ([y, mo, d, h, mi], start, trainings, changes) => {
        const now = warsawInstant(y, mo, d, h, mi);
        clock.set(now);
        const today = localDate(now, ZONE);
        await training.query('DELETE FROM measurements; DELETE FROM workout_sets; DELETE FROM workouts');
        for (const m of start) await put(today, m);
        for (const w of trainings) await train(today, w);
        const ledger = newLedger();
        const repo = new PgTrainingRepository(training, ledger);
        await ledger.check();
        const served = async () => {
          const h = await readHealth(repo, { today });
          return { date: h.measurement_date, kg: h.bodyweight_kg, change: h.weight_change, trend: h.weight_trend };
        };
        const viewed = async () => {
          const r = await newest();
          return { date: r?.measurement_date ?? null, kg: r ? Number(r.bodyweight_kg) : null, change: r?.weight_change == null ? null : Number(r.weight_change), trend: r?.weight_trend ?? null };
        };
        expect(await served()).toEqual(await viewed());
        const series = async () => {
          const ctx = { today, currency: 'PLN', personId: PERSON };
          expectSameSeries(await readWeeklySeries(seriesSources(ledger), ctx), await readWeeklySeries(seriesSources(null), ctx));
        };
        await series();
        for (const c of changes) {
          const { rows } = await training.query<{ measurement_date: string }>('SELECT measurement_date FROM measurements ORDER BY 1');
          if (c.kind === 'add') await put(today, c.m);
          else if (rows.length > 0 && c.kind === 'edit') await training.query('UPDATE measurements SET bodyweight_kg = $2 WHERE measurement_date = $1', [rows[c.pick % rows.length].measurement_date, (c.kg / 100).toFixed(2)]);
          else if (rows.length > 0) await training.query('DELETE FROM measurements WHERE measurement_date = $1', [rows[c.pick % rows.length].measurement_date]);
          if (c.kind === 'add') await train(today, { back: c.m.back, day: c.m.day, mood: (c.m.kg % 5) + 1 });
          if (c.kind === 'delete') await training.query('DELETE FROM workouts WHERE workout_date = (SELECT min(workout_date) FROM workouts)');
        }
        await ledger.check();
        expect(await served()).toEqual(await viewed());
        await series();
      }),
      { numRuns: 25 },
    );
  });
});
