// The insights over planted histories in the real PostgreSQL: each planted effect is found with its
// sign and size, and every figure agrees with an independent computation in SQL. (The body and
// training insights alone: test/bridge/training/training-insights.test.ts.)
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { correlations } from '../../../bridge/insights/correlations';
import { readMoneyInsights } from '../../../bridge/finance/money-insights';
import { readWeeklySeries } from '../../../bridge/insights/weekly-series';
import { freshDatabases, type TestDatabases } from '../../fixtures/databases';
import { insertCategory, sourcePool, todayAt } from '../source-rows';
import { plantBody, plantRestaurants, plantTraining, plantedWeeks, type PlantedWeek } from './planted-data';
import { PgFinanceRepository } from '../../../bridge/finance/finance-repository';
import { seriesSources } from '../../fixtures/repositories';

// Wednesday 17 June 2026, 10:00 in Warsaw.
const today = todayAt('2026-06-17T10:00:00+02:00');
const PERSON = '00000000-0000-4000-8000-000000000001';
const ctx = { today, currency: 'PLN', personId: PERSON };

let dbs: TestDatabases;
let finance: pg.Pool;
let training: pg.Pool;
let weeks: PlantedWeek[];

beforeAll(async () => {
  dbs = await freshDatabases();
  finance = sourcePool(dbs.finance, 'finance');
  training = sourcePool(dbs.training, 'training');
  weeks = plantedWeeks(today.weekStart, 60, 42);
  await plantBody(training, today.date);
  await plantTraining(training, weeks);
  await plantRestaurants(finance, weeks, await insertCategory(finance, 'Food', 'Restaurants'));
  // Online shopping: 100 to 155 by the 5th of each of the 12 months before, 900 this month.
  const online = await insertCategory(finance, 'Shopping', 'Online');
  for (let back = 0; back <= 12; back++) {
    const month = (today.year * 12 + today.month - 1 - back) as number;
    const date = `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-05`;
    await finance.query(
      `INSERT INTO transactions (transaction_id, transaction_date, type, amount, merchant_source, category_id) VALUES ($1, $2, 'Expense', $3, 'test', $4)`,
      [`ON-${back}`, date, back === 0 ? 900 : 100 + 5 * back, online],
    );
  }
  await finance.query(`INSERT INTO transactions (transaction_id, transaction_date, type, amount, merchant_source) VALUES ('SAL', $1, 'Income', 5000, 'test')`, [`${today.monthStart}`]);
});
afterAll(async () => {
  await finance?.end();
  await training?.end();
  await dbs?.drop();
});

describe('money', () => {
  it('puts the category far above its baseline first, with quartiles as percentile_cont gives them', async () => {
    const m = await readMoneyInsights(new PgFinanceRepository(finance), ctx);
    const online = m.categories.find((c) => c.category_path === 'Shopping > Online')!;
    expect(online).toMatchObject({ spent_to_date: 900, status: 'above', baseline_months: 12 });
    expect(m.categories[0].category_path).toBe('Shopping > Online');
    // Independently: per earlier month (zeros included) what was spent by the 17th, then the quartiles.
    const { rows } = await finance.query<{ p25: number; p50: number; p75: number }>(
      `WITH months AS (SELECT generate_series(date_trunc('month', $1::date) - interval '12 months', date_trunc('month', $1::date) - interval '1 month', interval '1 month')::date AS m),
            spent AS (
              SELECT months.m, coalesce(sum(t.amount), 0) AS s
              FROM months LEFT JOIN transactions t ON t.type = 'Expense' AND t.category_id = (SELECT category_id FROM categories WHERE subcategory_name = 'Restaurants')
                AND t.transaction_date >= months.m AND t.transaction_date < months.m + interval '1 month' AND extract(day FROM t.transaction_date) <= $2
              GROUP BY months.m)
       SELECT percentile_cont(0.25) WITHIN GROUP (ORDER BY s) AS p25, percentile_cont(0.5) WITHIN GROUP (ORDER BY s) AS p50,
              percentile_cont(0.75) WITHIN GROUP (ORDER BY s) AS p75 FROM spent`,
      [today.date, today.day],
    );
    const restaurants = m.categories.find((c) => c.category_path === 'Food > Restaurants')!;
    expect(restaurants.baseline_p25).toBeCloseTo(rows[0].p25, 2);
    expect(restaurants.baseline_median).toBeCloseTo(rows[0].p50, 2);
    expect(restaurants.baseline_p75).toBeCloseTo(rows[0].p75, 2);
    const june = m.net_by_month[m.net_by_month.length - 1];
    expect(june).toMatchObject({ month: '2026-06', through_day: 17 });
    expect(m.net_by_month).toHaveLength(13);
  });
});

describe('correlations', () => {
  it('lists the planted link between workouts and restaurant spending, with r as SQL corr over average ranks gives it', async () => {
    const series = await readWeeklySeries(seriesSources({ finance, training, twin: finance }), ctx);
    const c = correlations(series, 'PLN');
    const link = c.listed.find((l) => l.x === 'workouts' && l.y === 'restaurant_spending' && l.lag_weeks === 0);
    expect(link).toBeDefined();
    expect(link!.r).toBeLessThan(-0.3);
    expect(link!.r).toBeGreaterThan(-0.9);
    expect(link!.n).toBe(60);
    expect(link!.sentence).toMatch(/less on restaurants and takeaway than in other weeks: r = −0\.\d\d over 60 weeks\.$/);
    // Independently: the weekly sums in SQL, then Pearson's r over average ranks.
    const w = await training.query<{ n: number }>(
      `SELECT count(wk.workout_date)::int AS n FROM generate_series($1::date, $2::date - 7, interval '7 days') gs(t), LATERAL (SELECT gs.t::date AS monday) g
       LEFT JOIN workouts wk ON wk.workout_date >= g.monday AND wk.workout_date < g.monday + 7 GROUP BY g.monday ORDER BY g.monday`,
      [weeks[0].monday, today.weekStart],
    );
    const s = await finance.query<{ s: string }>(
      `SELECT coalesce(sum(t.amount), 0) AS s FROM generate_series($1::date, $2::date - 7, interval '7 days') gs(t), LATERAL (SELECT gs.t::date AS monday) g
       LEFT JOIN transactions t ON t.type = 'Expense' AND t.category_id = (SELECT category_id FROM categories WHERE subcategory_name = 'Restaurants')
         AND t.transaction_date >= g.monday AND t.transaction_date < g.monday + 7 GROUP BY g.monday ORDER BY g.monday`,
      [weeks[0].monday, today.weekStart],
    );
    const { rows } = await finance.query<{ r: number }>(
      `WITH v AS (SELECT * FROM unnest($1::numeric[], $2::numeric[]) AS u(x, y)),
            ranked AS (SELECT rank() OVER (ORDER BY x) + (count(*) OVER (PARTITION BY x) - 1) / 2.0 AS rx,
                              rank() OVER (ORDER BY y) + (count(*) OVER (PARTITION BY y) - 1) / 2.0 AS ry FROM v)
       SELECT corr(rx, ry) AS r FROM ranked`,
      [w.rows.map((r) => r.n), s.rows.map((r) => r.s)],
    );
    expect(link!.r).toBeCloseTo(rows[0].r, 3);
  });

  it('lists no link once the restaurant weeks are shuffled (one round trip through the database)', async () => {
    const shuffled = [...weeks].map((w, i) => ({ ...w, restaurant: weeks[(i * 37 + 11) % weeks.length].restaurant }));
    await finance.query(`DELETE FROM transactions WHERE transaction_id LIKE 'R-%'`);
    await plantRestaurants(finance, shuffled, (await finance.query<{ id: number }>(`SELECT category_id AS id FROM categories WHERE subcategory_name = 'Restaurants'`)).rows[0].id);
    const c = correlations(await readWeeklySeries(seriesSources({ finance, training, twin: finance }), ctx), 'PLN');
    expect(c.tested).toBeGreaterThan(0);
    expect(c.listed.filter((l) => l.y === 'restaurant_spending')).toEqual([]);
  });
});
