// The twin's history, kept by the PostgreSQL repository and by the in-memory one the HTTP tests use:
// the same cases hold for both (transitions only, jsonb equality, keyset paging newest first on
// (created_at, id) with its bounds, the newest rows, retention's deletes), and for any mix of the
// bridge's writes and other writers' rows, both page alike.
import crypto from 'node:crypto';
import fc from 'fast-check';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryEntity } from '../../../bridge/contract/responses';
import type { HistoryRepository, HistoryRow, PageRequest } from '../../../bridge/store/history-repository';
import { PgHistoryRepository } from '../../../bridge/store/history-repository';
import { TwinStore } from '../../../bridge/store/twin-store';
import { freshDatabases, type TestDatabases } from '../../fixtures/databases';
import { InMemoryHistoryRepository } from '../../fixtures/repositories/in-memory-history';
import { sourcePool } from '../source-rows';

interface Seed {
  entity: HistoryEntity;
  /** ISO 8601 to the microsecond, or null. */
  at: string | null;
  source?: string;
  /** The row's JSON as its writer spelled it. */
  json?: string;
}

interface Subject {
  repo: HistoryRepository;
  /** Rows of other writers (or of older times), in this order; their ids. */
  seed(personId: string, rows: Seed[]): Promise<string[]>;
}

let dbs: TestDatabases;
let db: pg.Pool;

beforeAll(async () => {
  dbs = await freshDatabases();
  db = sourcePool(dbs.twin, 'history');
  await new TwinStore(db).migrations.ready('history');
});
afterAll(async () => {
  await db?.end();
  await dbs?.drop();
});

const jsonOf = (s: Seed) => s.json ?? JSON.stringify({ at: s.at });

const postgres = (): Subject => ({
  repo: new PgHistoryRepository(db),
  async seed(personId, rows) {
    const ids: string[] = [];
    for (const s of rows) {
      const { rows: inserted } = await db.query<{ id: string }>(
        `INSERT INTO digital_twin_updates (entity_type, entity_id, update_data, source_system, update_type, created_at)
         VALUES ($1, $2::uuid, $3::jsonb, $4, 'status_sync', $5::timestamptz) RETURNING id`,
        [s.entity, personId, jsonOf(s), s.source ?? 'g04_engine', s.at],
      );
      ids.push(inserted[0].id);
    }
    return ids;
  },
});

const inMemory = (): Subject => {
  const repo = new InMemoryHistoryRepository();
  return {
    repo,
    seed(personId, rows) {
      const stored = rows.map((s) => ({
        id: crypto.randomUUID(),
        entity_type: s.entity,
        entity_id: personId,
        update_data: JSON.parse(jsonOf(s)) as unknown,
        source_system: s.source ?? 'g04_engine',
        update_type: 'status_sync',
        created_at: s.at,
      }));
      repo.add(...stored);
      return Promise.resolve(stored.map((r) => r.id));
    },
  };
};

const person = () => crypto.randomUUID();
const request = (personId: string, o: Partial<PageRequest> = {}): PageRequest => ({ personId, entity: null, before: null, limit: 500, since: null, until: null, ...o });

/** Every row of a request, page by page, each page continuing after the last row of the one before. */
async function allPages(repo: HistoryRepository, q: PageRequest): Promise<HistoryRow[]> {
  const seen: HistoryRow[] = [];
  for (let page = await repo.page(q); ; ) {
    seen.push(...page);
    const last = page.at(-1);
    if (page.length < q.limit || !last?.created_exact) return seen;
    page = await repo.page({ ...q, before: { createdAt: last.created_exact, id: last.id } });
  }
}

const T = '2025-03-12T07:00:00.123456Z';
const minutesBefore = (n: number) => new Date(Date.parse('2025-03-12T07:00:00Z') - n * 60_000).toISOString().replace('.000Z', '.123456Z');

describe.each([
  ['PostgreSQL', postgres],
  ['in memory', inMemory],
])('history repository contract (%s)', (_name, subject) => {
  it('writes only what differs from each entity last row by anyone, as jsonb compares, at the time of writing', async () => {
    const { repo, seed } = subject();
    const id = person();
    // Another writer's row: keys in another order, 80.5 spelled 80.50.
    await seed(id, [{ entity: 'health', at: T, source: 'n8n', json: '{"b": 80.50, "a": [1, {"y": null, "x": true}]}' }]);
    const started = Date.now();
    const first = await repo.insertChanged(id, [
      { entity: 'health', data: { a: [1, { x: true, y: null }], b: 80.5 } },
      { entity: 'finance', data: { net: 1 } },
    ]);
    expect(first.map((w) => w.entity)).toEqual(['finance']);
    expect(first[0].createdAt.getTime()).toBeGreaterThanOrEqual(started - 1000);
    expect(await repo.insertChanged(id, [{ entity: 'finance', data: { net: 1, gone: undefined } }])).toEqual([]);
    // A, B, A: a change back to an earlier state is a transition too.
    const b = await repo.insertChanged(id, [{ entity: 'finance', data: { net: 2 } }, { entity: 'pantry', data: {} }]);
    const a = await repo.insertChanged(id, [{ entity: 'finance', data: { net: 1 } }, { entity: 'pantry', data: {} }]);
    expect([b.map((w) => w.entity), a.map((w) => w.entity)]).toEqual([['finance', 'pantry'], ['finance']]);
    expect(a[0].createdAt.getTime()).toBeGreaterThanOrEqual(b[1].createdAt.getTime());
    const rows = await repo.page(request(id));
    expect(rows.map((r) => [r.entity_type, r.update_data, r.source_system, r.update_type])).toEqual([
      ['finance', { net: 1 }, 'g04_engine', 'status_sync'],
      ['pantry', {}, 'g04_engine', 'status_sync'],
      ['finance', { net: 2 }, 'g04_engine', 'status_sync'],
      ['finance', { net: 1 }, 'g04_engine', 'status_sync'],
      ['health', { a: [1, { x: true, y: null }], b: 80.5 }, 'n8n', 'status_sync'],
    ]);
    expect(await repo.newestAt(id)).toEqual(rows[0].created_at);
  });

  it('pages newest first on (created_at, id), rows of one microsecond apart, ties by id, only this person', async () => {
    const { repo, seed } = subject();
    const id = person();
    const specs: Seed[] = Array.from({ length: 30 }, (_, i) => ({
      entity: (['health', 'finance', 'pantry'] as const)[i % 3],
      at: i < 12 ? T : i === 12 ? '2025-03-12T07:00:00.123457Z' : i === 13 ? '2025-03-12T08:00:00.123458+01:00' : minutesBefore(i),
    }));
    const ids = await seed(id, specs);
    await seed(person(), [{ entity: 'finance', at: T }]);
    const expected = [ids[13], ids[12], ...ids.slice(0, 12).sort().reverse(), ...ids.slice(14)];
    for (const limit of [1, 5, 7, 30, 500]) expect((await allPages(repo, request(id, { limit }))).map((r) => r.id)).toEqual(expected);
    const [newest] = await repo.page(request(id, { limit: 1 }));
    expect(newest).toMatchObject({ entity_id: id, created_exact: '2025-03-12T07:00:00.123458Z', created_at: new Date('2025-03-12T07:00:00.123Z') });
    const pantry = await allPages(repo, request(id, { limit: 3, entity: 'pantry' }));
    expect(pantry.map((r) => r.id)).toEqual(expected.filter((x) => specs[ids.indexOf(x)].entity === 'pantry'));
    expect(await repo.page(request(id, { entity: 'goal' }))).toEqual([]);
  });

  it('bounds a page by since (inclusive) and until (exclusive), and puts a row without created_at first but in no range', async () => {
    const { repo, seed } = subject();
    const id = person();
    const [early, onSince, justBefore, onUntil, none] = await seed(id, [
      { entity: 'goal', at: '2025-03-01T09:59:59.999999Z' },
      { entity: 'person', at: '2025-03-01T10:00:00Z' },
      { entity: 'health', at: '2025-03-02T10:59:59.999999+01:00' },
      { entity: 'health', at: '2025-03-02T10:00:00Z' },
      { entity: 'training', at: null, source: 'n8n' },
    ]);
    const ranged = await repo.page(request(id, { since: '2025-03-01T10:00:00.000Z', until: '2025-03-02T10:00:00.000Z' }));
    expect(ranged.map((r) => r.id)).toEqual([justBefore, onSince]);
    const all = await repo.page(request(id));
    expect(all.map((r) => r.id)).toEqual([none, onUntil, justBefore, onSince, early]);
    expect(all[0]).toMatchObject({ created_at: null, created_exact: null, entity_type: 'training' });
    expect((await repo.page(request(id, { before: { createdAt: '2025-03-02T10:00:00.000000Z', id: onUntil } }))).map((r) => r.id)).toEqual([justBefore, onSince, early]);
    // The newest row by anyone is the one without a time.
    expect(await repo.newestAt(id)).toBeNull();
  });

  it('names the newest row of each entity type and its time, by anyone; nothing for a person without rows', async () => {
    const { repo, seed } = subject();
    const id = person();
    expect(await repo.newestAt(id)).toBeNull();
    expect(await repo.newestIds(id, ['health', 'finance'])).toEqual([]);
    const ids = await seed(id, [
      { entity: 'health', at: minutesBefore(3) },
      { entity: 'health', at: minutesBefore(1), source: 'n8n' },
      { entity: 'finance', at: minutesBefore(2) },
      { entity: 'finance', at: minutesBefore(2) },
    ]);
    expect(await repo.newestAt(id)).toEqual(new Date(minutesBefore(1).replace('123456', '123')));
    const finance = ids.slice(2).sort().at(-1);
    expect((await repo.newestIds(id, ['health', 'finance', 'goal'])).sort()).toEqual([ids[1], finance].sort());
  });

  it("deletes the bridge's own rows of this person before the cutoff, oldest first in batches, but those kept", async () => {
    const { repo, seed } = subject();
    const [id, other] = [person(), person()];
    const ids = await seed(id, [
      { entity: 'finance', at: '2024-01-01T00:00:00.000001Z' },
      { entity: 'finance', at: '2024-01-01T00:00:00Z' },
      { entity: 'health', at: '2024-01-02T00:00:00Z' },
      { entity: 'pantry', at: '2024-01-03T00:00:00Z' },
      { entity: 'goal', at: '2023-01-01T00:00:00Z', source: 'n8n' },
      { entity: 'finance', at: '2024-06-01T00:00:00Z' },
      { entity: 'health', at: null },
    ]);
    await seed(other, [{ entity: 'finance', at: '2020-01-01T00:00:00Z' }]);
    const o = { personId: id, before: new Date('2024-06-01T00:00:00Z'), limit: 2, keep: [ids[3]] };
    expect(await repo.deleteBridgeRowsBefore(o)).toBe(2);
    expect((await repo.page(request(id))).map((r) => r.id)).toEqual([ids[6], ids[5], ids[3], ids[2], ids[4]]);
    expect(await repo.deleteBridgeRowsBefore(o)).toBe(1);
    expect(await repo.deleteBridgeRowsBefore(o)).toBe(0);
    expect((await repo.page(request(id))).map((r) => r.id)).toEqual([ids[6], ids[5], ids[3], ids[4]]);
    expect(await repo.page(request(other))).toHaveLength(1);
  });
});

describe('history repository contract, for any writes', () => {
  const ENTITIES = ['health', 'finance', 'pantry'] as const;
  const data = fc.dictionary(fc.constantFrom('a', 'b', 'c'), fc.oneof(fc.integer({ min: 0, max: 2 }), fc.constantFrom(0.5, null, true, 'x'), fc.array(fc.integer({ min: 0, max: 1 }), { maxLength: 2 })), { maxKeys: 2 });
  const write = fc.record({ kind: fc.constant('write' as const), entries: fc.uniqueArray(fc.record({ entity: fc.constantFrom(...ENTITIES), data }), { selector: (e) => e.entity, maxLength: 3 }) });
  const other = fc.record({
    kind: fc.constant('seed' as const),
    entity: fc.constantFrom<HistoryEntity>('goal', ...ENTITIES),
    // Within two hours of T, to the microsecond, many on the same few instants.
    at: fc.oneof(
      fc.constantFrom(T, minutesBefore(1)),
      fc.tuple(fc.integer({ min: 0, max: 7199 }), fc.integer({ min: 0, max: 999_999 })).map(([s, us]) => `${new Date(Date.parse('2025-03-12T05:00:00Z') + s * 1000).toISOString().slice(0, 19)}.${String(us).padStart(6, '0')}Z`),
    ),
    source: fc.constantFrom('g04_engine', 'n8n'),
    data,
  });
  const query = fc.record({
    limit: fc.integer({ min: 1, max: 6 }),
    entity: fc.constantFrom<HistoryEntity | null>(null, null, 'finance', 'goal'),
    since: fc.constantFrom(null, '2025-03-12T06:00:00.000Z'),
    until: fc.constantFrom(null, '2025-03-12T07:00:00.123Z', '2099-01-01T00:00:00.000Z'),
  });
  const PEOPLE = [person(), person()];

  it('gives the same pages, newest rows and deletions in PostgreSQL and in memory', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...PEOPLE), fc.oneof(write, other)), { maxLength: 12 }), query, async (ops, q) => {
        await db.query(`DELETE FROM digital_twin_updates WHERE entity_id = ANY($1::uuid[])`, [PEOPLE]);
        const [real, fake] = [postgres(), inMemory()];
        const started = Date.now() - 1000;
        for (const [personId, op] of ops) {
          if (op.kind === 'write') {
            const [r, f] = [await real.repo.insertChanged(personId, op.entries), await fake.repo.insertChanged(personId, op.entries)];
            expect(f.map((w) => w.entity)).toEqual(r.map((w) => w.entity));
          } else {
            const [id] = await real.seed(personId, [{ entity: op.entity, at: op.at, source: op.source, json: JSON.stringify(op.data) }]);
            (fake.repo as InMemoryHistoryRepository).add({ id, entity_type: op.entity, entity_id: personId, update_data: op.data, source_system: op.source, update_type: 'status_sync', created_at: op.at });
          }
        }
        // The bridge's own writes happen now, at different instants in each: they are compared by what they hold.
        const comparable = (r: HistoryRow) => ((r.created_at?.getTime() ?? 0) >= started ? { ...r, id: 'written now', created_at: null, created_exact: null } : r);
        for (const personId of PEOPLE) {
          const page = (repo: HistoryRepository) => allPages(repo, request(personId, q)).then((rows) => rows.map(comparable));
          expect(await page(fake.repo)).toEqual(await page(real.repo));
          const newest = async (repo: HistoryRepository) => {
            const rows = await allPages(repo, request(personId));
            const ids = await repo.newestIds(personId, ['goal', ...ENTITIES]);
            return rows.filter((r) => ids.includes(r.id)).map(comparable);
          };
          expect(await newest(fake.repo)).toEqual(await newest(real.repo));
          // The rows kept are the other writers' (same ids in both) or the bridge's own of now, which are past no cutoff.
          const o = { personId, before: new Date(Date.parse(T) - 3_600_000), limit: 2, keep: await real.repo.newestIds(personId, ['goal', ...ENTITIES]) };
          for (let round = 0; round < 3; round++) expect(await fake.repo.deleteBridgeRowsBefore(o)).toBe(await real.repo.deleteBridgeRowsBefore(o));
          expect(await page(fake.repo)).toEqual(await page(real.repo));
        }
      }),
      { numRuns: 40 },
    );
  });
});
