// One run of the store's migrations: under an advisory lock (two bridges sharing a database never
// run one twice), the applied ids are read from digital_twin_migrations, and each pending migration
// is applied and recorded in one transaction, in order. A required migration that fails stops the
// run (what follows may build on it); an optional one is reported and the run goes on. A role that
// may not create or read the table still runs them (each is idempotent), unrecorded.
import type pg from 'pg';
import { MIGRATIONS } from './migrations';
import type { Migration, MigrationClient, StorePart } from './migration';

export interface PendingMigration {
  id: string;
  part: StorePart;
  optional: boolean;
  /** Why it is not applied, for the log and the doctor. */
  problem: string;
}

export interface MigrationReport {
  /** false when digital_twin_migrations could not be created or read; `unrecorded` says why. */
  recorded: boolean;
  unrecorded: string | null;
  /** Applied by this run. */
  applied: string[];
  /** Applied before, as recorded. */
  earlier: string[];
  /** Not applied: failed, or waiting for a required one that failed. */
  pending: PendingMigration[];
}

// An index on a large table may take a while; a start waits for it once.
export const MIGRATION_TIMEOUT_MS = 300_000;
const INSUFFICIENT_PRIVILEGE = '42501';

const LOCK_SQL = `SELECT pg_advisory_lock(hashtext('digital_twin'), hashtext('migrations'))`;
const UNLOCK_SQL = `SELECT pg_advisory_unlock(hashtext('digital_twin'), hashtext('migrations'))`;
const TABLE_PRESENT_SQL = `SELECT to_regclass('digital_twin_migrations') IS NOT NULL AS present`;
const TABLE_SQL = `
  CREATE TABLE digital_twin_migrations (
    id text PRIMARY KEY,
    description text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT clock_timestamp()
  )`;
const APPLIED_SQL = `SELECT id FROM digital_twin_migrations`;
const RECORD_SQL = `INSERT INTO digital_twin_migrations (id, description) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING`;

/** The ids must rise strictly: the order of the list is the order of the database's history. */
export function checkOrder(list: readonly Migration[]): void {
  list.forEach((m, i) => {
    if (i > 0 && list[i - 1].id >= m.id) throw new Error(`migrations out of order: ${list[i - 1].id} before ${m.id}`);
  });
}

/** The part's first required migration that is not applied, and why; null when the part is ready. */
export function blockingProblem(report: MigrationReport, part: StorePart): string | null {
  const p = report.pending.find((m) => m.part === part && !m.optional);
  return p ? `migration ${p.id}: ${p.problem}` : null;
}

export async function runMigrations(db: pg.Pool, list: readonly Migration[] = MIGRATIONS): Promise<MigrationReport> {
  checkOrder(list);
  const client = await db.connect();
  client.on('error', () => {});
  const c: MigrationClient = {
    query: (text, values) => client.query({ text, values, query_timeout: MIGRATION_TIMEOUT_MS + 1000 } as pg.QueryConfig),
  };
  try {
    await c.query(`SELECT set_config('statement_timeout', $1, false)`, [String(MIGRATION_TIMEOUT_MS)]);
    await c.query(LOCK_SQL);
    try {
      return await applyPending(c, list);
    } finally {
      // On a lost connection the server has dropped the lock with the session already.
      await c.query(UNLOCK_SQL).catch(() => {});
    }
  } finally {
    // Closed, not pooled: its lock and time limit must not reach the next user of the connection.
    client.release(true);
  }
}

async function applyPending(c: MigrationClient, list: readonly Migration[]): Promise<MigrationReport> {
  const book = await readBook(c);
  const report: MigrationReport = { recorded: book.recorded, unrecorded: book.unrecorded, applied: [], earlier: [], pending: [] };
  let blocker: PendingMigration | null = null;
  for (const m of list) {
    if (book.applied.has(m.id)) {
      report.earlier.push(m.id);
    } else if (blocker) {
      report.pending.push({ id: m.id, part: m.part, optional: m.optional === true, problem: `waits for ${blocker.id}, which could not be applied` });
    } else {
      const failure = await applyOne(c, m, book.recorded);
      if (failure === null) {
        report.applied.push(m.id);
        continue;
      }
      const pending = { id: m.id, part: m.part, optional: m.optional === true, problem: failure };
      report.pending.push(pending);
      if (!pending.optional) blocker = pending;
    }
  }
  return report;
}

/** The applied ids; a role without the right to create or read the table runs unrecorded. */
async function readBook(c: MigrationClient): Promise<{ recorded: boolean; unrecorded: string | null; applied: Set<string> }> {
  try {
    if (!(await c.query<{ present: boolean }>(TABLE_PRESENT_SQL)).rows[0].present) await c.query(TABLE_SQL);
    const { rows } = await c.query<{ id: string }>(APPLIED_SQL);
    return { recorded: true, unrecorded: null, applied: new Set(rows.map((r) => r.id)) };
  } catch (err) {
    if ((err as { code?: string }).code !== INSUFFICIENT_PRIVILEGE) throw err;
    return { recorded: false, unrecorded: `digital_twin_migrations cannot be used (${(err as Error).message})`, applied: new Set() };
  }
}

/** Applies one migration in its own transaction; returns why it could not be, or null. */
async function applyOne(c: MigrationClient, m: Migration, recorded: boolean): Promise<string | null> {
  await c.query('BEGIN');
  try {
    if (!(await m.present?.(c))) {
      if (typeof m.up === 'string') await c.query(m.up);
      else await m.up(c);
    }
    if (recorded) await c.query(RECORD_SQL, [m.id, m.description]);
    await c.query('COMMIT');
    return null;
  } catch (err) {
    // A ROLLBACK that fails too means the connection is gone: that ends the run, it is not this migration's fault.
    await c.query('ROLLBACK');
    const owner = m.optional && typeof m.up === 'string' ? `; the table's owner can run: ${m.up}` : '';
    return `${m.description} could not be applied (${(err as Error).message})${owner}`;
  }
}
