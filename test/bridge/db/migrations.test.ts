// The store's migrations on a real PostgreSQL: in order, each once (also when two bridges start at
// once on one database), a second run changes nothing, a failure stops only what may build on it,
// a role without the right to record them still runs what it may, and a database that was down is
// migrated when it returns.
import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Migration } from '../../../bridge/db/migrations/migration';
import { MIGRATIONS } from '../../../bridge/db/migrations/migrations';
import { Migrator, StoreNotReadyError } from '../../../bridge/db/migrations/migrator';
import { blockingProblem, checkOrder, runMigrations } from '../../../bridge/db/migrations/run-migrations';
import { fixedClock } from '../../../bridge/time/clock';
import { adminQuery, databaseUrl, freshDatabases, poolFor, type TestDatabases } from '../../fixtures/databases';
import { startTcpProxy } from '../../fixtures/tcp-proxy';

const created: TestDatabases[] = [];
const empties: string[] = [];
const pools: pg.Pool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
  for (const d of created) await d.drop();
  for (const name of empties) await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});

/** A pool on a fresh copy of the user's finance database (where the history table lives). */
async function userFinance(): Promise<{ pool: pg.Pool; dbs: TestDatabases }> {
  const dbs = await freshDatabases();
  created.push(dbs);
  const pool = poolFor(dbs.twin);
  pools.push(pool);
  return { pool, dbs };
}

/** A pool on an empty database, for lists of the test's own. */
async function emptyDatabase(): Promise<pg.Pool> {
  const name = `t_mig_${crypto.randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  empties.push(name);
  const pool = poolFor(databaseUrl(name));
  pools.push(pool);
  return pool;
}

/** What the migrations made: relations, columns and index definitions of the bridge's schemas. */
async function layout(pool: pg.Pool): Promise<unknown[]> {
  const { rows } = await pool.query(`
    SELECT 'column' AS kind, table_schema || '.' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable AS what
    FROM information_schema.columns WHERE table_schema IN ('public', 'digital_twin_ledger') AND table_name <> 'digital_twin_migrations'
    UNION ALL
    SELECT 'index', schemaname || ' ' || indexdef FROM pg_indexes WHERE schemaname IN ('public', 'digital_twin_ledger') AND tablename <> 'digital_twin_migrations'
    ORDER BY 1, 2`);
  return rows;
}

const sql = (id: string, up: string, extra: Partial<Migration> = {}): Migration => ({ id, part: 'history', description: id, up, ...extra });

describe('the list of migrations', () => {
  it('is in order with each id once, and a list out of order is refused before anything runs', async () => {
    expect(() => checkOrder(MIGRATIONS)).not.toThrow();
    expect(new Set(MIGRATIONS.map((m) => m.id)).size).toBe(MIGRATIONS.length);
    const swapped = [MIGRATIONS[1], MIGRATIONS[0]];
    expect(() => checkOrder(swapped)).toThrow(/out of order: 0002-history-entity-index before 0001-history-table/);
    const pool = await emptyDatabase();
    await expect(runMigrations(pool, swapped)).rejects.toThrow(/out of order/);
    expect((await pool.query(`SELECT to_regclass('digital_twin_migrations') IS NULL AS none`)).rows[0].none).toBe(true);
  });
});

describe('runMigrations', () => {
  it('applies each migration once and in order; a second run, recorded or not, changes nothing', async () => {
    const { pool } = await userFinance();
    const first = await runMigrations(pool);
    expect(first).toMatchObject({ recorded: true, applied: MIGRATIONS.map((m) => m.id), earlier: [], pending: [] });
    const { rows } = await pool.query<{ id: string }>(`SELECT id FROM digital_twin_migrations ORDER BY applied_at, id`);
    expect(rows.map((r) => r.id)).toEqual(MIGRATIONS.map((m) => m.id));
    const made = await layout(pool);
    expect(made).toContainEqual({ kind: 'column', what: 'digital_twin_ledger.finance_month.fingerprint numeric NO' });
    expect(made.filter((r) => /digital_twin_updates_\w+_idx/.test(JSON.stringify(r)))).toHaveLength(3);

    expect(await runMigrations(pool)).toMatchObject({ applied: [], earlier: MIGRATIONS.map((m) => m.id), pending: [] });
    expect(await layout(pool)).toEqual(made);
    // Without its record every migration runs again over what is there, and nothing changes.
    await pool.query(`INSERT INTO digital_twin_ledger.meta (name, value) VALUES ('key', '{"timezone":"UTC"}')`);
    await pool.query('DROP TABLE digital_twin_migrations');
    expect((await runMigrations(pool)).applied).toEqual(MIGRATIONS.map((m) => m.id));
    expect(await layout(pool)).toEqual(made);
    expect((await pool.query(`SELECT value FROM digital_twin_ledger.meta`)).rows).toEqual([{ value: '{"timezone":"UTC"}' }]);
  });

  it('runs each migration once when two bridges start at once on one database', async () => {
    const a = await emptyDatabase();
    const b = poolFor(a.options.connectionString!);
    pools.push(b);
    const list = [
      sql('0001-runs', 'CREATE TABLE runs (id text)'),
      { id: '0002-slow', part: 'history', description: 'slow', up: async (c) => {
        await c.query(`SELECT pg_sleep(0.2)`);
        await c.query(`INSERT INTO runs VALUES ('0002')`);
      } } satisfies Migration,
      sql('0003-fast', `INSERT INTO runs VALUES ('0003')`),
    ];
    const reports = await Promise.all([a, b, a, b].map((pool) => runMigrations(pool, list)));
    expect(reports.flatMap((r) => r.applied).sort()).toEqual(['0001-runs', '0002-slow', '0003-fast']);
    expect(reports.every((r) => r.pending.length === 0)).toBe(true);
    expect((await a.query(`SELECT id FROM runs ORDER BY id`)).rows).toEqual([{ id: '0002' }, { id: '0003' }]);
  });

  it('stops at a required migration that fails, goes on past an optional one, and keeps nothing of either', async () => {
    const pool = await emptyDatabase();
    const list = [
      sql('0001-table', 'CREATE TABLE t (n int)'),
      sql('0002-index', 'CREATE INDEX t_half ON t (n); SELECT 1 / 0', { optional: true }),
      sql('0003-row', 'INSERT INTO t VALUES (3)'),
      sql('0004-broken', 'CREATE TABLE half (n int); SELECT * FROM missing_table'),
      { ...sql('0005-webhook', 'CREATE TABLE w (n int)'), part: 'webhook' as const },
    ];
    const report = await runMigrations(pool, list);
    expect(report.applied).toEqual(['0001-table', '0003-row']);
    expect(report.pending.map((p) => [p.id, p.optional, p.problem])).toEqual([
      ['0002-index', true, "0002-index could not be applied (division by zero); the table's owner can run: CREATE INDEX t_half ON t (n); SELECT 1 / 0"],
      ['0004-broken', false, '0004-broken could not be applied (relation "missing_table" does not exist)'],
      ['0005-webhook', false, 'waits for 0004-broken, which could not be applied'],
    ]);
    expect(blockingProblem(report, 'history')).toBe('migration 0004-broken: 0004-broken could not be applied (relation "missing_table" does not exist)');
    expect(blockingProblem(report, 'webhook')).toMatch(/^migration 0005-webhook: waits for 0004-broken/);
    expect(blockingProblem(report, 'ledger')).toBeNull();
    const { rows } = await pool.query(`SELECT to_regclass('t_half') AS i, to_regclass('half') AS h, to_regclass('w') AS w`);
    expect(rows[0]).toEqual({ i: null, h: null, w: null });
    // Fixed, the next run applies what was left, in order; the optional one is tried again.
    list[3] = sql('0004-broken', 'CREATE TABLE half (n int)');
    const next = await runMigrations(pool, list);
    expect(next.applied).toEqual(['0004-broken', '0005-webhook']);
    expect(next.pending.map((p) => p.id)).toEqual(['0002-index']);
  });

  it('with a role that may only read and add history, runs unrecorded what it may and says what each part lacks', async () => {
    const { dbs } = await userFinance();
    const role = `twin_writer_${crypto.randomBytes(3).toString('hex')}`;
    await adminQuery(`CREATE ROLE ${role} LOGIN PASSWORD 'writer-secret-1'`);
    try {
      await adminQuery(`GRANT SELECT, INSERT ON digital_twin_updates TO ${role}`, [], dbs.names.finance);
      const url = new URL(dbs.twin);
      url.username = role;
      url.password = 'writer-secret-1';
      const pool = poolFor(url.toString());
      try {
        const report = await runMigrations(pool);
        expect(report.recorded).toBe(false);
        expect(report.unrecorded).toMatch(/^digital_twin_migrations cannot be used \(permission denied for schema public\)/);
        expect(report.applied).toEqual(['0001-history-table']);
        expect(report.pending.find((p) => p.id === '0002-history-entity-index')).toMatchObject({
          optional: true,
          problem: expect.stringMatching(/must be owner of table digital_twin_updates\); the table's owner can run: CREATE INDEX IF NOT EXISTS digital_twin_updates_entity_created_idx/),
        });
        expect(blockingProblem(report, 'history')).toBeNull();
        expect(blockingProblem(report, 'webhook')).toMatch(/^migration 0004-webhook-tables: .*permission denied for schema public/);
        expect(blockingProblem(report, 'ledger')).toMatch(/^migration 0006-ledger-tables: waits for 0004-webhook-tables/);
        // Each part is answered for itself, also when asked again at once.
        const migrations = new Migrator(pool, { clock: fixedClock('2026-03-01T10:00:00Z') });
        await expect(migrations.ready('history')).resolves.toBeUndefined();
        await expect(migrations.ready('webhook')).rejects.toThrow(StoreNotReadyError);
        await expect(migrations.ready('ledger')).rejects.toThrow(/^migration 0006-ledger-tables: waits for 0004-webhook-tables/);
        await expect(migrations.ready('webhook')).rejects.toThrow(/^migration 0004-webhook-tables: /);
      } finally {
        await pool.end();
      }
    } finally {
      await adminQuery(`DROP OWNED BY ${role}`, [], dbs.names.finance);
      await adminQuery(`DROP ROLE ${role}`);
    }
  });
});

describe('Migrator', () => {
  it('migrates a database that was down when it returns, asking it at most every few seconds', async () => {
    const { dbs } = await userFinance();
    const proxy = await startTcpProxy(inject('postgres').port);
    const pool = new pg.Pool({ connectionString: dbs.twin.replace(`:${inject('postgres').port}/`, `:${proxy.port}/`), connectionTimeoutMillis: 2000 });
    pool.on('error', () => {});
    const clock = fixedClock('2026-03-01T10:00:00Z');
    const migrations = new Migrator(pool, { clock });
    try {
      proxy.setMode('refuse');
      await expect(migrations.ready('history')).rejects.toThrow();
      proxy.setMode('forward');
      // Asked again at once: the last failure stands, the database is not asked.
      await expect(migrations.ready('history')).rejects.toThrow();
      clock.advance(5000);
      await expect(migrations.ready('history')).resolves.toBeUndefined();
      expect((await pool.query(`SELECT count(*)::int AS n FROM digital_twin_migrations`)).rows[0].n).toBe(MIGRATIONS.length);
    } finally {
      await pool.end();
      await proxy.close();
    }
  });
});
