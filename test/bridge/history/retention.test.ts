// History retention against a real PostgreSQL: only the bridge's own rows (g04_engine, this
// person) older than N days go, in batches; other systems' rows, other people's rows and each
// entity's newest row stay; with no retention set nothing is ever deleted.
import crypto from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteExpiredHistory, retentionCutoff } from '../../../bridge/history/retention';
import { TwinStore } from '../../../bridge/store/twin-store';
import { startTestBridge } from '../../fixtures/bridge-server';
import { freshDatabases, poolFor, type TestDatabases } from '../../fixtures/databases';
import { waitUntil } from '../embedded/bridge-process';
import { insertRows, type RowSpec } from './history-rows';

let dbs: TestDatabases;
let pool: pg.Pool;
let store: TwinStore;
beforeAll(async () => {
  dbs = await freshDatabases();
  pool = poolFor(dbs.twin);
  store = new TwinStore(pool);
  await store.migrations.ready('history');
});
afterAll(async () => {
  await pool?.end();
  await dbs?.drop();
});

const NOW = new Date('2026-12-01T10:00:00Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();

async function remaining(personId: string) {
  const { rows } = await pool.query(
    `SELECT entity_type, source_system, created_at FROM digital_twin_updates WHERE entity_id = $1::uuid ORDER BY created_at`,
    [personId],
  );
  return rows.map((r) => `${r.entity_type}/${r.source_system}/${new Date(r.created_at).toISOString().slice(0, 10)}`);
}

describe('deleteExpiredHistory', () => {
  it('deletes only the bridge rows past the cutoff, batch by batch, keeping each newest row', async () => {
    const person = crypto.randomUUID();
    const other = crypto.randomUUID();
    const old: RowSpec[] = Array.from({ length: 23 }, (_, i) => ({ entity: ['finance', 'health', 'pantry'][i % 3], at: daysAgo(400 - i) }));
    await insertRows(pool, person, [
      ...old,
      { entity: 'finance', at: daysAgo(10) },
      { entity: 'health', at: daysAgo(364) },
      { entity: 'goal', at: daysAgo(500), source: 'n8n_router' },
      { entity: 'finance', at: daysAgo(450), source: 'sheet_import' },
      // The newest pantry row is old: it stays, or the next unchanged state would look like a transition.
      { entity: 'pantry', at: daysAgo(380) },
    ]);
    await insertRows(pool, other, [{ entity: 'finance', at: daysAgo(900) }]);

    const deleted = await deleteExpiredHistory(store.history, { personId: person, days: 365, now: NOW, batchSize: 4 });

    expect(deleted).toBe(23);
    expect(await remaining(person)).toEqual([
      `finance/sheet_import/${daysAgo(450).slice(0, 10)}`,
      `goal/n8n_router/${daysAgo(500).slice(0, 10)}`,
      `pantry/g04_engine/${daysAgo(380).slice(0, 10)}`,
      `health/g04_engine/${daysAgo(364).slice(0, 10)}`,
      `finance/g04_engine/${daysAgo(10).slice(0, 10)}`,
    ].sort((a, b) => a.split('/')[2].localeCompare(b.split('/')[2])));
    expect(await remaining(other)).toHaveLength(1);
    // A second run finds nothing more.
    expect(await deleteExpiredHistory(store.history, { personId: person, days: 365, now: NOW, batchSize: 4 })).toBe(0);
  });

  it('counts days back from the clock it is given', () => {
    expect(retentionCutoff(NOW, 30).toISOString()).toBe('2026-11-01T10:00:00.000Z');
  });
});

describe('retention in the periodic sync', () => {
  async function bridgeWith(env: Record<string, string>, person: string) {
    await insertRows(pool, person, [
      { entity: 'finance', at: '2020-01-01T00:00:00Z' },
      { entity: 'finance', at: '2020-01-02T00:00:00Z' },
      { entity: 'goal', at: '2020-01-01T00:00:00Z', source: 'n8n_router' },
    ]);
    return startTestBridge({ dbs, env: { TWIN_PERSON_ID: person, TWIN_SYNC_INTERVAL_SECONDS: '1', ...env } });
  }

  it('deletes old bridge rows when TWIN_HISTORY_RETENTION_DAYS is set', async () => {
    const person = crypto.randomUUID();
    const tb = await bridgeWith({ TWIN_HISTORY_RETENTION_DAYS: '30' }, person);
    try {
      // The bridge's own first rows (now) are the newest, so both 2020 finance rows are past it.
      const gone = await waitUntil(async () => !(await remaining(person)).some((r) => r.startsWith('finance/g04_engine/2020')), 15_000);
      expect(gone).toBe(true);
      expect(await remaining(person)).toContain('goal/n8n_router/2020-01-01');
    } finally {
      await tb.bridge.close();
    }
  });

  it('keeps everything when it is not set', async () => {
    const person = crypto.randomUUID();
    const tb = await bridgeWith({}, person);
    try {
      // Two periodic syncs later (each one a new attempt time), the old rows are still there.
      const attempts = new Set<string | null>();
      const synced = await waitUntil(() => attempts.add(tb.bridge.sync.info().last_attempt_at).size >= 3, 15_000);
      expect(synced).toBe(true);
      expect((await remaining(person)).filter((r) => r.includes('/2020-'))).toHaveLength(3);
    } finally {
      await tb.bridge.close();
    }
  });
});
