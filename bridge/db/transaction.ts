// One transaction on one pooled connection: BEGIN, the work, COMMIT; ROLLBACK when the work throws.
// A connection lost between two statements is reported by pg as an 'error' event on the client,
// not as a rejected query; unheard, that event would end the process. Such a connection (or one
// whose ROLLBACK failed) is closed rather than handed to the next caller.
import type pg from 'pg';

export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  const onError = () => {
    broken = true;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw err;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
