// autonomous_training → the last sessions and each exercise's progression, for /workout. Both
// reads are bounded by workout_date, the leading column of every partition's primary key, so
// their cost stays flat as the years add up.
import type { ExerciseProgression, ExerciseSet, ExerciseTrend, WorkoutData, WorkoutSession } from '../contract/n8n-responses';
import { numOrNull, type Queryable } from '../db/pools';
import type { ExerciseStatus } from '../contract/insights';
import { exerciseStatus } from './training-insights';
import { addDays } from '../time/local-date';

export const SESSIONS_SHOWN = 5;
export const PROGRESSION_WEEKS = 12;
const SETS_PER_EXERCISE = 5;

interface SessionRow {
  workout_date: string;
  template_id: string;
  template_name: string | null;
  workout_type: string | null;
  location: string | null;
  duration_min: number | null;
  recovery_score: number | null;
  mood_score: number | null;
  exercises: number;
}

interface SetRow {
  exercise_id: string;
  exercise_name: string;
  workout_date: string;
  weight_kg: string | null;
  tut_seconds: number | null;
}

const SESSIONS_SQL = `
  SELECT w.workout_date, w.template_id, t.template_name, t.workout_type, w.location, w.duration_min,
         w.recovery_score, w.mood_score,
         (SELECT count(*)::int FROM workout_sets s
           WHERE s.workout_date = w.workout_date AND s.template_id = w.template_id) AS exercises
  FROM workouts w
  LEFT JOIN workout_templates t ON t.template_id = w.template_id
  WHERE w.workout_date <= $1::date
  ORDER BY w.workout_date DESC, w.template_id
  LIMIT $2`;

// The newest sets of each exercise within the window; on a day with the same exercise in two
// templates, the heavier set counts.
const SETS_SQL = `
  SELECT exercise_id, exercise_name, workout_date, weight_kg, tut_seconds
  FROM (
    SELECT s.exercise_id, e.exercise_name, s.workout_date, s.weight_kg, s.tut_seconds,
           row_number() OVER (PARTITION BY s.exercise_id ORDER BY s.workout_date DESC, s.weight_kg DESC NULLS LAST, s.tut_seconds DESC NULLS LAST) AS rn
    FROM workout_sets s
    JOIN exercises e ON e.exercise_id = s.exercise_id
    WHERE s.workout_date > $1::date AND s.workout_date <= $2::date
  ) ranked
  WHERE rn <= $3
  ORDER BY exercise_name, workout_date DESC`;

const TREND_OF: Record<ExerciseStatus, ExerciseTrend> = { progressing: 'up', regressing: 'down', stalled: 'flat', new: 'new' };

/** The insights' rule for an exercise's progress, over the sets shown (newest first), as an arrow. */
export function exerciseTrend(sets: readonly ExerciseSet[]): ExerciseTrend {
  const sessions = sets.map((s) => ({ weight: s.weight_kg ?? 0, tut: s.tut_seconds ?? 0 })).reverse();
  return TREND_OF[exerciseStatus(sessions)];
}

function progression(rows: readonly SetRow[]): ExerciseProgression[] {
  const byExercise = new Map<string, { name: string; sets: ExerciseSet[] }>();
  for (const r of rows) {
    const entry = byExercise.get(r.exercise_id) ?? { name: r.exercise_name, sets: [] };
    entry.sets.push({ date: r.workout_date, weight_kg: numOrNull(r.weight_kg), tut_seconds: r.tut_seconds });
    byExercise.set(r.exercise_id, entry);
  }
  return [...byExercise].map(([id, { name, sets }]) => {
    const [newest, oldest] = [sets[0], sets[sets.length - 1]];
    const change = (a: number | null, b: number | null) => (sets.length < 2 || a === null || b === null ? null : a - b);
    const weight = change(newest.weight_kg, oldest.weight_kg);
    return {
      exercise_id: id,
      exercise_name: name,
      sets,
      weight_change_kg: weight === null ? null : Math.round(weight * 100) / 100,
      tut_change_seconds: change(newest.tut_seconds, oldest.tut_seconds),
      trend: exerciseTrend(sets),
    };
  });
}

export async function readWorkoutLog(db: Queryable, today: string): Promise<WorkoutData> {
  const [sessions, sets] = await Promise.all([
    db.query<SessionRow>(SESSIONS_SQL, [today, SESSIONS_SHOWN]),
    db.query<SetRow>(SETS_SQL, [addDays(today, -7 * PROGRESSION_WEEKS), today, SETS_PER_EXERCISE]),
  ]);
  return {
    today,
    window_weeks: PROGRESSION_WEEKS,
    sessions: sessions.rows.map(
      (r): WorkoutSession => ({
        date: r.workout_date,
        template_id: r.template_id,
        template_name: r.template_name,
        workout_type: r.workout_type,
        location: r.location,
        duration_min: r.duration_min,
        recovery_score: r.recovery_score,
        mood_score: r.mood_score,
        exercises: r.exercises,
      }),
    ),
    progression: progression(sets.rows),
  };
}
