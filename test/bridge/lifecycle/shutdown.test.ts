// Shutdown: in-flight requests finish, queued history writes land, pools close.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startTestBridge } from '../../fixtures/bridge-server';
import { adminQuery, poolFor } from '../../fixtures/databases';

async function financeRows(url: string) {
  const pool = poolFor(url);
  try {
    return (await pool.query(`SELECT update_data FROM digital_twin_updates WHERE entity_type = 'finance' ORDER BY created_at`)).rows;
  } finally {
    await pool.end();
  }
}

describe('shutdown', () => {
  it('finishes a request in flight and writes the transition it computed', async () => {
    const tb = await startTestBridge({ env: { TWIN_CACHE_MS: '0' } });
    await tb.bridge.sync.drain();
    const before = await financeRows(tb.dbs.finance);
    // Hold the transactions table so that the next /status waits inside the finance query.
    const locker = new pg.Client({ connectionString: tb.dbs.finance });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query(`INSERT INTO transactions (transaction_id, transaction_date, type, amount, merchant_source)
                        VALUES ('T-SHUT', (now() AT TIME ZONE 'Europe/Warsaw')::date, 'Income', 123.45, 'Test')`);
    await locker.query('LOCK TABLE transactions IN ACCESS EXCLUSIVE MODE');
    const inflight = fetch(`${tb.url}/status`).then(async (r) => ({ status: r.status, body: await r.json() }));
    // Wait until the bridge's query is blocked on the lock, then ask it to stop.
    for (let i = 0; i < 100; i++) {
      const { rows } = await adminQuery(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'`, [tb.dbs.names.finance]);
      if (rows[0].n > 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const closing = tb.bridge.close();
    await locker.query('COMMIT');
    await locker.end();
    const answer = await inflight;
    await closing;
    expect(answer.status).toBe(200);
    expect(answer.body.state.finance.mtd_net).toBe(123.45);
    // The transition computed by that last request is in the table after close() returned.
    const after = await financeRows(tb.dbs.finance);
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1).update_data.mtd_net).toBe(123.45);
    // And the server no longer accepts connections.
    await expect(fetch(`${tb.url}/health/live`)).rejects.toThrow();
    await tb.dbs.drop();
  });
});
