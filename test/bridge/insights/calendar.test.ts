// The insights at the calendar's edges, with "now" from an injected clock: the first and last day of
// a month, the nights the clocks change in Europe/Warsaw, and New Year.
import type pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TWIN_UPDATES_TABLE } from '../../../bridge/db/schema/twin-updates';
import { InsightsService } from '../../../bridge/insights/insights-service';
import { readWeeklySeries } from '../../../bridge/insights/weekly-series';

import { fixedClock } from '../../../bridge/time/clock';
import { freshDatabases, type TestDatabases } from '../../fixtures/databases';
import { ZONE, insertCategory, insertTransactions, sourcePool, todayAt } from '../source-rows';
import { insightsSources, seriesSources } from '../../fixtures/repositories';

const PERSON = '00000000-0000-4000-8000-000000000002';
let dbs: TestDatabases;
let finance: pg.Pool;
let training: pg.Pool;
let category: number;

beforeAll(async () => {
  dbs = await freshDatabases();
  finance = sourcePool(dbs.finance, 'finance');
  training = sourcePool(dbs.training, 'training');
  await finance.query(TWIN_UPDATES_TABLE);
  category = await insertCategory(finance, 'Food', 'Restaurants');
});
afterAll(async () => {
  await finance?.end();
  await training?.end();
  await dbs?.drop();
});
beforeEach(async () => {
  await finance.query('DELETE FROM transactions; DELETE FROM digital_twin_updates');
});

function insightsAt(iso: string) {
  return new InsightsService({
    ...insightsSources({ finance, training, twin: finance }),
    clock: fixedClock(iso),
    timezone: ZONE,
    currency: 'PLN',
    personId: PERSON,
    timeoutMs: 5000,
    cacheMs: 0,
  }).get();
}

async function pantrySnapshot(at: string, expired: number): Promise<void> {
  await finance.query(
    `INSERT INTO digital_twin_updates (entity_type, entity_id, update_data, source_system, update_type, created_at) VALUES ('pantry', $1, $2, 'test', 'status_sync', $3)`,
    [PERSON, JSON.stringify({ expired_count: expired, low_stock_items: [] }), at],
  );
}

describe('month edges', () => {
  it('on the last day of a month compares whole months: the 31st of October counts against the 30th of November', async () => {
    await insertTransactions(finance, [
      { date: '2026-10-31', type: 'Expense', amount: 500, category_id: category },
      { date: '2026-11-30', type: 'Expense', amount: 40, category_id: category },
    ]);
    const last = await insightsAt('2026-11-30T23:50:00+01:00');
    expect(last.money.month).toBe('2026-11');
    const onLast = last.money.categories.find((c) => c.category_path === 'Food > Restaurants')!;
    expect(onLast.spent_to_date).toBe(40);
    // Baseline months since the first transaction: October alone, spent 500 by its end.
    expect(onLast).toMatchObject({ baseline_months: 1, baseline_median: 500, status: null });
    const dayBefore = await insightsAt('2026-11-29T12:00:00+01:00');
    expect(dayBefore.money.categories.find((c) => c.category_path === 'Food > Restaurants')).toMatchObject({ spent_to_date: 0, baseline_median: 0 });
  });

  it('at 00:30 on the 1st in Warsaw (still the 30th in UTC) the month is the new one, counted from its first day', async () => {
    await insertTransactions(finance, [
      { date: '2026-11-30', type: 'Expense', amount: 70, category_id: category },
      { date: '2026-12-01', type: 'Income', amount: 1000 },
    ]);
    const i = await insightsAt('2026-12-01T00:30:00+01:00');
    expect(i.today).toBe('2026-12-01');
    expect(i.money.month).toBe('2026-12');
    expect(i.money.categories.find((c) => c.category_path === 'Food > Restaurants')).toMatchObject({ spent_to_date: 0 });
    expect(i.money.net_by_month.at(-1)).toMatchObject({ month: '2026-12', net: 1000, through_day: 1 });
    expect(i.money.net_by_month.at(-2)).toMatchObject({ month: '2026-11', net: -70, through_day: null });
  });
});

describe('New Year', () => {
  it('ten minutes into the year, months and the year-earlier comparison run across it', async () => {
    await insertTransactions(finance, [
      { date: '2026-01-01', type: 'Income', amount: 300 },
      { date: '2026-01-20', type: 'Income', amount: 999 },
      { date: '2027-01-01', type: 'Income', amount: 100 },
    ]);
    const i = await insightsAt('2027-01-01T00:10:00+01:00');
    expect(i.money.month).toBe('2027-01');
    expect(i.money.net_by_month.map((m) => m.month)).toEqual([
      '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01',
    ]);
    // This month to its first day against the first day of January 2026: the 20th is not compared.
    expect(i.money.net_by_month.at(-1)).toMatchObject({ net: 100, year_earlier_net: 300, change: -200 });
    expect(i.money.net_by_month[0]).toMatchObject({ month: '2026-01', net: 1299 });
  });
});

describe('the nights the clocks change', () => {
  it('counts pantry expiries in the local day, week and month of the snapshot across both changes', async () => {
    await pantrySnapshot('2026-03-01T12:00:00+01:00', 0);
    // 02:30 on 29 March does not exist in Warsaw; 01:30 UTC is 03:30 local, Sunday.
    await pantrySnapshot('2026-03-29T01:30:00Z', 2);
    // Monday 30 March at 00:30 local is still Sunday in UTC: the next week.
    await pantrySnapshot('2026-03-29T22:30:00Z', 3);
    // 02:30 on 25 October happens twice; the second one (+01:00), still Sunday.
    await pantrySnapshot('2026-10-25T02:30:00+01:00', 4);
    // 31 October 23:30 local is in October; 00:30 on 1 November local (23:30 UTC on the 31st) in November.
    await pantrySnapshot('2026-10-31T23:30:00+01:00', 5);
    await pantrySnapshot('2026-10-31T23:30:00Z', 7);
    const i = await insightsAt('2026-11-04T12:00:00+01:00');
    expect(i.pantry.insufficient_history).toBe(false);
    expect(i.pantry.expired_per_month).toEqual([
      { month: '2026-06', items: 0 },
      { month: '2026-07', items: 0 },
      { month: '2026-08', items: 0 },
      { month: '2026-09', items: 0 },
      { month: '2026-10', items: 2 },
      { month: '2026-11', items: 2 },
    ]);
    const series = await readWeeklySeries(seriesSources({ finance, training, twin: finance }), { today: todayAt('2026-11-04T12:00:00+01:00'), currency: 'PLN', personId: PERSON });
    const at = (monday: string) => series.values.items_expired[series.weeks.indexOf(monday)];
    expect(at('2026-03-23')).toBe(2);
    expect(at('2026-03-30')).toBe(1);
    // Sunday 25 October, the repeated hour: still the week of the 19th.
    expect(at('2026-10-19')).toBe(1);
    // 31 October and 1 November (a Sunday) share the week of the 26th.
    expect(at('2026-10-26')).toBe(3);
    expect(at('2026-02-23')).toBe(0);
  });

  it('computes on a DST night without losing or doubling the day', async () => {
    const spring = await insightsAt('2027-03-28T03:05:00+02:00');
    expect(spring.today).toBe('2027-03-28');
    const autumn = await insightsAt('2026-10-25T02:30:00+01:00');
    expect(autumn.today).toBe('2026-10-25');
    expect(autumn.money.status).toBe('ok');
  });
});
