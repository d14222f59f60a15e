// History with the privileges a careful user grants (no ownership of the table), and with a history
// database that is down when the bridge starts: it must keep working, or come back by itself, and say so.
import { Writable } from 'node:stream';
import pino from 'pino';
import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBridge } from '../../fixtures/bridge-server';
import { adminQuery, freshDatabases, type TestDatabases } from '../../fixtures/databases';
import { startTcpProxy } from '../../fixtures/tcp-proxy';

let dbs: TestDatabases;
const ROLE = `twin_reader_${Math.random().toString(36).slice(2, 8)}`;
const PASSWORD = 'reader-secret-1';

beforeAll(async () => {
  dbs = await freshDatabases();
  await adminQuery(`CREATE ROLE ${ROLE} LOGIN PASSWORD '${PASSWORD}'`);
  for (const db of Object.values(dbs.names)) {
    await adminQuery(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${ROLE}`, [], db);
    await adminQuery(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${ROLE}`, [], db);
  }
  await adminQuery(`GRANT INSERT ON digital_twin_updates TO ${ROLE}`, [], dbs.names.finance);
});
afterAll(async () => {
  await dbs?.drop();
  await adminQuery(`DROP ROLE IF EXISTS ${ROLE}`);
});

const asReader = (url: string) => {
  const u = new URL(url);
  u.username = ROLE;
  u.password = PASSWORD;
  return u.toString();
};

async function financeRows() {
  const { rows } = await adminQuery(`SELECT count(*)::int AS n FROM digital_twin_updates WHERE entity_type = 'finance'`, [], dbs.names.finance);
  return rows[0].n as number;
}

describe('history', () => {
  it('records and pages with SELECT and INSERT only, even when an index is missing and cannot be created', async () => {
    const reader = { ...dbs, finance: asReader(dbs.finance), training: asReader(dbs.training), pantry: asReader(dbs.pantry), twin: asReader(dbs.twin) };
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    const tb = await startTestBridge({ dbs: reader, logger: pino({ level: 'warn' }, sink) });
    try {
      // The user's table has no index but its key, and this role may not add one: said once, with the owner's statement.
      const index = await adminQuery(`SELECT to_regclass('digital_twin_updates_entity_created_idx') IS NOT NULL AS present`, [], dbs.names.finance);
      expect(index.rows[0].present).toBe(false);
      const told = lines.filter((l) => l.includes('digital_twin_updates_entity_created_idx could not be applied'));
      expect(told).toHaveLength(1);
      expect(told[0]).toContain("the table's owner can run: CREATE INDEX IF NOT EXISTS digital_twin_updates_entity_created_idx ON digital_twin_updates");
      await tb.bridge.sync.drain();
      expect(await financeRows()).toBe(1);
      const res = await fetch(`${tb.url}/history?entity=finance`);
      expect(res.status).toBe(200);
      expect((await res.json()).items).toHaveLength(1);
      const status = await (await fetch(`${tb.url}/status`)).json();
      expect(status.sync.last_error).toBeNull();
    } finally {
      await tb.close();
    }
  });

  it('comes back by itself when its database was down at start, saying meanwhile that it is unavailable', async () => {
    const proxy = await startTcpProxy(inject('postgres').port);
    proxy.setMode('refuse');
    const twin = dbs.twin.replace(`:${inject('postgres').port}/`, `:${proxy.port}/`);
    const tb = await startTestBridge({ dbs: { ...dbs, twin }, env: { TWIN_CACHE_MS: '0' } });
    try {
      await tb.bridge.sync.drain();
      const down = await (await fetch(`${tb.url}/status`)).json();
      expect(down.sync.last_error).toMatch(/^history unavailable: history database/);
      const page = await fetch(`${tb.url}/history`);
      expect(page.status).toBe(503);
      expect((await page.json()).report).toMatch(/^❌ Error: history is unavailable/);

      proxy.setMode('forward');
      await adminQuery(
        `INSERT INTO transactions (transaction_id, transaction_date, type, amount, merchant_source)
         VALUES ('T-BACK', (now() AT TIME ZONE 'Europe/Warsaw')::date, 'Income', 77.00, 'Test')`,
        [],
        dbs.names.finance,
      );
      let recovered = false;
      for (let i = 0; i < 100 && !recovered; i++) {
        await (await fetch(`${tb.url}/status`)).json();
        await tb.bridge.sync.drain();
        recovered = (await (await fetch(`${tb.url}/status`)).json()).sync.last_error === null;
        if (!recovered) await new Promise((r) => setTimeout(r, 200));
      }
      expect(recovered).toBe(true);
      const { rows } = await adminQuery(`SELECT count(*)::int AS n FROM digital_twin_updates WHERE (update_data->>'mtd_net')::numeric = 77`, [], dbs.names.finance);
      expect(rows[0].n).toBe(1);
    } finally {
      await tb.close();
      await proxy.close();
    }
  });
});
