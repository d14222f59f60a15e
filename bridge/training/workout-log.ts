// autonomous_training → the last sessions and each exercise's progression, for /workout. Both
// reads are bounded by workout_date, so their cost stays flat as the years add up.
import type { ExerciseProgression, ExerciseSet, ExerciseTrend, WorkoutData } from '../contract/n8n-responses';
import type { ExerciseStatus } from '../contract/insights';
import { exerciseStatus } from './training-insights';
import type { ExerciseSetRow, TrainingRepository } from './training-repository';
import { addDays } from '../time/local-date';

export const SESSIONS_SHOWN = 5;
export const PROGRESSION_WEEKS = 12;
const SETS_PER_EXERCISE = 5;

const TREND_OF: Record<ExerciseStatus, ExerciseTrend> = { progressing: 'up', regressing: 'down', stalled: 'flat', new: 'new' };

/** The insights' rule for an exercise's progress, over the sets shown (newest first), as an arrow. */
export function exerciseTrend(sets: readonly ExerciseSet[]): ExerciseTrend {
  const sessions = sets.map((s) => ({ weight: s.weight_kg ?? 0, tut: s.tut_seconds ?? 0 })).reverse();
  return TREND_OF[exerciseStatus(sessions)];
}

function progression(rows: readonly ExerciseSetRow[]): ExerciseProgression[] {
  const byExercise = new Map<string, { name: string; sets: ExerciseSet[] }>();
  for (const r of rows) {
    const entry = byExercise.get(r.exercise_id) ?? { name: r.exercise_name, sets: [] };
    entry.sets.push({ date: r.date, weight_kg: r.weight_kg, tut_seconds: r.tut_seconds });
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

export async function readWorkoutLog(repo: TrainingRepository, today: string): Promise<WorkoutData> {
  const [sessions, sets] = await Promise.all([
    repo.sessions(today, SESSIONS_SHOWN),
    repo.newestSets(addDays(today, -7 * PROGRESSION_WEEKS), today, SETS_PER_EXERCISE),
  ]);
  return { today, window_weeks: PROGRESSION_WEEKS, sessions, progression: progression(sets) };
}
