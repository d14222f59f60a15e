// Connection pools, one per source. Every connection starts in the configured time zone and with
// a statement timeout, so no query can outlive the request that asked for it.
import pg from 'pg';

export type Queryable = Pick<pg.Pool, 'query'>;

export interface PoolOptions {
  name: string;
  timezone: string;
  max: number;
  /** Server-side limit of one statement; the client gives up a little later. */
  statementTimeoutMs: number;
  connectTimeoutMs?: number;
}

// DATE columns stay 'YYYY-MM-DD' strings: turning them into JS Dates would shift them by the
// process's UTC offset.
const DATE_OID = 1082;
type TypeFormat = Parameters<typeof pg.types.getTypeParser>[1];
const types: pg.CustomTypesConfig = {
  getTypeParser(oid: number, format?: TypeFormat): unknown {
    if (oid === DATE_OID) return (value: string) => value;
    return pg.types.getTypeParser(oid, format);
  },
};

function quoteOption(value: string): string {
  // libpq startup options: spaces and backslashes are escaped with a backslash.
  return value.replace(/\\/g, '\\\\').replace(/ /g, '\\ ');
}

export function createPool(url: string, o: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: o.max,
    application_name: `digital-twin:${o.name}`,
    options: `-c TimeZone=${quoteOption(o.timezone)} -c statement_timeout=${o.statementTimeoutMs}`,
    query_timeout: o.statementTimeoutMs + 500,
    connectionTimeoutMillis: o.connectTimeoutMs ?? Math.min(o.statementTimeoutMs, 3000),
    // An idle connection is a server process: closed after 30 s unused. The pools hand out the most
    // recently used one first, so a burst's extras go while a steady beat keeps one.
    idleTimeoutMillis: 30_000,
    // One-shot commands (doctor, key) exit when their work is done instead of waiting for the timeout.
    allowExitOnIdle: true,
    keepAlive: true,
    types,
  });
  // A connection that loses its server (a restart, a kill, pg_terminate_backend) says so as an 'error'
  // event. An idle one is reported here by the pool; one handed out and between two statements has no
  // listener of the pool's, and an event nobody hears ends the process. So every connection keeps one
  // listener of its own for its whole life: the holder's next statement fails with the reason, and the
  // pool discards the connection when it comes back unusable.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

/** The cheapest round trip: is the database there and answering? */
export async function ping(db: Queryable): Promise<void> {
  await db.query('SELECT 1');
}

/** Numbers from numeric columns (node-postgres returns numeric as text). */
export function num(value: unknown): number {
  return value === null || value === undefined ? Number.NaN : Number(value);
}

export function numOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}
