// The transactions, summarised per closed day, category and type (count and exact numeric sum), with
// per month the income, expense and the fingerprint they were built from. Every closed month is kept.
import type pg from 'pg';
import type { Queryable } from '../db/pools';
import { inTransaction } from '../db/transaction';
import { monthStartAfter } from '../time/local-date';
import * as sql from './ledger-sql';
import type { FingerprintRow, MonthSummary } from './month-summary';

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
    return (await this.finance.query<FingerprintRow>(sql.FINANCE_FINGERPRINTS_SQL, [open])).rows;
  }

  async stored(): Promise<FingerprintRow[]> {
    return (await this.twin.query<FingerprintRow>(sql.STORED_FINGERPRINTS_SQL)).rows;
  }

  async build(f: FingerprintRow): Promise<void> {
    const end = monthStartAfter(f.month, 1);
    const { rows } = await this.finance.query<sql.DayRow>(sql.FINANCE_DAYS_SQL, [f.month, end]);
    await inTransaction(this.twin, async (c) => {
      await c.query(sql.DELETE_DAYS_SQL, [f.month, end]);
      await c.query(sql.INSERT_DAYS_SQL, [
        rows.map((r) => r.day),
        rows.map((r) => r.category_id),
        rows.map((r) => r.type),
        rows.map((r) => r.rows),
        rows.map((r) => r.amount),
      ]);
      await c.query(sql.UPSERT_MONTH_SQL, [f.month, end, f.rows, f.fingerprint]);
    });
  }

  async drop(month: string): Promise<void> {
    await inTransaction(this.twin, async (c) => {
      await c.query(sql.DELETE_DAYS_SQL, [month, monthStartAfter(month, 1)]);
      await c.query(sql.DELETE_MONTH_SQL, [month]);
    });
  }
}
