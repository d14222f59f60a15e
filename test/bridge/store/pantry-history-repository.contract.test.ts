// The pantry's recorded past, read by the PostgreSQL repository and by the in-memory one the rule
// tests use: for any history (snapshots around a DST change, with and without an expired count or
// stock, of two people), both give the same days, values and snapshots.
import fc from 'fast-check';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { PgPantryHistoryRepository } from '../../../bridge/store/pantry-history-repository';
import { addDays } from '../../../bridge/time/local-date';
import { InMemoryPantryHistoryRepository, type HistoryRow } from '../../fixtures/repositories/in-memory-pantry-history';
import { withSourcePool } from '../source-database';

const PEOPLE = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'];
// Twenty days around either DST change in Warsaw (30 March and 26 October 2025), at any minute.
const WINDOWS = ['2025-03-20', '2025-10-16'];

let db: pg.Pool;
withSourcePool('twin', (pool) => {
  db = pool;
});

const snapshot = fc.record({
  person: fc.constantFrom(...PEOPLE),
  minute: fc.integer({ min: 0, max: 20 * 24 * 60 }),
  expired: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
  stock: fc.option(fc.dictionary(fc.constantFrom('Mleko', 'Jajka'), fc.integer({ min: 0, max: 9 })), { nil: undefined }),
});

interface Spec {
  window?: number;
  person: string;
  minute: number;
  expired?: number;
  stock?: Record<string, number>;
}

async function store(specs: Spec[]): Promise<HistoryRow[]> {
  await db.query(`DELETE FROM digital_twin_updates`);
  const rows: HistoryRow[] = [];
  for (const s of specs) {
    const data = { ...(s.expired === undefined ? {} : { expired_count: s.expired }), ...(s.stock === undefined ? {} : { stock: s.stock }) };
    const at = new Date(Date.parse(`${WINDOWS[s.window ?? 0]}T00:00:00Z`) + s.minute * 60_000);
    const { rows: inserted } = await db.query<{ id: string }>(
      `INSERT INTO digital_twin_updates (entity_type, entity_id, update_data, source_system, update_type, created_at)
       VALUES ('pantry', $1::uuid, $2::jsonb, 'digital_twin_bridge', 'state_transition', $3::timestamptz) RETURNING id`,
      [s.person, JSON.stringify(data), at.toISOString()],
    );
    rows.push({ id: inserted[0].id, entity_type: 'pantry', entity_id: s.person, created_at: at, update_data: data });
  }
  return rows;
}

const byDay = <T extends { day: string }>(rows: T[]) => [...rows].sort((a, b) => a.day.localeCompare(b.day));

describe('pantry history repository contract', () => {
  it('gives the same answers in PostgreSQL and in memory, for any history and any days', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(0, 1), fc.array(snapshot, { maxLength: 25 }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 12 }), async (window, specs, start, length) => {
        const rows = await store(specs.map((s) => ({ ...s, window })));
        const real = new PgPantryHistoryRepository(db);
        const fake = new InMemoryPantryHistoryRepository(rows);
        const from = addDays(WINDOWS[window], start);
        const range = { from, to: addDays(from, length), open: '2025-05-01' };
        for (const person of PEOPLE) {
          expect(byDay(await fake.expiredDays(person, range))).toEqual(byDay(await real.expiredDays(person, range)));
          expect(await fake.expiredBefore(person, from)).toEqual(await real.expiredBefore(person, from));
          expect(await fake.firstDay(person)).toEqual(await real.firstDay(person));
          expect(await fake.stockSnapshots(person, range)).toEqual(await real.stockSnapshots(person, range));
          expect(await fake.snapshotAt(person, from)).toEqual(await real.snapshotAt(person, from));
        }
      }),
      { numRuns: 30 },
    );
  });

  it('gives nothing before the first snapshot, and the last one of a day at its end', async () => {
    const rows = await store([
      { person: PEOPLE[0], minute: 60 * 23 + 30, expired: 1 }, // 20 March 23:30 UTC = 21 March 00:30 in Warsaw
      { person: PEOPLE[0], minute: 60 * 22, expired: 2 }, // 20 March 22:00 UTC = 23:00 in Warsaw
    ]);
    for (const repo of [new PgPantryHistoryRepository(db), new InMemoryPantryHistoryRepository(rows)]) {
      expect(await repo.snapshotAt(PEOPLE[0], '2025-03-19')).toBeNull();
      expect(await repo.snapshotAt(PEOPLE[0], '2025-03-20')).toEqual({ expired_count: 2 });
      expect(await repo.snapshotAt(PEOPLE[0], '2025-03-21')).toEqual({ expired_count: 1 });
      expect(await repo.firstDay(PEOPLE[0])).toBe('2025-03-20');
      expect(await repo.firstDay(PEOPLE[1])).toBeNull();
    }
  });
});
