// Two bridges over one database, asked at the same moment: each transition is written once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestBridge, type TestBridge } from '../../fixtures/bridge-server';
import { adminQuery, freshDatabases, type TestDatabases } from '../../fixtures/databases';

let dbs: TestDatabases;
let a: TestBridge;
let b: TestBridge;
beforeAll(async () => {
  dbs = await freshDatabases();
  a = await startTestBridge({ dbs, env: { TWIN_CACHE_MS: '0' } });
  b = await startTestBridge({ dbs, env: { TWIN_CACHE_MS: '0' } });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await dbs?.drop();
});

it('writes each transition once under concurrent requests to both', async () => {
  await Promise.all([a.bridge.sync.drain(), b.bridge.sync.drain()]);
  await adminQuery(
    `INSERT INTO transactions (transaction_id, transaction_date, type, amount, merchant_source)
     VALUES ('T-TWO', (now() AT TIME ZONE 'Europe/Warsaw')::date, 'Expense', 10.00, 'Test')`,
    [],
    dbs.names.finance,
  );
  const requests = Array.from({ length: 20 }, (_, i) => fetch(`${(i % 2 ? a : b).url}/status`).then((r) => r.json()));
  const answers = await Promise.all(requests);
  expect(answers.every((s) => s.state.finance.mtd_net === -10)).toBe(true);
  await Promise.all([a.bridge.sync.drain(), b.bridge.sync.drain()]);
  const { rows } = await adminQuery(
    `SELECT count(*)::int AS n FROM digital_twin_updates WHERE entity_type = 'finance' AND (update_data->>'mtd_net')::numeric = -10`,
    [],
    dbs.names.finance,
  );
  expect(rows[0].n).toBe(1);
});
