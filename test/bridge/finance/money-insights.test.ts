// The money insights at the calendar's edges, over the in-memory repository (held to the PostgreSQL
// one by finance-repository.contract.test.ts): the last day of a month, 00:30 on the 1st in Warsaw
// (still the day before in UTC), and New Year.
import { beforeEach, describe, expect, it } from 'vitest';
import { readMoneyInsights } from '../../../bridge/finance/money-insights';
import { InMemoryFinanceRepository } from '../../fixtures/repositories/in-memory-finance';
import { todayAt } from '../source-rows';

let repo: InMemoryFinanceRepository;
let category: number;

beforeEach(() => {
  repo = new InMemoryFinanceRepository();
  category = repo.addCategory('Food', 'Restaurants');
});

const moneyAt = (iso: string) => readMoneyInsights(repo, { today: todayAt(iso), currency: 'PLN' });

describe('month edges', () => {
  it('on the last day of a month compares whole months: the 31st of October counts against the 30th of November', async () => {
    repo.addTransactions([
      { date: '2026-10-31', type: 'Expense', amount: 500, category_id: category },
      { date: '2026-11-30', type: 'Expense', amount: 40, category_id: category },
    ]);
    const last = await moneyAt('2026-11-30T23:50:00+01:00');
    expect(last.month).toBe('2026-11');
    const onLast = last.categories.find((c) => c.category_path === 'Food > Restaurants')!;
    expect(onLast.spent_to_date).toBe(40);
    // Baseline months since the first transaction: October alone, spent 500 by its end.
    expect(onLast).toMatchObject({ baseline_months: 1, baseline_median: 500, status: null });
    const dayBefore = await moneyAt('2026-11-29T12:00:00+01:00');
    expect(dayBefore.categories.find((c) => c.category_path === 'Food > Restaurants')).toMatchObject({ spent_to_date: 0, baseline_median: 0 });
  });

  it('at 00:30 on the 1st in Warsaw (still the 30th in UTC) the month is the new one, counted from its first day', async () => {
    repo.addTransactions([
      { date: '2026-11-30', type: 'Expense', amount: 70, category_id: category },
      { date: '2026-12-01', type: 'Income', amount: 1000 },
    ]);
    expect(todayAt('2026-12-01T00:30:00+01:00').date).toBe('2026-12-01');
    const m = await moneyAt('2026-12-01T00:30:00+01:00');
    expect(m.month).toBe('2026-12');
    expect(m.categories.find((c) => c.category_path === 'Food > Restaurants')).toMatchObject({ spent_to_date: 0 });
    expect(m.net_by_month.at(-1)).toMatchObject({ month: '2026-12', net: 1000, through_day: 1 });
    expect(m.net_by_month.at(-2)).toMatchObject({ month: '2026-11', net: -70, through_day: null });
  });
});

describe('New Year', () => {
  it('ten minutes into the year, months and the year-earlier comparison run across it', async () => {
    repo.addTransactions([
      { date: '2026-01-01', type: 'Income', amount: 300 },
      { date: '2026-01-20', type: 'Income', amount: 999 },
      { date: '2027-01-01', type: 'Income', amount: 100 },
    ]);
    const m = await moneyAt('2027-01-01T00:10:00+01:00');
    expect(m.month).toBe('2027-01');
    expect(m.net_by_month.map((n) => n.month)).toEqual([
      '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01',
    ]);
    // This month to its first day against the first day of January 2026: the 20th is not compared.
    expect(m.net_by_month.at(-1)).toMatchObject({ net: 100, year_earlier_net: 300, change: -200 });
    expect(m.net_by_month[0]).toMatchObject({ month: '2026-01', net: 1299 });
  });
});
