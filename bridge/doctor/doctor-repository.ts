// What `digital-twin doctor` asks each database: whether the relations the bridge reads are there,
// and what they hold. Each probe is a statement whose (first) row is judged by the check that reads it.
import type pg from 'pg';
import type { Config, SourceName } from '../config/config';
import type { Queryable } from '../db/pools';

type Judged = { ok: boolean; detail: string };

/** One check: a query whose (first) row is typed by the check that reads it. */
export interface Probe {
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

export function probes(config: Config): Record<SourceName | 'twin', Probe[]> {
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

/** The server's version, session zone and date, as the bridge's connections see them. */
export async function serverFacts(db: Queryable): Promise<{ tz: string; today: string; version: string }> {
  const { rows } = await db.query<{ tz: string; today: string; version: string }>(
    `SELECT current_setting('TimeZone') AS tz, current_date::text AS today, version() AS version`,
  );
  return rows[0];
}
