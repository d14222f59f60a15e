// The figures of a weekly review, read per span: one small query per span and database, each
// bounded by the date column its table's index (and partitioning) is keyed on.
import { z } from 'zod';
import type { ReviewPeriod, WeeklyReview } from '../contract/weekly-review';
import { num, type Queryable } from '../db/pools';
import { reviewSpans, type Span } from './review-periods';
import type { TrainingRepository } from '../training/training-repository';

export interface ReviewDatabases {
  finance: Queryable;
  training: TrainingRepository;
  /** Where digital_twin_updates lives. */
  twin: Queryable;
}

interface MoneyRow {
  income: string;
  expense: string;
}

interface SnapshotRow {
  update_data: unknown;
}

const MONEY_SQL = `
  SELECT coalesce(sum(amount) FILTER (WHERE type = 'Income'), 0) AS income,
         coalesce(sum(amount) FILTER (WHERE type = 'Expense'), 0) AS expense
  FROM transactions
  WHERE transaction_date BETWEEN $1::date AND $2::date AND type IN ('Income', 'Expense')`;

// The state at the end of the span is the last transition recorded before the next local midnight
// (the session's TimeZone is the configured zone).
const PANTRY_SQL = `
  SELECT update_data FROM digital_twin_updates
  WHERE entity_type = 'pantry' AND entity_id = $1::uuid AND created_at < ($2::date + 1)::timestamptz
  ORDER BY created_at DESC, id DESC
  LIMIT 1`;

// JSONB written by this bridge or anyone else: parsed, not trusted.
const PantrySnapshot = z.object({
  low_stock_count: z.number().int().nullable().catch(null),
  expired_count: z.number().int().nullable().catch(null),
});

const tenth = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
const cents = (v: number) => Math.round(v * 100) / 100;

async function readSpan(dbs: ReviewDatabases, personId: string, span: Span): Promise<ReviewPeriod> {
  const range = [span.first_day, span.last_day];
  const [training, money, pantry] = await Promise.all([
    dbs.training.reviewSpan(span.first_day, span.last_day),
    dbs.finance.query<MoneyRow>(MONEY_SQL, range),
    // History is an extra: a history database that is down leaves the pantry row empty.
    dbs.twin.query<SnapshotRow>(PANTRY_SQL, [personId, span.last_day]).catch(() => ({ rows: [] as SnapshotRow[] })),
  ]);
  const [income, expense] = [num(money.rows[0].income), num(money.rows[0].expense)];
  const snapshot = pantry.rows.length === 0 ? null : PantrySnapshot.safeParse(pantry.rows[0].update_data);
  return {
    ...span,
    training: { ...training, mean_recovery: tenth(training.mean_recovery), mean_mood: tenth(training.mean_mood), mean_weight_kg: tenth(training.mean_weight_kg) },
    money: { income: cents(income), expense: cents(expense), net: cents(income - expense) },
    pantry: snapshot?.success ? snapshot.data : null,
  };
}

export async function readWeeklyReview(dbs: ReviewDatabases, o: { date: string; personId: string; currency: string }): Promise<WeeklyReview> {
  const periods = await Promise.all(reviewSpans(o.date).map((span) => readSpan(dbs, o.personId, span)));
  return { date: o.date, currency: o.currency, periods };
}
