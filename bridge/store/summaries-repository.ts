// The summaries of closed months in the twin's own store (schema digital_twin_ledger): the key they
// were built under, and per source the closed days with the fingerprint of each month they were
// built from. Every statement on those tables is here; the ledger decides what to build.
import type pg from 'pg';
import { inTransaction } from '../db/transaction';
import { monthStartAfter } from '../time/local-date';

/** A month (first day) with its row count and fingerprint, as text: exact numeric. */
export interface FingerprintRow {
  month: string;
  rows: string;
  fingerprint: string;
}

/** One closed day of the transactions, per category and type. */
export interface FinanceDayRow {
  day: string;
  category_id: number | null;
  type: string;
  rows: number;
  amount: string;
}

/** One closed local day of the pantry's expired count (see pantry/expired-days.ts). */
export interface ExpiredDayRow {
  day: string;
  first_value: string;
  last_value: string;
  inner_rises: string;
}

const READ_META_SQL = `SELECT name, value FROM digital_twin_ledger.meta`;
const WRITE_META_SQL = `
  INSERT INTO digital_twin_ledger.meta (name, value) VALUES ($1, $2)
  ON CONFLICT (name) DO UPDATE SET value = excluded.value`;
// Every table of the ledger's schema in one statement, whatever tables its migrations made.
const CLEAR_SQL = `
  DO $$ BEGIN
    EXECUTE (SELECT 'TRUNCATE ' || string_agg(format('%I.%I', schemaname, tablename), ', ')
             FROM pg_tables WHERE schemaname = 'digital_twin_ledger');
  END $$`;
const SIZE_SQL = `
  SELECT (SELECT count(*) FROM digital_twin_ledger.finance_day)::int AS day_rows,
         (SELECT count(*) FROM digital_twin_ledger.finance_month)::int AS months`;

const FINANCE = {
  stored: `
    SELECT to_char(month, 'YYYY-MM-DD') AS month, rows::text AS rows, fingerprint::text AS fingerprint
    FROM digital_twin_ledger.finance_month`,
  deleteDays: `DELETE FROM digital_twin_ledger.finance_day WHERE transaction_date >= $1::date AND transaction_date < $2::date`,
  insertDays: `
    INSERT INTO digital_twin_ledger.finance_day (transaction_date, category_id, type, rows, amount)
    SELECT * FROM unnest($1::date[], $2::int[], $3::text[], $4::int[], $5::numeric[])`,
  // The fingerprint was taken before the days were read: a change in between leaves a fingerprint
  // that no longer matches, and the next check builds the month again.
  upsertMonth: `
    INSERT INTO digital_twin_ledger.finance_month (month, rows, fingerprint) VALUES ($1::date, $2::bigint, $3::numeric)
    ON CONFLICT (month) DO UPDATE SET rows = excluded.rows, fingerprint = excluded.fingerprint`,
  deleteMonth: `DELETE FROM digital_twin_ledger.finance_month WHERE month = $1::date`,
};

const PANTRY = {
  stored: `
    SELECT to_char(month, 'YYYY-MM-DD') AS month, rows::text AS rows, fingerprint::text AS fingerprint
    FROM digital_twin_ledger.pantry_month WHERE entity_id = $1::uuid`,
  deleteDays: `DELETE FROM digital_twin_ledger.pantry_day WHERE entity_id = $1::uuid AND day >= $2::date AND day < $3::date`,
  insertDays: `
    INSERT INTO digital_twin_ledger.pantry_day (entity_id, day, first_value, last_value, inner_rises)
    SELECT $1::uuid, * FROM unnest($2::date[], $3::numeric[], $4::numeric[], $5::numeric[])`,
  upsertMonth: `
    INSERT INTO digital_twin_ledger.pantry_month (entity_id, month, rows, fingerprint) VALUES ($1::uuid, $2::date, $3::bigint, $4::numeric)
    ON CONFLICT (entity_id, month) DO UPDATE SET rows = excluded.rows, fingerprint = excluded.fingerprint`,
  deleteMonth: `DELETE FROM digital_twin_ledger.pantry_month WHERE entity_id = $1::uuid AND month = $2::date`,
};

/** The closed days of the pantry's expired count of person $3 in [$1, $2), as pantry/expired-days.ts reads them live. */
export const CLOSED_EXPIRED_DAYS_SQL = `
  SELECT to_char(day, 'YYYY-MM-DD') AS day, first_value::text AS first_value, last_value::text AS last_value,
         inner_rises::text AS inner_rises
  FROM digital_twin_ledger.pantry_day
  WHERE day >= $1::date AND day < $2::date AND entity_id = $3::uuid`;

export class PgSummariesRepository {
  constructor(private readonly twin: pg.Pool) {}

  async meta(): Promise<Map<string, string>> {
    const { rows } = await this.twin.query<{ name: string; value: string }>(READ_META_SQL);
    return new Map(rows.map((r) => [r.name, r.value]));
  }

  async writeMeta(name: string, value: string): Promise<void> {
    await this.twin.query(WRITE_META_SQL, [name, value]);
  }

  /** Empties every summary and records the key they are built under from now on (the layout is the migrations'). */
  async clear(key: string): Promise<void> {
    await inTransaction(this.twin, async (c) => {
      await c.query(CLEAR_SQL);
      await c.query(WRITE_META_SQL, ['key', key]);
    });
  }

  async size(): Promise<{ day_rows: number; months: number }> {
    return (await this.twin.query<{ day_rows: number; months: number }>(SIZE_SQL)).rows[0];
  }

  /** A read of the summaries' own tables (a statement a repository wrote over them). */
  async read<Row extends object>(text: string, params: unknown[]): Promise<Row[]> {
    return (await this.twin.query<Row>(text, params)).rows;
  }

  async financeMonths(): Promise<FingerprintRow[]> {
    return (await this.twin.query<FingerprintRow>(FINANCE.stored)).rows;
  }

  async replaceFinanceMonth(f: FingerprintRow, days: readonly FinanceDayRow[]): Promise<void> {
    const end = monthStartAfter(f.month, 1);
    await inTransaction(this.twin, async (c) => {
      await c.query(FINANCE.deleteDays, [f.month, end]);
      const columns = [days.map((r) => r.day), days.map((r) => r.category_id), days.map((r) => r.type), days.map((r) => r.rows), days.map((r) => r.amount)];
      await c.query(FINANCE.insertDays, columns);
      await c.query(FINANCE.upsertMonth, [f.month, f.rows, f.fingerprint]);
    });
  }

  async dropFinanceMonth(month: string): Promise<void> {
    await inTransaction(this.twin, async (c) => {
      await c.query(FINANCE.deleteDays, [month, monthStartAfter(month, 1)]);
      await c.query(FINANCE.deleteMonth, [month]);
    });
  }

  async pantryMonths(personId: string): Promise<FingerprintRow[]> {
    return (await this.twin.query<FingerprintRow>(PANTRY.stored, [personId])).rows;
  }

  async replacePantryMonth(personId: string, f: FingerprintRow, days: readonly ExpiredDayRow[]): Promise<void> {
    const end = monthStartAfter(f.month, 1);
    await inTransaction(this.twin, async (c) => {
      await c.query(PANTRY.deleteDays, [personId, f.month, end]);
      const columns = [days.map((r) => r.day), days.map((r) => r.first_value), days.map((r) => r.last_value), days.map((r) => r.inner_rises)];
      await c.query(PANTRY.insertDays, [personId, ...columns]);
      await c.query(PANTRY.upsertMonth, [personId, f.month, f.rows, f.fingerprint]);
    });
  }

  async dropPantryMonth(personId: string, month: string): Promise<void> {
    await inTransaction(this.twin, async (c) => {
      await c.query(PANTRY.deleteDays, [personId, month, monthStartAfter(month, 1)]);
      await c.query(PANTRY.deleteMonth, [personId, month]);
    });
  }
}
