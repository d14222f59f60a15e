// The transactions, summarised per closed day, category and type (count and exact numeric sum), with
// per month the row count and fingerprint they were built from. Every closed month is kept. The
// fingerprint reads the user's rows without changing them: the sum of a hash of each row's key, date,
// type, amount, category and updated_at, so a late insert, a backdated row, an edit or a delete all
// change it.
import type pg from 'pg';
import type { Queryable } from '../db/pools';
import { inTransaction } from '../db/transaction';
import { monthStartAfter } from '../time/local-date';
import type { SplitStatement } from '../store/closed-or-live';
import type { FingerprintRow, MonthSummary } from './month-summary';

/** The ledger's days as a relation with the transactions' columns. */
const LEDGER_DAYS = 'digital_twin_ledger.finance_day';

/**
 * An aggregate written over the transactions' columns (transaction_date, type, amount, category_id):
 * the ledger's days have those columns, summed per day, category and type, so sums read alike.
 */
export function overTransactions(over: (relation: string) => string): SplitStatement {
  return { kind: 'finance', closed: over(LEDGER_DAYS), live: over('transactions') };
}

/** Per month before $1. A date's month is its own, whatever the session zone. */
const FINGERPRINTS_SQL = `
  SELECT to_char(date_trunc('month', t.transaction_date::timestamp), 'YYYY-MM-DD') AS month,
         count(*)::text AS rows,
         sum(hashtextextended(concat_ws('|', t.transaction_id, t.transaction_date, t.type, t.amount,
                                        t.category_id, t.updated_at), 0)::numeric)::text AS fingerprint
  FROM transactions t
  WHERE t.transaction_date < $1::date
  GROUP BY 1`;

/** Per day, category and type of [$1, $2): what the ledger keeps of a month. */
const DAYS_SQL = `
  SELECT transaction_date AS day, category_id, type, count(*)::int AS rows, sum(amount)::text AS amount
  FROM transactions
  WHERE transaction_date >= $1::date AND transaction_date < $2::date
  GROUP BY 1, 2, 3`;

const STORED_SQL = `
  SELECT to_char(month, 'YYYY-MM-DD') AS month, rows::text AS rows, fingerprint::text AS fingerprint
  FROM digital_twin_ledger.finance_month`;

const DELETE_DAYS_SQL = `DELETE FROM digital_twin_ledger.finance_day WHERE transaction_date >= $1::date AND transaction_date < $2::date`;
const INSERT_DAYS_SQL = `
  INSERT INTO digital_twin_ledger.finance_day (transaction_date, category_id, type, rows, amount)
  SELECT * FROM unnest($1::date[], $2::int[], $3::text[], $4::int[], $5::numeric[])`;
// The fingerprint was taken before the days were read: a change in between leaves a fingerprint that
// no longer matches, and the next check builds the month again.
const UPSERT_MONTH_SQL = `
  INSERT INTO digital_twin_ledger.finance_month (month, rows, fingerprint) VALUES ($1::date, $2::bigint, $3::numeric)
  ON CONFLICT (month) DO UPDATE SET rows = excluded.rows, fingerprint = excluded.fingerprint`;
const DELETE_MONTH_SQL = `DELETE FROM digital_twin_ledger.finance_month WHERE month = $1::date`;

interface DayRow {
  day: string;
  category_id: number | null;
  type: string;
  rows: number;
  amount: string;
}

export class FinanceSummary implements MonthSummary {
  readonly kind = 'finance';

  constructor(
    private readonly finance: Queryable,
    private readonly twin: pg.Pool,
  ) {}

  firstDay(): null {
    return null;
  }

  async fresh(open: string): Promise<FingerprintRow[]> {
    return (await this.finance.query<FingerprintRow>(FINGERPRINTS_SQL, [open])).rows;
  }

  async stored(): Promise<FingerprintRow[]> {
    return (await this.twin.query<FingerprintRow>(STORED_SQL)).rows;
  }

  async build(f: FingerprintRow): Promise<void> {
    const end = monthStartAfter(f.month, 1);
    const { rows } = await this.finance.query<DayRow>(DAYS_SQL, [f.month, end]);
    await inTransaction(this.twin, async (c) => {
      await c.query(DELETE_DAYS_SQL, [f.month, end]);
      await c.query(INSERT_DAYS_SQL, [
        rows.map((r) => r.day),
        rows.map((r) => r.category_id),
        rows.map((r) => r.type),
        rows.map((r) => r.rows),
        rows.map((r) => r.amount),
      ]);
      await c.query(UPSERT_MONTH_SQL, [f.month, f.rows, f.fingerprint]);
    });
  }

  async drop(month: string): Promise<void> {
    await inTransaction(this.twin, async (c) => {
      await c.query(DELETE_DAYS_SQL, [month, monthStartAfter(month, 1)]);
      await c.query(DELETE_MONTH_SQL, [month]);
    });
  }
}
