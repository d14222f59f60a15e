// The pantry's expired count per closed local day of the twin's own history (history/expired-days.ts),
// for one person, over the months the insights look back on (the correlations' 156 weeks and a margin):
// older months are never asked for.
import type pg from 'pg';
import { inTransaction } from '../db/transaction';
import { EXPIRED_DAYS_SQL, type ExpiredDay } from '../pantry/expired-days';
import { monthStartAfter } from '../time/local-date';
import type { SplitStatement } from '../store/closed-or-live';
import type { FingerprintRow, MonthSummary } from './month-summary';

export const PANTRY_MONTHS = 40;

// History rows are written once and deleted (retention), never edited: a month's rows and their
// (id, created_at) tell every change, read from the paging index alone without the JSON.
const FINGERPRINTS_SQL = `
  SELECT to_char(date_trunc('month', created_at), 'YYYY-MM-DD') AS month, count(*)::text AS rows,
         sum(hashtextextended(id::text, (extract(epoch FROM created_at) * 1000000)::bigint)::numeric)::text AS fingerprint
  FROM digital_twin_updates
  WHERE entity_type = 'pantry' AND entity_id = $3::uuid AND created_at >= $1::date AND created_at < $2::date
  GROUP BY 1`;

const STORED_SQL = `
  SELECT to_char(month, 'YYYY-MM-DD') AS month, rows::text AS rows, fingerprint::text AS fingerprint
  FROM digital_twin_ledger.pantry_month WHERE entity_id = $1::uuid`;

/** The closed days as history/expired-days.ts gives them; person $3. */
const CLOSED_EXPIRED_DAYS_SQL = `
  SELECT to_char(day, 'YYYY-MM-DD') AS day, first_value::text AS first_value, last_value::text AS last_value,
         inner_rises::text AS inner_rises
  FROM digital_twin_ledger.pantry_day
  WHERE day >= $1::date AND day < $2::date AND entity_id = $3::uuid`;

/** The pantry's expired count per day, split at the ledger's boundary; its own parameter is the person. */
export const EXPIRED_DAYS: SplitStatement = { kind: 'pantry', closed: CLOSED_EXPIRED_DAYS_SQL, live: EXPIRED_DAYS_SQL };

const DELETE_DAYS_SQL = `DELETE FROM digital_twin_ledger.pantry_day WHERE entity_id = $1::uuid AND day >= $2::date AND day < $3::date`;
const INSERT_DAYS_SQL = `
  INSERT INTO digital_twin_ledger.pantry_day (entity_id, day, first_value, last_value, inner_rises)
  SELECT $1::uuid, * FROM unnest($2::date[], $3::numeric[], $4::numeric[], $5::numeric[])`;
const UPSERT_MONTH_SQL = `
  INSERT INTO digital_twin_ledger.pantry_month (entity_id, month, rows, fingerprint) VALUES ($1::uuid, $2::date, $3::bigint, $4::numeric)
  ON CONFLICT (entity_id, month) DO UPDATE SET rows = excluded.rows, fingerprint = excluded.fingerprint`;
const DELETE_MONTH_SQL = `DELETE FROM digital_twin_ledger.pantry_month WHERE entity_id = $1::uuid AND month = $2::date`;

export class PantrySummary implements MonthSummary {
  readonly kind = 'pantry';

  constructor(
    private readonly twin: pg.Pool,
    private readonly personId: string,
  ) {}

  firstDay(open: string): string {
    return monthStartAfter(open, -PANTRY_MONTHS);
  }

  async fresh(open: string): Promise<FingerprintRow[]> {
    return (await this.twin.query<FingerprintRow>(FINGERPRINTS_SQL, [this.firstDay(open), open, this.personId])).rows;
  }

  async stored(): Promise<FingerprintRow[]> {
    return (await this.twin.query<FingerprintRow>(STORED_SQL, [this.personId])).rows;
  }

  async build(f: FingerprintRow): Promise<void> {
    const end = monthStartAfter(f.month, 1);
    const { rows } = await this.twin.query<ExpiredDay>(EXPIRED_DAYS_SQL, [f.month, end, this.personId]);
    await inTransaction(this.twin, async (c) => {
      await c.query(DELETE_DAYS_SQL, [this.personId, f.month, end]);
      await c.query(INSERT_DAYS_SQL, [this.personId, rows.map((r) => r.day), rows.map((r) => r.first_value), rows.map((r) => r.last_value), rows.map((r) => r.inner_rises)]);
      await c.query(UPSERT_MONTH_SQL, [this.personId, f.month, f.rows, f.fingerprint]);
    });
  }

  async drop(month: string): Promise<void> {
    await inTransaction(this.twin, async (c) => {
      await c.query(DELETE_DAYS_SQL, [this.personId, month, monthStartAfter(month, 1)]);
      await c.query(DELETE_MONTH_SQL, [this.personId, month]);
    });
  }
}
