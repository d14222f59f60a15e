// The training side of the weekly series: per week the workouts with their mean mood, recovery and
// rest days, and the mean weight. Read in two parts (closed months once per ledger generation, the
// current month live), so each part gives sums and counts, and a week across the boundary is added up.
import { num } from '../db/pools';
import type { Queryable } from '../db/pools';
import { readClosedOrLive, type ClosedDays, type DayRange, type SplitStatement } from '../store/closed-or-live';

/** Rest days count only after a break of at most this many days: a longer one is a pause, not a rest. */
export const REST_LOOKBACK_DAYS = 60;

// Rest days before a workout: whole days since the previous one (a second workout the same day has
// none). Each workout's rest needs only the 60 days before it, so a part's rows are its own.
const WORKOUTS: SplitStatement = {
  kind: 'training',
  closed: null,
  live: `
  SELECT to_char(date_trunc('week', workout_date::timestamp), 'YYYY-MM-DD') AS week, count(*)::int AS workouts,
         sum(mood_score)::int AS mood_sum, count(mood_score)::int AS mood_n,
         sum(recovery_score)::int AS recovery_sum, count(recovery_score)::int AS recovery_n,
         sum(rest_days)::int AS rest_sum, count(rest_days)::int AS rest_n
  FROM (
    SELECT workout_date, mood_score, recovery_score,
           CASE WHEN gap BETWEEN 1 AND ${REST_LOOKBACK_DAYS + 1} THEN gap - 1 END AS rest_days
    FROM (SELECT workout_date, mood_score, recovery_score, workout_date - lag(workout_date) OVER (ORDER BY workout_date) AS gap
          FROM workouts
          WHERE workout_date >= $1::date - ${REST_LOOKBACK_DAYS + 1} AND workout_date < $2::date) g
  ) w
  WHERE workout_date >= $1::date
  GROUP BY 1`,
};

const WEIGHTS: SplitStatement = {
  kind: 'training',
  closed: null,
  live: `
  SELECT to_char(date_trunc('week', measurement_date::timestamp), 'YYYY-MM-DD') AS week,
         sum(bodyweight_kg)::text AS weight_sum, count(bodyweight_kg)::int AS weight_n
  FROM measurements
  WHERE measurement_date >= $1::date AND measurement_date < $2::date
  GROUP BY 1`,
};

const SUMS = ['workouts', 'mood_sum', 'mood_n', 'recovery_sum', 'recovery_n', 'rest_sum', 'rest_n'] as const;
type WorkoutSums = Record<(typeof SUMS)[number], number>;
/** A row of WORKOUTS: sums are null where nothing was counted. */
type WorkoutWeekRow = { week: string } & { [K in keyof WorkoutSums]: number | null };

export interface WorkoutWeek {
  workouts: number;
  mood: number | null;
  recovery: number | null;
  rest_days: number | null;
}

const mean = (sum: number, n: number) => (n > 0 ? sum / n : null);

/** Per week (Monday): the workouts and their means. */
export async function readWorkoutWeeks(db: Queryable, ledger: ClosedDays | null, range: DayRange): Promise<Map<string, WorkoutWeek>> {
  const rows = await readClosedOrLive<WorkoutWeekRow>(db, ledger, WORKOUTS, range);
  const sums = new Map<string, WorkoutSums>();
  for (const r of rows) {
    const s = sums.get(r.week) ?? (Object.fromEntries(SUMS.map((k) => [k, 0])) as WorkoutSums);
    for (const k of SUMS) s[k] += r[k] ?? 0;
    sums.set(r.week, s);
  }
  const out = new Map<string, WorkoutWeek>();
  for (const [week, s] of sums) {
    out.set(week, { workouts: s.workouts, mood: mean(s.mood_sum, s.mood_n), recovery: mean(s.recovery_sum, s.recovery_n), rest_days: mean(s.rest_sum, s.rest_n) });
  }
  return out;
}

/** Per week (Monday): the mean weight. */
export async function readWeightWeeks(db: Queryable, ledger: ClosedDays | null, range: DayRange): Promise<Map<string, number>> {
  const rows = await readClosedOrLive<{ week: string; weight_sum: string; weight_n: number }>(db, ledger, WEIGHTS, range);
  const sums = new Map<string, { sum: number; n: number }>();
  for (const r of rows) {
    const s = sums.get(r.week) ?? { sum: 0, n: 0 };
    sums.set(r.week, { sum: s.sum + num(r.weight_sum), n: s.n + r.weight_n });
  }
  return new Map([...sums].map(([week, s]) => [week, s.sum / s.n]));
}
