// The pantry repository's contract, run against the PostgreSQL repository and the in-memory one the
// rule tests use: for any inventory, both give the same tracked stock and the same expiring rows in
// the same order. The older layout's detection needs the real table and is checked on PostgreSQL only.
import fc from 'fast-check';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { readPantry } from '../../../bridge/pantry/pantry-domain';
import { PgPantryRepository, type PantryInventory } from '../../../bridge/pantry/pantry-repository';
import { InMemoryPantryRepository, type PantryRow } from '../../fixtures/repositories/in-memory-pantry';
import { todayAt } from '../source-rows';
import { withSourcePool } from '../source-database';

let db: pg.Pool;
withSourcePool('pantry', (pool) => {
  db = pool;
});

async function store(rows: readonly PantryRow[]): Promise<void> {
  await db.query('DELETE FROM pantry_inventory');
  for (const r of rows) {
    await db.query(
      `INSERT INTO pantry_inventory (category, location, current_quantity, critical_threshold, next_expiry, unit) VALUES ($1, $2, $3, $4, $5, $6)`,
      [r.category, r.location, r.current_quantity, r.critical_threshold, r.next_expiry, r.unit],
    );
  }
}

/** The stock in a fixed order: SQL's GROUP BY gives none. */
const comparable = (i: PantryInventory) => ({ ...i, stock: [...i.stock].sort((a, b) => (a.product < b.product ? -1 : 1)) });

const numeric = fc.integer({ min: 0, max: 2000 }).map((c) => (c / 100).toFixed(2));
const row = fc.record({
  category: fc.constantFrom('Mleko', 'Jajka', 'Chleb', 'Kawa', 'Ryz'),
  location: fc.constantFrom('Spizarka', 'Lodowka', 'Zamrazarka'),
  current_quantity: fc.option(numeric, { nil: null }),
  critical_threshold: fc.option(numeric, { nil: null }),
  next_expiry: fc.option(fc.integer({ min: 0, max: 60 }).map((d) => `2025-03-${String(1 + (d % 28)).padStart(2, '0')}`.replace(/-03-/, d >= 28 ? '-04-' : '-03-')), { nil: null }),
  unit: fc.option(fc.constantFrom('szt', 'l', 'kg', 'opak'), { nil: null }),
});
// The primary key (category, location): one row of each pair.
const inventory = fc.uniqueArray(row, { maxLength: 12, selector: (r) => `${r.category}|${r.location}` });

describe('pantry repository contract (newer layout)', () => {
  it('gives the same inventory in PostgreSQL and in memory, for any rows', async () => {
    await fc.assert(
      fc.asyncProperty(inventory, fc.constantFrom('2025-03-12', '2025-03-31', '2025-04-11'), async (rows, until) => {
        await store(rows);
        const real = await new PgPantryRepository(db).inventory(until, 0);
        const fake = await new InMemoryPantryRepository(rows).inventory(until);
        expect(comparable(fake)).toEqual(comparable(real));
      }),
      { numRuns: 40 },
    );
  });
});

// Last: the older layout replaces the table for the rest of the file.
describe('pantry repository on the older layout (PK category)', () => {
  it('detects the older layout once its look-up has expired, and applies the same rules per row', async () => {
    const today = todayAt('2025-03-12T08:00:00+01:00');
    const read = (repo: PgPantryRepository) => readPantry(repo, { today, nowMs: Date.parse('2025-03-12T07:00:00Z') });
    // One repository across the change: the layout is looked up again once its (here zero) TTL has passed.
    const repo = new PgPantryRepository(db, 0);
    await store([{ category: 'Mleko', location: 'Spizarka', current_quantity: '1', critical_threshold: '2', next_expiry: null, unit: 'l' }]);
    expect((await read(repo)).variant).toBe('by_location');
    await db.query(`
      DROP TABLE pantry_inventory;
      CREATE TABLE pantry_inventory (
        category varchar(255) PRIMARY KEY, current_quantity numeric(10,2) DEFAULT 0, unit varchar(50), next_expiry date,
        last_updated date, status varchar(50), critical_threshold numeric(10,2), notes text,
        created_at timestamptz DEFAULT now(), updated_at timestamptz DEFAULT now()
      )`);
    await db.query(`
      INSERT INTO pantry_inventory (category, current_quantity, unit, critical_threshold, next_expiry, status) VALUES
        ('Mleko', 1, 'l', 2, NULL, 'Niski'), ('Jajka', 10, 'szt', 6, '2025-03-25', 'OK'), ('Chleb', 0, 'szt', 0, NULL, 'Pusty'),
        ('Cukier', 0, 'kg', NULL, NULL, 'Pusty'), ('Jogurt', 1, 'szt', NULL, '2025-03-10', 'OK'), ('Ser', 0, 'szt', NULL, '2025-03-01', 'Pusty')`);
    const p = await read(repo);
    expect(p.variant).toBe('single');
    const memory = new InMemoryPantryRepository(
      [
        ['Mleko', '1.00', '2.00', null, 'l'],
        ['Jajka', '10.00', '6.00', '2025-03-25', 'szt'],
        ['Chleb', '0.00', '0.00', null, 'szt'],
        ['Cukier', '0.00', null, null, 'kg'],
        ['Jogurt', '1.00', null, '2025-03-10', 'szt'],
        ['Ser', '0.00', null, '2025-03-01', 'szt'],
      ].map(([category, q, t, e, unit]) => ({ category: category!, location: null, current_quantity: q, critical_threshold: t, next_expiry: e, unit })),
      'single',
    );
    expect(p).toEqual(await readPantry(memory, { today, nowMs: 0 }));
    expect(p.low_stock_items).toEqual(['Chleb', 'Mleko']);
    expect(p.expiring.map((i) => [i.product, i.location, i.days_left, i.level])).toEqual([
      ['Ser', null, -11, 'expired'],
      ['Jogurt', null, -2, 'expired'],
      ['Jajka', null, 13, 'warning'],
    ]);
  });
});
