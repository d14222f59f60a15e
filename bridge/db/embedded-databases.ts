// The three databases on the embedded server: created when missing, schemas applied (idempotent),
// demo data seeded on first start and kept current on later ones.
import pg from 'pg';
import { FINANCE_SCHEMA } from './schema/finance';
import { PANTRY_SCHEMA } from './schema/pantry';
import { TRAINING_SCHEMA } from './schema/training';
import { TWIN_UPDATES_TABLE } from './schema/twin-updates';
import type { EmbeddedServer } from './embedded-postgres';

export const DATABASE_NAMES = {
  finance: 'autonomous_finance',
  training: 'autonomous_training',
  pantry: 'autonomous_pantry',
} as const;

// The user's schemas, as TypeScript strings (bridge/db/schema/), not .sql files read at run time,
// so the bridge finds them the same way under tsx, vitest and its bundle. The finance database
// holds their digital_twin_updates; what the bridge adds to it comes from its migrations
// (bridge/db/migrations/), on the embedded server as on the user's.
export const SCHEMAS: Record<keyof typeof DATABASE_NAMES, string[]> = {
  finance: [FINANCE_SCHEMA, TWIN_UPDATES_TABLE],
  training: [TRAINING_SCHEMA],
  pantry: [PANTRY_SCHEMA],
};

export async function withClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  // A server that goes away between two statements fails the next one instead of ending the process.
  client.on('error', () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates the database when missing and applies its schema statements. */
export async function prepareDatabase(server: Pick<EmbeddedServer, 'url'>, name: string, schemas: string[]): Promise<void> {
  await withClient(server.url('postgres'), async (c) => {
    const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`);
  });
  await withClient(server.url(name), async (c) => {
    // Two bridges starting at once on one server must not apply DDL concurrently.
    await c.query('SELECT pg_advisory_lock(hashtext($1))', ['digital-twin-schema']);
    try {
      for (const sql of schemas) await c.query(sql);
    } finally {
      await c.query('SELECT pg_advisory_unlock(hashtext($1))', ['digital-twin-schema']);
    }
  });
}

export async function prepareEmbeddedDatabases(server: Pick<EmbeddedServer, 'url'>): Promise<Record<keyof typeof DATABASE_NAMES, string>> {
  await Promise.all(
    (Object.keys(DATABASE_NAMES) as (keyof typeof DATABASE_NAMES)[]).map((k) => prepareDatabase(server, DATABASE_NAMES[k], SCHEMAS[k])),
  );
  return {
    finance: server.url(DATABASE_NAMES.finance),
    training: server.url(DATABASE_NAMES.training),
    pantry: server.url(DATABASE_NAMES.pantry),
  };
}
