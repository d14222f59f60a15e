// autonomous_training → body composition, last workout, days since it, workouts this week.
import type { HealthDomain } from '../contract/twin-state';
import { addDays, daysBetween, type LocalDate } from '../time/local-date';
import { trainingSuggestion } from './training-suggestion';
import type { TrainingRepository } from './training-repository';

export type HealthData = Omit<HealthDomain, 'status' | 'error' | 'as_of'>;

/** The charts' days, up to today. */
export const SERIES_DAYS = 90;

export interface HealthContext {
  today: LocalDate;
  /** A past day: the body row the view had at its end (today: its newest row, kept while measurements do not change). */
  past?: boolean;
}

export async function readHealth(repo: TrainingRepository, ctx: HealthContext): Promise<HealthData> {
  const { today } = ctx;
  const [b, last, week, series] = await Promise.all([
    ctx.past ? repo.bodyRowOn(today.date) : repo.bodyRow(today.monthStart),
    repo.lastWorkout(today.date),
    repo.workoutsBetween(today.weekStart, today.date),
    repo.measurements(addDays(today.date, -SERIES_DAYS), today.date),
  ]);
  const daysSince = last ? daysBetween(last.date, today.date) : null;
  return {
    measurement_date: b?.measurement_date ?? null,
    bodyweight_kg: b?.bodyweight_kg ?? null,
    bodyfat_pct: b?.bodyfat_pct ?? null,
    estimated_lean_mass: b?.estimated_lean_mass ?? null,
    weight_change: b?.weight_change ?? null,
    bodyfat_change: b?.bodyfat_change ?? null,
    weight_trend: b?.weight_trend ?? null,
    last_workout: last,
    days_since_workout: daysSince,
    workouts_this_week: week,
    training_suggestion: trainingSuggestion(daysSince),
    body_series: series.map((m) => ({ date: m.date, bodyweight_kg: m.weight, bodyfat_pct: m.fat })),
  };
}
