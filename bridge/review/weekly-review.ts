// The figures of a weekly review, read per span: one small query per span and database, each
// bounded by the date column its table's index (and partitioning) is keyed on.
import { z } from 'zod';
import type { ReviewPeriod, WeeklyReview } from '../contract/weekly-review';
import type { Queryable } from '../db/pools';
import type { FinanceRepository } from '../finance/finance-repository';
import type { PantryHistoryRepository } from '../store/pantry-history-repository';
import { reviewSpans, type Span } from './review-periods';

export interface ReviewSources {
  finance: FinanceRepository;
  training: Queryable;
  /** The pantry's recorded past. */
  pantryHistory: PantryHistoryRepository;
}

interface TrainingRow {
  workouts: number;
  minutes: number;
  mean_recovery: number | null;
  mean_mood: number | null;
  mean_weight_kg: number | null;
}

const TRAINING_SQL = `
  SELECT count(*)::int AS workouts, coalesce(sum(duration_min), 0)::int AS minutes,
         avg(recovery_score)::float8 AS mean_recovery, avg(mood_score)::float8 AS mean_mood,
         (SELECT avg(bodyweight_kg)::float8 FROM measurements WHERE measurement_date BETWEEN $1::date AND $2::date) AS mean_weight_kg
  FROM workouts
  WHERE workout_date BETWEEN $1::date AND $2::date`;

// JSONB written by this bridge or anyone else: parsed, not trusted.
const PantrySnapshot = z.object({
  low_stock_count: z.number().int().nullable().catch(null),
  expired_count: z.number().int().nullable().catch(null),
});

const tenth = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
const cents = (v: number) => Math.round(v * 100) / 100;

async function readSpan(dbs: ReviewSources, personId: string, span: Span): Promise<ReviewPeriod> {
  const range = [span.first_day, span.last_day];
  const [training, money, pantry] = await Promise.all([
    dbs.training.query<TrainingRow>(TRAINING_SQL, range),
    dbs.finance.spanTotals(span.first_day, span.last_day),
    // History is an extra: a history database that is down leaves the pantry row empty.
    dbs.pantryHistory.snapshotAt(personId, span.last_day).catch(() => null),
  ]);
  const t = training.rows[0];
  const { income, expense } = money;
  const snapshot = pantry === null ? null : PantrySnapshot.safeParse(pantry);
  return {
    ...span,
    training: { workouts: t.workouts, minutes: t.minutes, mean_recovery: tenth(t.mean_recovery), mean_mood: tenth(t.mean_mood), mean_weight_kg: tenth(t.mean_weight_kg) },
    money: { income: cents(income), expense: cents(expense), net: cents(income - expense) },
    pantry: snapshot?.success ? snapshot.data : null,
  };
}

export async function readWeeklyReview(dbs: ReviewSources, o: { date: string; personId: string; currency: string }): Promise<WeeklyReview> {
  const periods = await Promise.all(reviewSpans(o.date).map((span) => readSpan(dbs, o.personId, span)));
  return { date: o.date, currency: o.currency, periods };
}
