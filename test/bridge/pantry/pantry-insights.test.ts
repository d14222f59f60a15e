// The pantry insights over the twin's recorded past, read from the in-memory history repository
// (held to the PostgreSQL one by test/bridge/store/pantry-history-repository.contract.test.ts).
import { describe, expect, it } from 'vitest';
import { readExpiredRises, readPantryInsights, MIN_HISTORY_DAYS } from '../../../bridge/pantry/pantry-insights';
import { InMemoryPantryHistoryRepository, type HistoryRow } from '../../fixtures/repositories/in-memory-pantry-history';
import { todayAt } from '../source-rows';

const PERSON = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';

let n = 0;
function snapshot(at: string, data: object, person = PERSON): HistoryRow {
  n++;
  return { id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, entity_type: 'pantry', entity_id: person, created_at: new Date(at), update_data: data };
}

const insightsAt = (iso: string, rows: HistoryRow[]) =>
  readPantryInsights(new InMemoryPantryHistoryRepository(rows), { today: todayAt(iso), currency: 'PLN', personId: PERSON });

describe('pantry insights', () => {
  it(`says the history is too short under ${MIN_HISTORY_DAYS} days, whatever it holds`, async () => {
    const rows = [snapshot('2026-11-25T08:00:00+01:00', { stock: { Mleko: 4 }, expired_count: 0 }), snapshot('2026-12-01T08:00:00+01:00', { stock: { Mleko: 1 }, expired_count: 2 })];
    expect(await insightsAt('2026-12-02T12:00:00+01:00', rows)).toEqual({ insufficient_history: true, history_days: 7, products: [], expired_per_month: [] });
  });

  it("dates the run-out at the pace of use and counts each month's rises of the expired count", async () => {
    const rows = [
      snapshot('2026-10-01T08:00:00+02:00', { stock: { Mleko: 10 }, expired_count: 0 }),
      snapshot('2026-10-20T08:00:00+02:00', { stock: { Mleko: 8 }, expired_count: 2 }),
      snapshot('2026-11-10T08:00:00+01:00', { stock: { Mleko: 6 }, expired_count: 1 }), // a fall is not an expiry
      snapshot('2026-11-11T08:00:00+01:00', { stock: { Mleko: 4 }, expired_count: 3 }),
      snapshot('2026-11-11T09:00:00+01:00', { stock: { Mleko: 4 } }), // no count: skipped for expiry
      snapshot('2026-11-20T08:00:00+01:00', { stock: { Mleko: 9 } }), // restocked: not use
      snapshot('2026-11-05T08:00:00+01:00', { stock: { Mleko: 0 }, expired_count: 9 }, OTHER), // someone else's
    ];
    const p = await insightsAt('2026-12-02T12:00:00+01:00', rows);
    expect(p.insufficient_history).toBe(false);
    expect(p.history_days).toBe(62);
    expect(p.expired_per_month.slice(-3)).toEqual([
      { month: '2026-10', items: 2 },
      { month: '2026-11', items: 2 },
      { month: '2026-12', items: 0 },
    ]);
    const [mleko] = p.products;
    expect(mleko).toMatchObject({ name: 'Mleko', quantity: 9 });
    expect(mleko.used_per_week).toBeGreaterThan(0);
  });
});

describe('expired rises', () => {
  it('measures the first day of a range from the last count before it, and leaves out days without a rise', async () => {
    const repo = new InMemoryPantryHistoryRepository([
      snapshot('2026-11-02T20:00:00+01:00', { expired_count: 3 }),
      snapshot('2026-11-03T07:00:00+01:00', { expired_count: 5 }),
      snapshot('2026-11-03T19:00:00+01:00', { expired_count: 4 }),
      snapshot('2026-11-03T21:00:00+01:00', { expired_count: 6 }),
      snapshot('2026-11-04T07:00:00+01:00', { expired_count: 6 }),
    ]);
    const range = { from: '2026-11-03', to: '2026-11-05', open: '2026-12-01' };
    // 3 → 5 across midnight (2), then 4 → 6 within the day (2); the 4th stays at 6.
    expect(await readExpiredRises(repo, PERSON, range)).toEqual([{ day: '2026-11-03', rises: 4 }]);
  });
});
