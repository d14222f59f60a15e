// The user's rule for what today should be, from the days since the last workout.
import type { TrainingSuggestionCode } from '../contract/twin-state';

export function trainingSuggestion(daysSinceWorkout: number | null): { code: TrainingSuggestionCode; text: string } {
  if (daysSinceWorkout === null) return { code: 'no_workouts', text: '📝 Log your first workout' };
  if (daysSinceWorkout <= 0) return { code: 'done_today', text: '✅ Workout done today' };
  if (daysSinceWorkout <= 2) return { code: 'rest_day', text: '😴 Rest day' };
  if (daysSinceWorkout <= 5) return { code: 'training_day', text: '🏋️ Train Today' };
  return { code: 'overdue', text: `⚠️ Overdue: ${daysSinceWorkout} days without a workout, Train Today` };
}
