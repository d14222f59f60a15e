// Training: how often, how each exercise moves over its last four sessions, and how recovery and
// mood of the last four weeks compare with the twelve before.
import type { ExerciseProgress, ExerciseStatus, TrainingInsights } from '../contract/insights';
import { numOrNull, type Queryable } from '../db/pools';
import { addDays } from '../time/local-date';
import type { Figures, InsightContext } from '../insights/insight-context';
import { round } from '../insights/statistics';

/** A change of time under tension this small at the same weight is noise of the stopwatch, not progress. */
export const TUT_TOLERANCE_SECONDS = 5;
export const SESSIONS_COMPARED = 4;
/** The last four sessions are looked for within a year: older ones say little about now. */
const LOOKBACK_DAYS = 365;

// Counted on the (workout_date, template_id) primary keys of the yearly partitions.
const SESSIONS_SQL = `
  SELECT count(*) FILTER (WHERE workout_date > $2::date)::int AS sessions_4w,
         count(*) FILTER (WHERE workout_date > $3::date)::int AS sessions_12w,
         avg(recovery_score) FILTER (WHERE workout_date > $2::date) AS recovery_4w,
         avg(recovery_score) FILTER (WHERE workout_date <= $2::date) AS recovery_prior_12w,
         avg(mood_score) FILTER (WHERE workout_date > $2::date) AS mood_4w,
         avg(mood_score) FILTER (WHERE workout_date <= $2::date) AS mood_prior_12w
  FROM workouts
  WHERE workout_date > $4::date AND workout_date <= $1::date`;

// Each exercise trained in the last 12 weeks, with its newest sessions of the last year.
const EXERCISES_SQL = `
  WITH sets AS (
    SELECT exercise_id, workout_date, weight_kg, tut_seconds,
           row_number() OVER (PARTITION BY exercise_id ORDER BY workout_date DESC, template_id DESC) AS k,
           count(*) FILTER (WHERE workout_date > $2::date) OVER (PARTITION BY exercise_id) AS sessions_12w
    FROM workout_sets
    WHERE workout_date > $3::date AND workout_date <= $1::date
  )
  SELECT s.exercise_id, coalesce(e.exercise_name, s.exercise_id) AS exercise_name, s.sessions_12w::int AS sessions_12w,
         s.k::int AS k, s.weight_kg, s.tut_seconds
  FROM sets s LEFT JOIN exercises e ON e.exercise_id = s.exercise_id
  WHERE s.sessions_12w > 0 AND s.k <= ${SESSIONS_COMPARED}
  ORDER BY s.exercise_id, s.k DESC`;

interface SessionsRow {
  sessions_4w: number;
  sessions_12w: number;
  recovery_4w: string | null;
  recovery_prior_12w: string | null;
  mood_4w: string | null;
  mood_prior_12w: string | null;
}

interface ExerciseRow {
  exercise_id: string;
  exercise_name: string;
  sessions_12w: number;
  k: number;
  weight_kg: string | null;
  tut_seconds: string | number | null;
}

export interface Session {
  weight: number;
  tut: number;
}

/** Compares the newest of the sessions (oldest first) with the first: weight first, then time under tension. */
export function exerciseStatus(sessions: readonly Session[]): ExerciseStatus {
  if (sessions.length < SESSIONS_COMPARED) return 'new';
  const first = sessions[sessions.length - SESSIONS_COMPARED];
  const last = sessions[sessions.length - 1];
  if (last.weight !== first.weight) return last.weight > first.weight ? 'progressing' : 'regressing';
  const dTut = last.tut - first.tut;
  if (Math.abs(dTut) <= TUT_TOLERANCE_SECONDS) return 'stalled';
  return dTut > 0 ? 'progressing' : 'regressing';
}

const STATUS_ORDER: Record<ExerciseStatus, number> = { stalled: 0, regressing: 1, progressing: 2, new: 3 };

export function exerciseProgress(rows: readonly ExerciseRow[]): ExerciseProgress[] {
  const byExercise = new Map<string, ExerciseRow[]>();
  for (const r of rows) byExercise.set(r.exercise_id, [...(byExercise.get(r.exercise_id) ?? []), r]);
  const out: ExerciseProgress[] = [];
  for (const [id, list] of byExercise) {
    // Rows come oldest first (k descending).
    const sessions = list.map((r) => ({ weight: numOrNull(r.weight_kg) ?? 0, tut: numOrNull(r.tut_seconds) ?? 0 }));
    const newest = list[list.length - 1];
    out.push({
      exercise_id: id,
      exercise_name: newest.exercise_name,
      sessions_12w: newest.sessions_12w,
      last_weight_kg: numOrNull(newest.weight_kg),
      last_tut_seconds: numOrNull(newest.tut_seconds),
      status: exerciseStatus(sessions),
    });
  }
  return out.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.exercise_name.localeCompare(b.exercise_name));
}

const score = (v: string | null) => {
  const n = numOrNull(v);
  return n === null ? null : round(n, 2);
};

export async function readTrainingInsights(db: Queryable, ctx: InsightContext): Promise<Figures<TrainingInsights>> {
  const today = ctx.today.date;
  const [sessions, exercises] = await Promise.all([
    db.query<SessionsRow>(SESSIONS_SQL, [today, addDays(today, -28), addDays(today, -84), addDays(today, -112)]),
    db.query<ExerciseRow>(EXERCISES_SQL, [today, addDays(today, -84), addDays(today, -LOOKBACK_DAYS)]),
  ]);
  const s = sessions.rows[0];
  return {
    sessions_per_week_4w: round(s.sessions_4w / 4, 2),
    sessions_per_week_12w: round(s.sessions_12w / 12, 2),
    exercises: exerciseProgress(exercises.rows),
    recovery_score: { mean_4w: score(s.recovery_4w), mean_prior_12w: score(s.recovery_prior_12w) },
    mood_score: { mean_4w: score(s.mood_4w), mean_prior_12w: score(s.mood_prior_12w) },
  };
}
