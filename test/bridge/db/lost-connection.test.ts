// A connection that loses its server while a caller holds it between two statements: the process
// lives on (an 'error' event nobody hears would end it), the holder's next statement fails, and the
// pool hands out a working connection afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createPool } from '../../../bridge/db/pools';
import { adminQuery, freshDatabases, type TestDatabases } from '../../fixtures/databases';

let dbs: TestDatabases;
let pool: pg.Pool;

beforeAll(async () => {
  dbs = await freshDatabases();
  pool = createPool(dbs.pantry, { name: 'lost-connection', timezone: 'UTC', max: 2, statementTimeoutMs: 5000, connectTimeoutMs: 5000 });
});

afterAll(async () => {
  await pool.end();
  await dbs.drop();
});

async function terminated(client: pg.PoolClient): Promise<void> {
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  // Its end, not its error, is awaited: a listener of the test's own would hear the error for the pool.
  const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
  await adminQuery('SELECT pg_terminate_backend($1)', [rows[0].pid]);
  await ended;
}

describe('a pooled connection whose server goes away', () => {
  it('does not end the process when it is held between two statements', async () => {
    const client = await pool.connect();
    await terminated(client);
    await expect(client.query('SELECT 1')).rejects.toThrow();
    client.release();
    const { rows } = await pool.query<{ one: number }>('SELECT 1 AS one');
    expect(rows[0].one).toBe(1);
  });
});
