// The training side of the weekly series: per week the workouts with their mean mood, recovery and
// rest days, and the mean weight.
import type { DayRange } from '../time/day-range';
import type { TrainingRepository } from './training-repository';

/** Rest days count only after a break of at most this many days: a longer one is a pause, not a rest. */
export const REST_LOOKBACK_DAYS = 60;

export interface WorkoutWeek {
  workouts: number;
  mood: number | null;
  recovery: number | null;
  rest_days: number | null;
}

const mean = (sum: number, n: number) => (n > 0 ? sum / n : null);

/** Per week (Monday): the workouts and their means. */
export async function readWorkoutWeeks(repo: TrainingRepository, range: DayRange): Promise<Map<string, WorkoutWeek>> {
  const sums = await repo.workoutWeeks(range, REST_LOOKBACK_DAYS);
  const out = new Map<string, WorkoutWeek>();
  for (const [week, s] of sums) {
    out.set(week, { workouts: s.workouts, mood: mean(s.mood_sum, s.mood_n), recovery: mean(s.recovery_sum, s.recovery_n), rest_days: mean(s.rest_sum, s.rest_n) });
  }
  return out;
}

/** Per week (Monday): the mean weight. */
export async function readWeightWeeks(repo: TrainingRepository, range: DayRange): Promise<Map<string, number>> {
  const sums = await repo.weightWeeks(range);
  return new Map([...sums].map(([week, s]) => [week, s.sum / s.n]));
}
