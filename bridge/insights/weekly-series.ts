// The weekly series the correlations compare: whole weeks (Monday to Sunday in the configured zone)
// before the current one, at most three years of them: links between habits drift, and the cost of
// a computation stays the same as the years add up.
import type { CorrelationSeries } from '../contract/insights';
import { addDays } from '../time/local-date';
import { describeSourceError, SourceFailure } from '../db/source-error';
import type { InsightContext } from '../analysis/insight-context';
import type { ExpiredRise } from '../pantry/expired-days';
import { readExpiredRises } from '../pantry/pantry-insights';
import type { FinanceRepository } from '../finance/finance-repository';
import type { PantryHistoryRepository } from '../store/pantry-history-repository';
import { spendingKinds } from '../finance/spending-kinds';
import { readWeightWeeks, readWorkoutWeeks } from '../training/weekly-training';
import type { TrainingRepository } from '../training/training-repository';

export const MAX_WEEKS = 156;

export interface WeeklySeries {
  /** Monday of each week, oldest first. */
  weeks: string[];
  /** One value per week; null where the week has no data of that kind. */
  values: Record<CorrelationSeries, (number | null)[]>;
}

export interface SeriesSources {
  finance: FinanceRepository;
  training: TrainingRepository;
  pantryHistory: PantryHistoryRepository;
}

/** Monday of the week of a YYYY-MM-DD date. */
export function mondayOf(date: string): string {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

function emptyValues(length: number): WeeklySeries['values'] {
  const blank = () => new Array<number | null>(length).fill(null);
  return {
    workouts: blank(),
    restaurant_spending: blank(),
    mood_score: blank(),
    discretionary_spending: blank(),
    weight_change_kg: blank(),
    grocery_spending: blank(),
    items_expired: blank(),
    recovery_score: blank(),
    rest_days_before: blank(),
  };
}

/**
 * Rises of the expired count per week (`weeks`: consecutive Mondays); weeks before the first pantry
 * snapshot stay null. Days are placed by comparing their text with the Mondays, in one pass: three
 * years hold a thousand days with rises, and dates parsed one by one would cost more than the reads.
 */
export function expiredPerWeek(weeks: readonly string[], rises: readonly ExpiredRise[], firstDay: string | null): (number | null)[] {
  const counts = new Array<number>(weeks.length).fill(0);
  const end = weeks.length > 0 ? addDays(weeks[weeks.length - 1], 7) : '';
  let k = 0;
  for (const r of [...rises].sort((a, b) => a.day.localeCompare(b.day))) {
    if (weeks.length === 0 || r.day < weeks[0] || r.day >= end) continue;
    while (k + 1 < weeks.length && r.day >= weeks[k + 1]) k++;
    counts[k] += r.rises;
  }
  const first = firstDay === null ? null : mondayOf(firstDay);
  return weeks.map((w, i) => (first !== null && w >= first ? counts[i] : null));
}

/** The read, its failure named after the database it reads. */
function readFrom<T>(source: string, work: Promise<T>): Promise<T> {
  return work.catch((err: unknown) => {
    throw new SourceFailure(describeSourceError(source, err));
  });
}

export async function readWeeklySeries(dbs: SeriesSources, ctx: InsightContext & { personId: string }): Promise<WeeklySeries> {
  const end = ctx.today.weekStart;
  const start = addDays(end, -7 * MAX_WEEKS);
  const weeksFrom = (from: string) => ({ from, to: end, open: ctx.bounds?.open ?? ctx.today.monthStart });
  const [spending, pathOf, firstTx, workouts, weights, firstTraining, rises, firstPantry] = await Promise.all([
    readFrom('finance', dbs.finance.weeklySpending(weeksFrom(start))),
    readFrom('finance', dbs.finance.categoryPaths()),
    readFrom('finance', dbs.finance.firstDay()),
    readFrom('training', readWorkoutWeeks(dbs.training, weeksFrom(start))),
    readFrom('training', readWeightWeeks(dbs.training, weeksFrom(addDays(start, -7)))),
    readFrom('training', dbs.training.firstDay()),
    readFrom('history', readExpiredRises(dbs.pantryHistory, ctx.personId, weeksFrom(start))),
    readFrom('history', dbs.pantryHistory.firstDay(ctx.personId)),
  ]);
  const financeFrom = firstTx ? mondayOf(firstTx) : null;
  const trainingFrom = firstTraining ? mondayOf(firstTraining) : null;
  const pantryDay = firstPantry;
  const pantryFrom = pantryDay === null ? null : mondayOf(pantryDay);
  const from = [financeFrom, trainingFrom, pantryFrom].filter((d): d is string => d !== null).sort()[0] ?? end;
  const weeks: string[] = [];
  for (let w = from > start ? from : start; w < end; w = addDays(w, 7)) weeks.push(w);
  const index = new Map(weeks.map((w, i) => [w, i]));
  const v = emptyValues(weeks.length);
  weeks.forEach((w, i) => {
    if (financeFrom !== null && w >= financeFrom) v.restaurant_spending[i] = v.grocery_spending[i] = v.discretionary_spending[i] = 0;
    if (trainingFrom !== null && w >= trainingFrom) v.workouts[i] = 0;
  });
  // The kinds of each category once, not once per week: three years of weeks share a few dozen categories.
  const kinds = new Map<number | null, ReturnType<typeof spendingKinds>>();
  const kindsOf = (id: number | null) => kinds.get(id) ?? kinds.set(id, spendingKinds(pathOf(id))).get(id)!;
  for (const r of spending) {
    const i = index.get(r.week);
    if (i === undefined) continue;
    for (const kind of kindsOf(r.category_id)) {
      const key = `${kind}_spending` as const;
      v[key][i] = (v[key][i] ?? 0) + r.spent;
    }
  }
  for (const [week, r] of workouts) {
    const i = index.get(week);
    if (i === undefined) continue;
    v.workouts[i] = r.workouts;
    v.mood_score[i] = r.mood;
    v.recovery_score[i] = r.recovery;
    v.rest_days_before[i] = r.rest_days;
  }
  weeks.forEach((w, i) => {
    const now = weights.get(w);
    const before = weights.get(addDays(w, -7));
    v.weight_change_kg[i] = now !== undefined && before !== undefined ? now - before : null;
  });
  v.items_expired = expiredPerWeek(weeks, rises, pantryDay);
  return { weeks, values: v };
}
