// autonomous_training → body composition, last workout, days since it, workouts this week.
import type { HealthDomain, WeightTrend } from '../contract/twin-state';
import { numOrNull, type Queryable } from '../db/pools';
import { addDays, daysBetween, type LocalDate } from '../time/local-date';
import type { BodyRowMemo } from '../ledger/body-row-memo';
import { trainingSuggestion } from './training-suggestion';

export type HealthData = Omit<HealthDomain, 'status' | 'error' | 'as_of'>;

// The user's own view defines lean mass, changes and trend; its newest row is the current state.
const BODY_SQL = `
  SELECT measurement_date, bodyweight_kg, bodyfat_pct, estimated_lean_mass,
         weight_change, bodyfat_change, weight_trend
  FROM v_body_composition
  ORDER BY measurement_date DESC
  LIMIT 1`;

// Newest workout up to today (a row dated in the future is a typo, not a workout done);
// the (workout_date, template_id) primary key of each yearly partition serves it backwards.
const LAST_WORKOUT_SQL = `
  SELECT w.workout_date, w.template_id, t.template_name, t.workout_type, w.location, w.duration_min
  FROM workouts w
  LEFT JOIN workout_templates t ON t.template_id = w.template_id
  WHERE w.workout_date <= $1::date
  ORDER BY w.workout_date DESC, w.template_id DESC
  LIMIT 1`;

// The charts' 90 days, read from the table by its primary key (one row per measurement_date).
const SERIES_SQL = `
  SELECT measurement_date, bodyweight_kg, bodyfat_pct
  FROM measurements
  WHERE measurement_date > $1::date AND measurement_date <= $2::date
  ORDER BY measurement_date`;

export const SERIES_DAYS = 90;

// Rows as node-postgres returns them: numeric columns as text, dates as 'YYYY-MM-DD' (see db/pools.ts).
export interface BodyRow {
  measurement_date: string;
  bodyweight_kg: string;
  bodyfat_pct: string | null;
  estimated_lean_mass: string | null;
  weight_change: string | null;
  bodyfat_change: string | null;
  weight_trend: WeightTrend | null;
}

interface LastWorkoutRow {
  workout_date: string;
  template_id: string;
  template_name: string | null;
  workout_type: string | null;
  location: string | null;
  duration_min: number | null;
}

type SeriesRow = Pick<BodyRow, 'measurement_date' | 'bodyweight_kg' | 'bodyfat_pct'>;

const WEEK_SQL = `
  SELECT count(*)::int AS n
  FROM workouts
  WHERE workout_date >= $1::date AND workout_date <= $2::date`;

export interface HealthContext {
  today: LocalDate;
  /** Keeps the view's newest row while no measurement changes; without it the view is read every time. */
  bodyMemo?: BodyRowMemo<BodyRow> | null;
}

export async function readHealth(db: Queryable, ctx: HealthContext): Promise<HealthData> {
  const { today } = ctx;
  const readView = async () => (await db.query<BodyRow>(BODY_SQL)).rows.at(0);
  const [b, last, week, series] = await Promise.all([
    ctx.bodyMemo ? ctx.bodyMemo.read(db, today.monthStart, readView) : readView(),
    db.query<LastWorkoutRow>(LAST_WORKOUT_SQL, [today.date]),
    db.query<{ n: number }>(WEEK_SQL, [today.weekStart, today.date]),
    db.query<SeriesRow>(SERIES_SQL, [addDays(today.date, -SERIES_DAYS), today.date]),
  ]);
  const w = last.rows.at(0);
  const daysSince = w ? daysBetween(w.workout_date, today.date) : null;
  return {
    measurement_date: b?.measurement_date ?? null,
    bodyweight_kg: numOrNull(b?.bodyweight_kg),
    bodyfat_pct: numOrNull(b?.bodyfat_pct),
    estimated_lean_mass: numOrNull(b?.estimated_lean_mass),
    weight_change: numOrNull(b?.weight_change),
    bodyfat_change: numOrNull(b?.bodyfat_change),
    weight_trend: b?.weight_trend ?? null,
    last_workout: w
      ? {
          date: w.workout_date,
          template_id: w.template_id,
          template_name: w.template_name,
          workout_type: w.workout_type,
          location: w.location,
          duration_min: w.duration_min,
        }
      : null,
    days_since_workout: daysSince,
    workouts_this_week: week.rows[0].n,
    training_suggestion: trainingSuggestion(daysSince),
    body_series: series.rows.map((r) => ({ date: r.measurement_date, bodyweight_kg: numOrNull(r.bodyweight_kg), bodyfat_pct: numOrNull(r.bodyfat_pct) })),
  };
}
