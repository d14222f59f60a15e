// The /workout log's rules over the in-memory repository (held to the PostgreSQL one by
// training-repository.contract.test.ts): each exercise's progression from its newest sets.
import { describe, expect, it } from 'vitest';
import { PROGRESSION_WEEKS, SESSIONS_SHOWN, exerciseTrend, readWorkoutLog } from '../../../bridge/training/workout-log';
import { addDays } from '../../../bridge/time/local-date';
import { InMemoryTrainingRepository, type SetRow } from '../../fixtures/repositories/in-memory-training';

const TODAY = '2026-03-18';
const EXERCISES = [
  { exercise_id: 'curl', exercise_name: 'Biceps curl' },
  { exercise_id: 'press', exercise_name: 'Chest press' },
  { exercise_id: 'raise', exercise_name: 'Lateral raise' },
];

/** One session every three days back from yesterday, each with the sets `setsOf(i)` gives (i = 0 the newest). */
function log(sessions: number, setsOf: (i: number) => Omit<SetRow, 'workout_date' | 'template_id'>[]): InMemoryTrainingRepository {
  const days = Array.from({ length: sessions }, (_, i) => addDays(TODAY, -1 - 3 * i));
  return new InMemoryTrainingRepository({
    workout_templates: [{ template_id: 'full', template_name: 'HIT Full', workout_type: 'HIT Full Body' }],
    exercises: EXERCISES,
    workouts: days.map((d) => ({ workout_date: d, template_id: 'full' })),
    workout_sets: days.flatMap((d, i) => setsOf(i).map((s) => ({ ...s, workout_date: d, template_id: 'full' }))),
  });
}

describe('the workout log', () => {
  it('shows the newest sessions and at most five sets an exercise, with the change from the oldest shown to the newest', async () => {
    const data = await readWorkoutLog(
      log(8, (i) => [{ exercise_id: 'press', weight_kg: (60 - 1.1 * i).toFixed(2), tut_seconds: 70 + i }]),
      TODAY,
    );
    expect(data).toMatchObject({ today: TODAY, window_weeks: PROGRESSION_WEEKS });
    expect(data.sessions.map((s) => s.date)).toEqual([1, 4, 7, 10, 13].map((d) => addDays(TODAY, -d)));
    expect(data.sessions).toHaveLength(SESSIONS_SHOWN);
    const [press] = data.progression;
    expect(press.sets.map((s) => s.weight_kg)).toEqual([60, 58.9, 57.8, 56.7, 55.6]);
    // 60 − 55.6 in binary floating point is 4.399999…: shown to the cent.
    expect(press).toMatchObject({ weight_change_kg: 4.4, tut_change_seconds: -4, trend: 'up' });
  });

  it('has no change for a single set, none for a missing weight, and lists exercises by name', async () => {
    const data = await readWorkoutLog(
      log(2, (i) => [{ exercise_id: 'raise', weight_kg: i === 0 ? '8.00' : null, tut_seconds: 60 }, ...(i === 0 ? [{ exercise_id: 'curl', weight_kg: '12.50', tut_seconds: 45 }] : [])]),
      TODAY,
    );
    expect(data.progression.map((p) => [p.exercise_name, p.weight_change_kg, p.tut_change_seconds, p.trend])).toEqual([
      ['Biceps curl', null, null, 'new'],
      ['Lateral raise', null, 0, 'new'],
    ]);
  });

  it('leaves out a set just before the 12-week window, and gives an empty log on an empty database', async () => {
    const old = log(1, () => [{ exercise_id: 'press', weight_kg: 50, tut_seconds: 60 }]);
    const data = await readWorkoutLog(old, addDays(TODAY, 7 * PROGRESSION_WEEKS - 1));
    expect([data.sessions.length, data.progression]).toEqual([1, []]);
    expect(await readWorkoutLog(new InMemoryTrainingRepository(), TODAY)).toEqual({ today: TODAY, window_weeks: PROGRESSION_WEEKS, sessions: [], progression: [] });
  });

  it('points the arrow as the insights judge progress: weight first, then time under tension beyond five seconds', () => {
    const sets = (...pairs: [number | null, number | null][]) => pairs.map(([weight_kg, tut_seconds], i) => ({ date: addDays(TODAY, -i), weight_kg, tut_seconds }));
    expect(exerciseTrend(sets([60, 60], [60, 60], [60, 60], [57.5, 90]))).toBe('up');
    expect(exerciseTrend(sets([55, 90], [60, 60], [60, 60], [60, 60]))).toBe('down');
    expect(exerciseTrend(sets([60, 65], [60, 60], [60, 60], [60, 60]))).toBe('flat');
    expect(exerciseTrend(sets([60, 66], [60, 60], [60, 60], [60, 60]))).toBe('up');
    expect(exerciseTrend(sets([null, 60], [null, 60], [null, 60]))).toBe('new');
  });
});
