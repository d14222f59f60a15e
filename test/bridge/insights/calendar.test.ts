// The insights at the calendar's edges, with "now" from an injected clock: the nights the clocks
// change in Europe/Warsaw. The money insights at the month's and the year's edges are checked over
// the in-memory repository in test/bridge/finance/money-insights.test.ts.
import type pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TWIN_UPDATES_TABLE } from '../../../bridge/db/schema/twin-updates';
import { InsightsService } from '../../../bridge/insights/insights-service';
import { readWeeklySeries } from '../../../bridge/insights/weekly-series';

import { fixedClock } from '../../../bridge/time/clock';
import { freshDatabases, type TestDatabases } from '../../fixtures/databases';
import { ZONE, sourcePool, todayAt } from '../source-rows';
import { insightsSources, seriesSources } from '../../fixtures/repositories';

const PERSON = '00000000-0000-4000-8000-000000000002';
let dbs: TestDatabases;
let finance: pg.Pool;
let training: pg.Pool;

beforeAll(async () => {
  dbs = await freshDatabases();
  finance = sourcePool(dbs.finance, 'finance');
  training = sourcePool(dbs.training, 'training');
  await finance.query(TWIN_UPDATES_TABLE);
});
afterAll(async () => {
  await finance?.end();
  await training?.end();
  await dbs?.drop();
});
beforeEach(async () => {
  await finance.query('DELETE FROM digital_twin_updates');
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

describe('the first of the month', () => {
  it('at 00:30 on the 1st in Warsaw (still the 30th in UTC) the day and the money month are the new ones', async () => {
    const i = await insightsAt('2026-12-01T00:30:00+01:00');
    expect(i.today).toBe('2026-12-01');
    expect(i.money.month).toBe('2026-12');
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
