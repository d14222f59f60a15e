// The insights at the calendar's edges, with "now" from an injected clock, over the in-memory
// repositories (their local days held to PostgreSQL's across both clock changes by the contract tests):
// the nights the clocks change in Europe/Warsaw. The money insights at the month's and the year's
// edges are checked in test/bridge/finance/money-insights.test.ts.
import { beforeEach, describe, expect, it } from 'vitest';
import { InsightsService } from '../../../bridge/insights/insights-service';
import { readWeeklySeries } from '../../../bridge/insights/weekly-series';
import { fixedClock } from '../../../bridge/time/clock';
import { InMemoryFinanceRepository } from '../../fixtures/repositories/in-memory-finance';
import { InMemoryPantryHistoryRepository } from '../../fixtures/repositories/in-memory-pantry-history';
import { InMemoryTrainingRepository } from '../../fixtures/repositories/in-memory-training';
import { ZONE, todayAt } from '../source-rows';

const PERSON = '00000000-0000-4000-8000-000000000002';
let sources: { finance: InMemoryFinanceRepository; training: InMemoryTrainingRepository; pantryHistory: InMemoryPantryHistoryRepository };

beforeEach(() => {
  sources = { finance: new InMemoryFinanceRepository(), training: new InMemoryTrainingRepository(), pantryHistory: new InMemoryPantryHistoryRepository() };
});

function insightsAt(iso: string) {
  return new InsightsService({ sources, clock: fixedClock(iso), timezone: ZONE, currency: 'PLN', personId: PERSON, timeoutMs: 5000, cacheMs: 0 }).get();
}

function pantrySnapshot(at: string, expired: number): void {
  const rows = sources.pantryHistory.rows;
  const id = `00000000-0000-4000-8000-${String(rows.length + 1).padStart(12, '0')}`;
  rows.push({ id, entity_type: 'pantry', entity_id: PERSON, created_at: new Date(at), update_data: { expired_count: expired, low_stock_items: [] } });
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
    pantrySnapshot('2026-03-01T12:00:00+01:00', 0);
    // 02:30 on 29 March does not exist in Warsaw; 01:30 UTC is 03:30 local, Sunday.
    pantrySnapshot('2026-03-29T01:30:00Z', 2);
    // Monday 30 March at 00:30 local is still Sunday in UTC: the next week.
    pantrySnapshot('2026-03-29T22:30:00Z', 3);
    // 02:30 on 25 October happens twice; the second one (+01:00), still Sunday.
    pantrySnapshot('2026-10-25T02:30:00+01:00', 4);
    // 31 October 23:30 local is in October; 00:30 on 1 November local (23:30 UTC on the 31st) in November.
    pantrySnapshot('2026-10-31T23:30:00+01:00', 5);
    pantrySnapshot('2026-10-31T23:30:00Z', 7);
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
    const series = await readWeeklySeries(sources, { today: todayAt('2026-11-04T12:00:00+01:00'), currency: 'PLN', personId: PERSON });
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
