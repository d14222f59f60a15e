// The pantry's rules, low stock and expiry, over the in-memory repository (held to the PostgreSQL
// one by pantry-repository.contract.test.ts); the older layout is checked there.
import { beforeEach, describe, expect, it } from 'vitest';
import { expiryLevel, readPantry } from '../../../bridge/pantry/pantry-domain';
import { InMemoryPantryRepository } from '../../fixtures/repositories/in-memory-pantry';
import { todayAt } from '../source-rows';

let repo: InMemoryPantryRepository;

beforeEach(() => {
  repo = new InMemoryPantryRepository();
});

// Wednesday 12 March 2025 in Warsaw.
const today = todayAt('2025-03-12T08:00:00+01:00');
const read = () => readPantry(repo, { today, nowMs: Date.parse('2025-03-12T07:00:00Z') });

type Row = [product: string, location: string, quantity: string | null, threshold: string | null, expiry?: string | null, unit?: string];

function stock(rows: Row[]): Promise<void> {
  for (const [product, location, quantity, threshold, expiry, unit] of rows) {
    repo.rows.push({ category: product, location, current_quantity: quantity, critical_threshold: threshold, next_expiry: expiry ?? null, unit: unit ?? 'szt' });
  }
  return Promise.resolve();
}

describe('pantry with location (newer layout)', () => {
  it('sums a product over its locations: low only when the sum is at or under the threshold', async () => {
    await stock([
      ['Mleko', 'Spizarka', '1', '2', null, 'l'], // 1 + 3 = 4 > 2: enough, though each place alone is at or under 2
      ['Mleko', 'Lodowka', '3', '2', null, 'l'],
      ['Jajka', 'Spizarka', '2', '6'], // 2 + 3 = 5 ≤ 6
      ['Jajka', 'Lodowka', '3', '6'],
      ['Ryż', 'Spizarka', '2', '2', null, 'kg'], // equal to the threshold: low
      ['Chleb', 'Spizarka', '0', '0'], // threshold 0 alerts at 0
      ['Masło', 'Lodowka', '1', '0'], // threshold 0, one left: fine
      ['Cukier', 'Spizarka', '0', null, null, 'kg'], // null threshold: not tracked
      ['Kawa', 'Spizarka', '0', '1', null, 'opak'], // tracked through one of its rows; 0 + 5 > 1
      ['Kawa', 'Zamrazarka', '5', null, null, 'opak'],
    ]);
    const p = await read();
    expect(p.variant).toBe('by_location');
    expect(p.tracked_products).toBe(6);
    expect(p.low_stock_count).toBe(3);
    expect(p.low_stock_items).toEqual(['Chleb', 'Jajka', 'Ryż']);
    expect(p.low_stock).toEqual([
      { product: 'Chleb', quantity: 0, unit: 'szt', critical_threshold: 0, locations: ['Spizarka'] },
      { product: 'Jajka', quantity: 5, unit: 'szt', critical_threshold: 6, locations: ['Lodowka', 'Spizarka'] },
      { product: 'Ryż', quantity: 2, unit: 'kg', critical_threshold: 2, locations: ['Spizarka'] },
    ]);
  });

  it('treats a null quantity as unknown stock, never low (as current_quantity <= critical_threshold does in SQL)', async () => {
    await stock([['Chleb', 'Spizarka', null, '1']]);
    const p = await read();
    expect(p.low_stock).toEqual([]);
    expect(p.low_stock_count).toBe(0);
    expect(p.tracked_products).toBe(1);
  });

  it('sorts expiring items expired first, then by date, with critical within 7 days and warning within 30', async () => {
    await stock([
      ['Kasza', 'Spizarka', '1', null, '2025-04-12'], // 31 days: not listed
      ['Mąka', 'Spizarka', '1', null, '2025-04-11'], // 30 days: warning
      ['Kefir', 'Lodowka', '1', null, '2025-03-20'], // 8 days: warning
      ['Szynka', 'Lodowka', '0.25', null, '2025-03-19', 'kg'], // 7 days: critical
      ['Ser', 'Lodowka', '1', null, '2025-03-12'], // today: critical
      ['Jogurt', 'Lodowka', '2', null, '2025-03-11'], // yesterday: expired
      ['Jogurt', 'Spizarka', '0', null, '2025-03-01'], // expired, quantity 0: listed, as the rule has no quantity condition
      ['Śmietana', 'Lodowka', null, null, '2025-03-05'], // expired, quantity unknown: listed
    ]);
    const p = await read();
    expect(p.expiring.map((i) => [i.product, i.location, i.days_left, i.level])).toEqual([
      ['Jogurt', 'Spizarka', -11, 'expired'],
      ['Śmietana', 'Lodowka', -7, 'expired'],
      ['Jogurt', 'Lodowka', -1, 'expired'],
      ['Ser', 'Lodowka', 0, 'critical'],
      ['Szynka', 'Lodowka', 7, 'critical'],
      ['Kefir', 'Lodowka', 8, 'warning'],
      ['Mąka', 'Spizarka', 30, 'warning'],
    ]);
    expect(p.expiring[1]?.quantity).toBeNull();
    expect(p.expiring[4]).toEqual({ product: 'Szynka', location: 'Lodowka', next_expiry: '2025-03-19', days_left: 7, level: 'critical', quantity: 0.25, unit: 'kg' });
    expect([p.expired_count, p.expiring_count]).toEqual([3, 4]);
  });

  it('gives zeros and empty lists on an empty inventory', async () => {
    expect(await read()).toEqual({
      variant: 'by_location',
      tracked_products: 0,
      low_stock_count: 0,
      low_stock_items: [],
      low_stock: [],
      expired_count: 0,
      expiring_count: 0,
      expiring: [],
    });
  });
});

describe('expiryLevel', () => {
  it('draws the lines at 0, 7 and 30 days', () => {
    expect([-30, -1, 0, 7, 8, 30, 31].map(expiryLevel)).toEqual(['expired', 'expired', 'critical', 'critical', 'warning', 'warning', null]);
  });
});
