// The figures of a weekly review, read per span: one small query per span and database, each
// bounded by the date column its table's index (and partitioning) is keyed on.
import { z } from 'zod';
import type { ReviewPeriod, WeeklyReview } from '../contract/weekly-review';
import type { FinanceRepository } from '../finance/finance-repository';
import type { PantryHistoryRepository } from '../store/pantry-history-repository';
import { reviewSpans, type Span } from './review-periods';
import type { TrainingRepository } from '../training/training-repository';

export interface ReviewSources {
  finance: FinanceRepository;
  training: TrainingRepository;
  /** The pantry's recorded past. */
  pantryHistory: PantryHistoryRepository;
}

// JSONB written by this bridge or anyone else: parsed, not trusted.
const PantrySnapshot = z.object({
  low_stock_count: z.number().int().nullable().catch(null),
  expired_count: z.number().int().nullable().catch(null),
});

const tenth = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
const cents = (v: number) => Math.round(v * 100) / 100;

async function readSpan(dbs: ReviewSources, personId: string, span: Span): Promise<ReviewPeriod> {
  const [training, money, pantry] = await Promise.all([
    dbs.training.reviewSpan(span.first_day, span.last_day),
    dbs.finance.spanTotals(span.first_day, span.last_day),
    // History is an extra: a history database that is down leaves the pantry row empty.
    dbs.pantryHistory.snapshotAt(personId, span.last_day).catch(() => null),
  ]);
  const { income, expense } = money;
  const snapshot = pantry === null ? null : PantrySnapshot.safeParse(pantry);
  return {
    ...span,
    training: { ...training, mean_recovery: tenth(training.mean_recovery), mean_mood: tenth(training.mean_mood), mean_weight_kg: tenth(training.mean_weight_kg) },
    money: { income: cents(income), expense: cents(expense), net: cents(income - expense) },
    pantry: snapshot?.success ? snapshot.data : null,
  };
}

export async function readWeeklyReview(dbs: ReviewSources, o: { date: string; personId: string; currency: string }): Promise<WeeklyReview> {
  const periods = await Promise.all(reviewSpans(o.date).map((span) => readSpan(dbs, o.personId, span)));
  return { date: o.date, currency: o.currency, periods };
}
