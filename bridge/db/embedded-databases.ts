// The three databases on the embedded server: created when missing, schemas applied (idempotent),
// demo data seeded on first start and kept current on later ones.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { EmbeddedServer } from './embedded-postgres';

export const DATABASE_NAMES = {
  finance: 'autonomous_finance',
  training: 'autonomous_training',
  pantry: 'autonomous_pantry',
} as const;

const schemaFile = (name: string) => fs.readFileSync(fileURLToPath(new URL(`./schema/${name}`, import.meta.url)), 'utf8');

export const SCHEMA_FILES: Record<keyof typeof DATABASE_NAMES, string[]> = {
  finance: ['finance.sql', 'twin-updates.sql', 'twin-updates-indexes.sql'],
  training: ['training.sql'],
  pantry: ['pantry.sql'],
};

export async function withClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates the database when missing and applies its schema files. */
export async function prepareDatabase(server: Pick<EmbeddedServer, 'url'>, name: string, files: string[]): Promise<void> {
  await withClient(server.url('postgres'), async (c) => {
    const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`);
  });
  await withClient(server.url(name), async (c) => {
    // Two bridges starting at once on one server must not apply DDL concurrently.
    await c.query('SELECT pg_advisory_lock(hashtext($1))', ['digital-twin-schema']);
    try {
      for (const file of files) await c.query(schemaFile(file));
    } finally {
      await c.query('SELECT pg_advisory_unlock(hashtext($1))', ['digital-twin-schema']);
    }
  });
}

export async function prepareEmbeddedDatabases(server: Pick<EmbeddedServer, 'url'>): Promise<Record<keyof typeof DATABASE_NAMES, string>> {
  await Promise.all(
    (Object.keys(DATABASE_NAMES) as (keyof typeof DATABASE_NAMES)[]).map((k) => prepareDatabase(server, DATABASE_NAMES[k], SCHEMA_FILES[k])),
  );
  return {
    finance: server.url(DATABASE_NAMES.finance),
    training: server.url(DATABASE_NAMES.training),
    pantry: server.url(DATABASE_NAMES.pantry),
  };
}
