// digital_twin_updates over a real PostgreSQL: what a stored row written by another serialiser compares
// as, no duplicates under concurrency (one bridge or two), keyset paging that sees every row once.
// Which states make a transition is in history-transitions.test.ts.
import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../../bridge/history/history-cursor';
import { HistoryStore } from '../../../bridge/history/history-store';
import { TwinStore } from '../../../bridge/store/twin-store';
import { snapshotOf } from '../../../bridge/contract/snapshot';
import { SyncTracker } from '../../../bridge/history/sync-tracker';
import { fixedClock } from '../../../bridge/time/clock';
import { freshDatabases, poolFor, type TestDatabases } from '../../fixtures/databases';
import { freePort } from '../../fixtures/free-port';
import { twinState } from '../state-fixture';

let dbs: TestDatabases;
let poolA: pg.Pool;
let poolB: pg.Pool;

beforeAll(async () => {
  dbs = await freshDatabases();
  poolA = new pg.Pool({ connectionString: dbs.twin, max: 10 });
  poolB = new pg.Pool({ connectionString: dbs.twin, max: 10 });
  // A client still closing when the database is dropped (WITH FORCE) is told so: not a failure.
  for (const p of [poolA, poolB]) p.on('error', () => {});
});
afterAll(async () => {
  await poolA?.end();
  await poolB?.end();
  await dbs?.drop();
});

const person = () => crypto.randomUUID();

async function rowsOf(personId: string, pool = poolA) {
  const { rows } = await pool.query(
    `SELECT id, entity_type, update_data, source_system, update_type, created_at FROM digital_twin_updates
     WHERE entity_id = $1 ORDER BY created_at, id`,
    [personId],
  );
  return rows;
}

const countBy = (rows: { entity_type: string }[]) =>
  rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.entity_type]: (acc[r.entity_type] ?? 0) + 1 }), {});

describe('HistoryStore.record', () => {
  it('compares with the last row semantically: key order and number spelling do not count as a change', async () => {
    const id = person();
    const state = twinState();
    const snap = snapshotOf(state, 'health')!;
    // Written by hand (another writer, another serialiser): keys reversed, 80.5 spelled 80.50.
    const reversed = `{${Object.entries(snap)
      .reverse()
      .map(([k, v]) => `${JSON.stringify(k)}: ${k === 'bodyweight_kg' ? '80.50' : JSON.stringify(v)}`)
      .join(', ')}}`;
    await poolA.query(
      `INSERT INTO digital_twin_updates (entity_type, entity_id, update_data, source_system, update_type) VALUES ('health', $1, $2::jsonb, 'n8n', 'manual')`,
      [id, reversed],
    );
    const { written } = await new HistoryStore(new TwinStore(poolA).historyTable(), id).record(state);
    expect(written).toEqual(['finance', 'pantry']);
  });

  it('writes each transition once under 20 concurrent record() calls of one state', async () => {
    const id = person();
    const store = new HistoryStore(new TwinStore(poolA).historyTable(), id);
    // Several rounds, so that later ones run on warm connections and really overlap.
    for (let round = 0; round < 6; round++) {
      const state = twinState({ finance: { mtd_net: 1000 + round } });
      const results = await Promise.all(Array.from({ length: 20 }, () => store.record(state)));
      expect(results.flatMap((r) => r.written).sort()).toEqual(round === 0 ? ['finance', 'health', 'pantry'] : ['finance']);
    }
    expect(countBy(await rowsOf(id))).toEqual({ health: 1, finance: 6, pantry: 1 });
  });

  it('writes each transition once when two bridges (two stores, two pools) race on one database', async () => {
    const id = person();
    const a = new HistoryStore(new TwinStore(poolA).historyTable(), id);
    const b = new HistoryStore(new TwinStore(poolB).historyTable(), id);
    const states = [twinState(), twinState({ finance: { mtd_net: 100 } }), twinState({ finance: { mtd_net: 200 }, pantry: { low_stock_count: 0, low_stock_items: [] } })];
    for (const s of states) {
      await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? a : b).record(s)));
    }
    expect(countBy(await rowsOf(id))).toEqual({ health: 1, finance: 3, pantry: 2 });
  });
});

describe('HistoryStore.record ordering across writers', () => {
  it('orders rows by when they were written, so a writer that waited for the lock does not slip behind', async () => {
    const id = person();
    const a = new HistoryStore(new TwinStore(poolA).historyTable(), id);
    const b = new HistoryStore(new TwinStore(poolB).historyTable(), id);
    const f1 = twinState({ finance: { mtd_net: 1 } });
    // Bridge B cannot read training right now: it records finance only.
    const f2 = twinState({ finance: { mtd_net: 2 }, health: { status: 'degraded', error: 'training database unreachable' } });

    // Someone holds the health lock: A begins its transaction and waits for it.
    const holder = await poolA.connect();
    let aDone: Promise<unknown>;
    try {
      await holder.query('BEGIN');
      await holder.query(`SELECT pg_advisory_xact_lock(hashtext('digital_twin_updates'), hashtext($1 || ':' || $2))`, ['health', id]);
      aDone = a.record(f1);
      for (let i = 0; i < 400; i++) {
        const { rows } = await poolB.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`);
        if (rows[0].n > 0) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      // Meanwhile B records its finance transition and is done.
      expect((await b.record(f2)).written).toEqual(['finance', 'pantry']);
    } finally {
      await holder.query('COMMIT');
      holder.release();
    }
    expect((await aDone!) as unknown).toMatchObject({ written: ['health', 'finance'] });
    // A wrote last: its state is the current one, and recording it again is no transition.
    const { rows } = await poolA.query(
      `SELECT update_data->>'mtd_net' AS net FROM digital_twin_updates WHERE entity_id = $1 AND entity_type = 'finance' ORDER BY created_at DESC, id DESC LIMIT 1`,
      [id],
    );
    expect(rows[0].net).toBe('1');
    expect((await a.record(f1)).written).toEqual([]);
  });
});

describe('HistoryStore.page', () => {
  const TIED = '2025-03-12 07:00:00.123456+00';

  /** 60 rows for one person: 25 sharing one created_at, 2 in the same millisecond, the rest spread out. */
  async function seedPaging(id: string): Promise<void> {
    await poolA.query(
      `INSERT INTO digital_twin_updates (entity_type, entity_id, update_data, source_system, update_type, created_at)
       SELECT (ARRAY['health','finance','pantry'])[1 + i % 3], $1, jsonb_build_object('i', i), 'g04_engine', 'status_sync',
              CASE WHEN i <= 25 THEN $2::timestamptz
                   WHEN i = 26 THEN $2::timestamptz + interval '1 microsecond'
                   WHEN i = 27 THEN $2::timestamptz + interval '2 microseconds'
                   ELSE $2::timestamptz - (i || ' minutes')::interval END
       FROM generate_series(1, 60) AS i`,
      [id, TIED],
    );
    // Another person's rows are never shown.
    await poolA.query(
      `INSERT INTO digital_twin_updates (entity_type, entity_id, update_data, source_system, update_type, created_at)
       SELECT 'finance', $1, '{}'::jsonb, 'g04_engine', 'status_sync', $2::timestamptz FROM generate_series(1, 5)`,
      [person(), TIED],
    );
  }

  async function allPages(store: HistoryStore, limit: number, entity: 'health' | 'finance' | 'pantry' | null) {
    const seen: { id: string; created_at: string; entity_type: string }[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const page = await store.page({ limit, entity, cursor: cursor === null ? null : decodeCursor(cursor) });
      expect(page.items.length).toBeLessThanOrEqual(limit);
      seen.push(...page.items);
      cursor = page.nextCursor;
      if (cursor === null) break;
      expect(page.items).toHaveLength(limit);
    }
    return seen;
  }

  it('pages newest first and covers every row exactly once, even with many rows sharing a created_at', async () => {
    const id = person();
    await seedPaging(id);
    const store = new HistoryStore(new TwinStore(poolA).historyTable(), id);
    const { rows: expected } = await poolA.query(`SELECT id FROM digital_twin_updates WHERE entity_id = $1 ORDER BY created_at DESC, id DESC`, [id]);
    for (const limit of [1, 7, 25, 60, 500]) {
      const seen = await allPages(store, limit, null);
      expect(seen.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    }
    const first = await store.page({ limit: 3, entity: null, cursor: null });
    // The two microsecond-later rows come first, the newest on top.
    expect(first.items.map((i) => (i.update_data as { i: number }).i)).toEqual([27, 26, expect.any(Number)]);
    expect(first.items[0]).toMatchObject({ entity_id: id, source_system: 'g04_engine', update_type: 'status_sync', created_at: '2025-03-12T07:00:00.123Z' });
  });

  it('filters by entity and pages that filter to its end', async () => {
    const id = person();
    await seedPaging(id);
    const store = new HistoryStore(new TwinStore(poolA).historyTable(), id);
    const seen = await allPages(store, 4, 'pantry');
    const { rows: expected } = await poolA.query(
      `SELECT id FROM digital_twin_updates WHERE entity_id = $1 AND entity_type = 'pantry' ORDER BY created_at DESC, id DESC`,
      [id],
    );
    expect(expected.length).toBe(20);
    expect(seen.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    expect(new Set(seen.map((r) => r.entity_type))).toEqual(new Set(['pantry']));
    expect(await store.page({ limit: 5, entity: 'goal', cursor: null })).toEqual({ items: [], nextCursor: null });
  });

  it('reports the newest write of the person', async () => {
    const id = person();
    const store = new HistoryStore(new TwinStore(poolA).historyTable(), id);
    expect(await store.lastWriteAt()).toBeNull();
    await seedPaging(id);
    expect((await store.lastWriteAt())?.toISOString()).toBe('2025-03-12T07:00:00.123Z');
  });
});

describe('history cursor', () => {
  it('round-trips and rejects what it did not make', () => {
    const p = { createdAt: '2025-03-12T07:00:00.123456Z', id: crypto.randomUUID() };
    expect(decodeCursor(encodeCursor(p))).toEqual(p);
    for (const bad of ['', 'not a cursor', Buffer.from('{"t":"yesterday","id":"x"}').toString('base64url'), "' OR 1=1 --", 'A'.repeat(300)]) {
      expect(decodeCursor(bad)).toBeNull();
    }
  });
});

describe('the history table', () => {
  it('is created by the first use where it is missing, and one that exists is never altered', async () => {
    const pool = poolFor(dbs.training);
    try {
      const present = async () => (await pool.query(`SELECT to_regclass('digital_twin_updates') IS NOT NULL AS p`)).rows[0].p;
      expect(await present()).toBe(false);
      expect((await new HistoryStore(new TwinStore(pool).historyTable(), person()).record(twinState())).written).toHaveLength(3);
      expect(await present()).toBe(true);
      await pool.query('ALTER TABLE digital_twin_updates ADD COLUMN owner_note text');
      // Another bridge, with its migrations recorded no more: they run over the table as it is.
      await pool.query('DROP TABLE digital_twin_migrations');
      expect((await new HistoryStore(new TwinStore(pool).historyTable(), person()).record(twinState())).written).toHaveLength(3);
      const { rows } = await pool.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'digital_twin_updates' AND column_name = 'owner_note'`);
      expect(rows).toHaveLength(1);
    } finally {
      await pool.end();
    }
  });
});

describe('SyncTracker', () => {
  it('shows when history was last written and why a sync did not record', async () => {
    const clock = fixedClock('2025-03-12T07:00:00Z');
    const tracker = new SyncTracker(new HistoryStore(new TwinStore(poolA).historyTable(), person()), clock, 900);
    await tracker.record(twinState());
    const ok = tracker.info();
    expect(ok).toMatchObject({ last_success_at: '2025-03-12T07:00:00.000Z', last_error: null, interval_seconds: 900 });
    expect(ok.last_history_write_at).not.toBeNull();
    clock.advance(60_000);
    await tracker.record(twinState({ pantry: { status: 'degraded', error: 'down' } }));
    expect(tracker.info()).toMatchObject({ last_success_at: '2025-03-12T07:00:00.000Z', last_attempt_at: '2025-03-12T07:01:00.000Z', last_error: 'not recorded (degraded): pantry' });
  });

  it('never rejects when the history database is down, and says so', async () => {
    const deadUrl = new URL(dbs.twin);
    deadUrl.port = String(await freePort());
    const dead = new pg.Pool({ connectionString: deadUrl.toString(), connectionTimeoutMillis: 1000 });
    dead.on('error', () => {});
    const failures: unknown[] = [];
    const tracker = new SyncTracker(new HistoryStore(new TwinStore(dead).historyTable(), person()), fixedClock('2025-03-12T07:00:00Z'), 900, { onFailed: (e) => failures.push(e) });
    try {
      await expect(tracker.record(twinState())).resolves.toBeUndefined();
      await tracker.drain();
      expect(tracker.info().last_error).toMatch(/^history unavailable: history database unreachable \(connection refused/);
      expect(tracker.info().last_success_at).toBeNull();
      expect(failures).toHaveLength(1);
    } finally {
      await dead.end();
    }
  });
});
