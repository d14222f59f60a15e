// History retention in a running bridge over a real PostgreSQL: with TWIN_HISTORY_RETENTION_DAYS set,
// the periodic sync deletes the bridge's old rows; without it nothing is ever deleted. The policy
// itself (which rows go) is in retention.test.ts.
import crypto from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TwinStore } from '../../../bridge/store/twin-store';
import { startTestBridge } from '../../fixtures/bridge-server';
import { freshDatabases, poolFor, type TestDatabases } from '../../fixtures/databases';
import { waitUntil } from '../embedded/bridge-process';
import { insertRows } from './history-rows';

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


async function remaining(personId: string) {
  const { rows } = await pool.query(
    `SELECT entity_type, source_system, created_at FROM digital_twin_updates WHERE entity_id = $1::uuid ORDER BY created_at`,
    [personId],
  );
  return rows.map((r) => `${r.entity_type}/${r.source_system}/${new Date(r.created_at).toISOString().slice(0, 10)}`);
}

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
