// What one migration of the twin's own store is: an id that orders it, the part of the store it
// belongs to, and its SQL (or a function for what SQL alone cannot decide). Every migration is
// idempotent: an installation made before migrations existed (or a role that cannot record them)
// runs them over objects that are already there, and nothing may change or be lost.
import type pg from 'pg';

/** What each part of the bridge needs of its store: history, the webhook's outbox, the ledger. */
export const STORE_PARTS = ['history', 'webhook', 'ledger'] as const;
export type StorePart = (typeof STORE_PARTS)[number];

/** The one connection a run holds, with the migrations' own time limit. */
export interface MigrationClient {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

export interface Migration {
  /** Ordered as text: '0001-…', '0002-…'. Never renamed once released. */
  id: string;
  part: StorePart;
  /** What it makes, as a log line names it. */
  description: string;
  /**
   * Not needed for its part to work (an index on the user's table needs the table's owner): when it
   * cannot be applied it is reported with `sql` for the owner, the next migrations still run, and
   * it is tried again at the next start.
   */
  optional?: boolean;
  /** Whether what it makes is there already: then nothing is run, so it needs no right to create. */
  present?: (c: MigrationClient) => Promise<boolean>;
  /** Statements, or a function for a migration that must look before it changes anything. */
  up: string | ((c: MigrationClient) => Promise<void>);
}

/** Whether a relation (table, index) of this name is visible on the search path. */
export async function relationExists(c: MigrationClient, name: string): Promise<boolean> {
  const { rows } = await c.query<{ present: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS present`, [name]);
  return rows[0]?.present === true;
}

/** An index the reads rely on, on a table that may be the user's: optional, and skipped when present. */
export function indexMigration(id: string, part: StorePart, name: string, sql: string): Migration {
  return { id, part, description: `index ${name}`, optional: true, present: (c) => relationExists(c, name), up: sql };
}
