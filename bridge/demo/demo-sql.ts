// The two database helpers the demo writers share: a transaction guarded by an advisory lock (two
// bridges starting at once must not both seed), and batched multi-row inserts through unnest().
import type pg from 'pg';

export async function inLockedTransaction<T>(pool: pg.Pool, lock: string, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lock]);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/**
 * Collects rows and inserts them `batchSize` at a time with one
 * `INSERT … SELECT * FROM unnest($1::type[], …)` per batch: one round trip per batch, whatever the row count.
 * Table and column names are constants of the calling code; values always travel as parameters.
 */
export class BulkInsert {
  private readonly buffers: unknown[][];
  private readonly sql: string;
  inserted = 0;

  constructor(
    private readonly client: pg.PoolClient,
    table: string,
    columns: readonly (readonly [name: string, type: string])[],
    private readonly batchSize = 20_000,
    suffix = 'ON CONFLICT DO NOTHING',
  ) {
    this.buffers = columns.map(() => []);
    const names = columns.map(([n]) => n).join(', ');
    const arrays = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
    this.sql = `INSERT INTO ${table} (${names}) SELECT * FROM unnest(${arrays}) ${suffix}`;
  }

  async add(...row: unknown[]): Promise<void> {
    row.forEach((v, i) => this.buffers[i].push(v));
    if (this.buffers[0].length >= this.batchSize) await this.flush();
  }

  async flush(): Promise<number> {
    if (this.buffers[0].length > 0) {
      const result = await this.client.query(this.sql, this.buffers);
      this.inserted += result.rowCount ?? 0;
      for (const b of this.buffers) b.length = 0;
    }
    return this.inserted;
  }
}

/** Cents as the numeric text PostgreSQL parses exactly. */
export function centsToNumeric(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
