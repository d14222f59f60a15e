// The body and training insights over planted histories in the in-memory repository (held to the
// PostgreSQL one by training-repository.contract.test.ts): each planted effect is found with its
// sign and size, and every figure agrees with an independent computation over the planted rows.
import { linearRegression, mean } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { readBodyInsights } from '../../../bridge/training/body-insights';
import { readTrainingInsights } from '../../../bridge/training/training-insights';
import { readWeightWeeks, readWorkoutWeeks } from '../../../bridge/training/weekly-training';
import { addDays, daysBetween } from '../../../bridge/time/local-date';
import { InMemoryTrainingRepository } from '../../fixtures/repositories/in-memory-training';
import { WEIGHT_SLOPE_PER_WEEK, plantedBody, plantedTraining, plantedWeeks } from '../insights/planted-data';
import { todayAt } from '../source-rows';

// Wednesday 17 June 2026, 10:00 in Warsaw.
const today = todayAt('2026-06-17T10:00:00+02:00');
const ctx = { today, currency: 'PLN' };
const weeks = plantedWeeks(today.weekStart, 60, 42);
const training = plantedTraining(weeks);
const repo = new InMemoryTrainingRepository({ ...training, measurements: plantedBody(today.date) });
const workouts = training.workouts ?? [];

describe('body', () => {
  it('finds the planted −0.3 kg a week, as a least-squares slope does, and a body-fat target date range', async () => {
    const body = await readBodyInsights(repo, ctx);
    expect(body.weight_kg_per_week_30d).toBeCloseTo(WEIGHT_SLOPE_PER_WEEK, 1);
    const slope = linearRegression(plantedBody(today.date).map((m) => [daysBetween(today.date, m.measurement_date), Number(m.bodyweight_kg)])).m * 7;
    expect(Math.abs(body.weight_kg_per_week_30d! - slope)).toBeLessThan(0.03);
    expect(body.weight_kg_per_week_7d).toBeLessThan(0);
    expect(body.bodyfat_pct_per_week_30d).toBeCloseTo(-0.1, 1);
    expect(body.bodyfat_pct).toBe(Number(plantedBody(today.date).at(-1)!.bodyfat_pct));
    // From 20 % at −0.1 a week, 15 % is about 50 weeks away; the range holds that point.
    const { earliest, latest } = body.target_date!;
    const expected = addDays(today.date, 350);
    expect(earliest <= expected && expected <= latest).toBe(true);
  });

  it('has no slopes and no target date without measurements, and says when the target is reached', async () => {
    const none = await readBodyInsights(new InMemoryTrainingRepository(), ctx);
    expect(none).toMatchObject({ weight_kg_per_week_30d: null, bodyfat_pct: null, target_reached: false, target_date: null });
    const lean = new InMemoryTrainingRepository({ measurements: [{ measurement_date: addDays(today.date, -40), bodyweight_kg: '70.00', bodyfat_pct: '14.50' }] });
    expect(await readBodyInsights(lean, ctx)).toMatchObject({ bodyfat_pct: 14.5, target_reached: true, target_date: null, weight_kg_per_week_30d: null });
  });
});

describe('training', () => {
  it('tells the progressing press from the stalled row, with sessions counted over the planted rows', async () => {
    const t = await readTrainingInsights(repo, ctx);
    const byId = new Map(t.exercises.map((e) => [e.exercise_id, e]));
    expect(byId.get('ex_press')?.status).toBe('progressing');
    expect(byId.get('ex_row')).toMatchObject({ status: 'stalled', last_weight_kg: 50 });
    expect(t.exercises[0].exercise_id).toBe('ex_row');
    const after = (days: number) => workouts.filter((w) => w.workout_date > addDays(today.date, -days) && w.workout_date <= today.date);
    expect(t.sessions_per_week_4w).toBeCloseTo(after(28).length / 4, 2);
    expect(t.sessions_per_week_12w).toBeCloseTo(after(84).length / 12, 2);
    expect(byId.get('ex_press')?.sessions_12w).toBe(after(84).length);
    expect(t.mood_score.mean_4w).toBeCloseTo(mean(after(28).map((w) => w.mood_score!)), 2);
  });

  it('gives the weekly workouts with their means, and the mean weight of each week', async () => {
    const range = { from: weeks[0].monday, to: today.weekStart, open: today.monthStart };
    const perWeek = await readWorkoutWeeks(repo, range);
    expect([...perWeek.keys()]).toEqual(weeks.map((w) => w.monday));
    for (const w of weeks) {
      const days = workouts.filter((x) => x.workout_date >= w.monday && x.workout_date < addDays(w.monday, 7));
      expect(perWeek.get(w.monday)).toMatchObject({ workouts: w.workouts, mood: mean(days.map((x) => x.mood_score!)) });
    }
    // Mon, Wed, Fri, Sat: one day's rest before Wednesday and Friday, none before Saturday.
    const full = weeks.find((w, i) => w.workouts === 4 && weeks[i - 1]?.workouts === 4)!;
    expect(perWeek.get(full.monday)?.rest_days).toBeCloseTo((1 + 1 + 1 + 0) / 4, 9);
    const weights = await readWeightWeeks(repo, { from: addDays(today.weekStart, -28), to: addDays(today.date, 1), open: today.monthStart });
    const thisWeek = plantedBody(today.date).filter((m) => m.measurement_date >= today.weekStart);
    expect(weights.get(today.weekStart)).toBeCloseTo(mean(thisWeek.map((m) => Number(m.bodyweight_kg))), 9);
  });
});
