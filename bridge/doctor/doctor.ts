// `digital-twin doctor`: checks each source the way the bridge will use it and prints a table.
// Like a start, it applies the store's pending migrations to the history database first, and says
// what could not be applied and why. Exit code 0 when everything the bridge needs is there, 1 otherwise.
import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import type pg from 'pg';
import type { Config, SourceName } from '../config/config';
import { DATABASE_NAMES } from '../db/embedded-databases';
import { EMBEDDED_USER, portFree } from '../db/embedded-postgres';
import { runMigrations } from '../db/migrations/run-migrations';
import { createPool, type Queryable } from '../db/pools';
import { describeSourceError } from '../engine/source-error';

export interface Check {
  source: string;
  check: string;
  ok: boolean;
  detail: string;
}

type Judged = { ok: boolean; detail: string };

/** One check: a query whose (first) row is typed by the check that reads it. */
interface Probe {
  check: string;
  run(db: Queryable): Promise<Judged>;
}

function probe<R extends pg.QueryResultRow>(check: string, sql: string, judge: (row: R | undefined) => Judged, params: unknown[] = []): Probe {
  return { check, run: async (db) => judge((await db.query<R>(sql, params)).rows[0]) };
}

type Presence = { present: boolean };
type Counted = { n: number | string; newest: string | null };

const present = (row: Presence | undefined) => row?.present === true;

/** Informational: always ok, the detail says what was found. */
function info<R extends pg.QueryResultRow>(check: string, sql: string, describe: (row: R) => string, params: unknown[] = []): Probe {
  return probe<R>(check, sql, (row) => ({ ok: true, detail: row ? describe(row) : 'no answer' }), params);
}

const relation = (name: string): Probe =>
  probe<Presence>(name, `SELECT to_regclass($1) IS NOT NULL AS present`, (row) => ({ ok: present(row), detail: present(row) ? 'present' : `${name} missing` }), [name]);

const optional = (check: string, sql: string, absent: string): Probe =>
  probe<Presence>(check, sql, (row) => ({ ok: true, detail: present(row) ? 'present' : absent }));

const rowsAndNewest = (row: Counted) => `${row.n} rows, newest ${row.newest ?? 'none'}`;

function probes(config: Config): Record<SourceName | 'twin', Probe[]> {
  return {
    finance: [
      relation('transactions'),
      relation('budgets'),
      relation('categories'),
      optional(
        'get_current_budget_alerts()',
        `SELECT to_regproc('get_current_budget_alerts') IS NOT NULL AS present`,
        'absent (the bridge computes the same rules itself)',
      ),
      info<Counted>('transactions', `SELECT count(*)::bigint AS n, max(transaction_date)::text AS newest FROM transactions`, rowsAndNewest),
      info<{ n: number }>(
        'budgets this month',
        `SELECT count(*)::int AS n FROM budgets WHERE budget_year = extract(year FROM current_date) AND budget_month = extract(month FROM current_date) AND is_active`,
        (row) => `${row.n} active`,
      ),
    ],
    training: [
      relation('measurements'),
      relation('workouts'),
      relation('v_body_composition'),
      info<Counted>('measurements', `SELECT count(*)::int AS n, max(measurement_date)::text AS newest FROM measurements`, rowsAndNewest),
      info<Counted>('workouts', `SELECT count(*)::int AS n, max(workout_date)::text AS newest FROM workouts`, rowsAndNewest),
    ],
    pantry: [
      relation('pantry_inventory'),
      info<{ by_location: boolean }>(
        'layout',
        `SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'pantry_inventory' AND column_name = 'location') AS by_location`,
        (row) => (row.by_location ? 'with location (stock summed per product)' : 'one row per product'),
      ),
      info<{ n: number; tracked: number; newest: string | null }>(
        'products',
        `SELECT count(*)::int AS n, count(critical_threshold)::int AS tracked, max(updated_at)::text AS newest FROM pantry_inventory`,
        (row) => `${row.n} rows, ${row.tracked} with a threshold, last update ${row.newest ?? 'none'}`,
      ),
    ],
    twin: [
      relation('digital_twin_updates'),
      info<Counted>(
        'history rows',
        `SELECT count(*)::bigint AS n, max(created_at)::text AS newest FROM digital_twin_updates WHERE entity_id = $1::uuid`,
        (row) => `${row.n} rows for ${config.personId}, newest ${row.newest ?? 'none'}`,
        [config.personId],
      ),
      optional(
        'ledger of closed months',
        `SELECT to_regclass('digital_twin_ledger.finance_month') IS NOT NULL AS present`,
        'its tables are missing (see the migrations above): every figure is read directly',
      ),
      optional(
        'right to create the ledger',
        `SELECT has_database_privilege(current_database(), 'CREATE') AS present`,
        'no CREATE on this database: without the ledger every figure is read directly',
      ),
    ],
  };
}

function embeddedUrls(config: Config): Record<SourceName | 'twin', string> | string {
  const file = path.join(config.embedded.dataDir, 'pg-password');
  if (!fs.existsSync(file)) return `no embedded database in ${config.embedded.dataDir} yet (run the bridge once)`;
  const password = encodeURIComponent(fs.readFileSync(file, 'utf8').trim());
  const url = (db: string) => `postgres://${EMBEDDED_USER}:${password}@127.0.0.1:${config.embedded.port}/${db}`;
  return { finance: url(DATABASE_NAMES.finance), training: url(DATABASE_NAMES.training), pantry: url(DATABASE_NAMES.pantry), twin: url(DATABASE_NAMES.finance) };
}

/** The store's migrations, as a start applies them: one line for the whole, one for each not applied. */
async function migrationChecks(pool: pg.Pool): Promise<Omit<Check, 'source'>[]> {
  const report = await runMigrations(pool);
  const done = report.applied.length + report.earlier.length;
  const now = report.applied.length > 0 ? `, ${report.applied.length} of them now` : '';
  const unrecorded = report.recorded ? '' : `; not recorded: ${report.unrecorded}`;
  const required = report.pending.filter((p) => !p.optional);
  return [
    { check: 'migrations', ok: required.length === 0, detail: `${done} of ${done + report.pending.length} applied${now}${unrecorded}` },
    ...report.pending.map((p) => ({ check: `migration ${p.id}`, ok: p.optional, detail: p.problem })),
  ];
}

async function checkSource(name: SourceName | 'twin', url: string, config: Config, list: Probe[]): Promise<Check[]> {
  const pool: pg.Pool = createPool(url, { name: `doctor-${name}`, timezone: config.timezone, max: 1, statementTimeoutMs: 5000 });
  const out: Check[] = [];
  const run = async (check: string, work: () => Promise<Omit<Check, 'source'>[]>) => {
    try {
      out.push(...(await work()).map((c) => ({ source: name, ...c })));
    } catch (err) {
      out.push({ source: name, check, ok: false, detail: describeSourceError(name, err) });
    }
  };
  try {
    const { rows } = await pool.query<{ tz: string; today: string; version: string }>(
      `SELECT current_setting('TimeZone') AS tz, current_date::text AS today, version() AS version`,
    );
    const [server] = rows;
    out.push({ source: name, check: 'reachable', ok: true, detail: `${server.version.split(' on ')[0]}, TimeZone ${server.tz}, today ${server.today}` });
    if (name === 'twin') await run('migrations', () => migrationChecks(pool));
    for (const p of list) await run(p.check, async () => [{ check: p.check, ...(await p.run(pool)) }]);
  } catch (err) {
    out.push({ source: name, check: 'reachable', ok: false, detail: describeSourceError(name, err) });
  } finally {
    await pool.end().catch(() => {});
  }
  return out;
}

export async function doctorChecks(config: Config): Promise<Check[]> {
  const urls = config.databases ?? embeddedUrls(config);
  if (typeof urls === 'string') return [{ source: 'embedded', check: 'data folder', ok: false, detail: urls }];
  if (!config.databases && (await portFree(config.embedded.port))) {
    return [
      {
        source: 'embedded',
        check: 'running',
        ok: false,
        detail: `nothing listens on 127.0.0.1:${config.embedded.port}: the embedded database runs while the bridge runs; start the bridge first (npm start)`,
      },
    ];
  }
  const all = probes(config);
  const results = await Promise.all(
    (['finance', 'training', 'pantry', 'twin'] as const).map((n) => checkSource(n, urls[n], config, all[n])),
  );
  return [{ source: 'config', check: 'time zone', ok: true, detail: `${config.timezone}, currency ${config.currency}` }, ...results.flat()];
}

export function formatChecks(checks: Check[]): string {
  const w = (k: 'source' | 'check') => Math.max(k.length, ...checks.map((c) => c[k].length));
  const line = (a: string, b: string, c: string, d: string) => `${a.padEnd(w('source'))}  ${b.padEnd(w('check'))}  ${c.padEnd(4)}  ${d}`;
  return [line('source', 'check', 'ok', 'detail'), ...checks.map((c) => line(c.source, c.check, c.ok ? 'yes' : 'NO', c.detail))].join('\n');
}

export async function runDoctor(config: Config, out: Writable): Promise<number> {
  const checks = await doctorChecks(config);
  out.write(`${formatChecks(checks)}\n`);
  const failed = checks.filter((c) => !c.ok).length;
  out.write(failed === 0 ? '\nAll checks passed.\n' : `\n${failed} check(s) failed.\n`);
  return failed === 0 ? 0 : 1;
}
