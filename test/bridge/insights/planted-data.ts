// Histories with known effects planted in them, as rows (for the in-memory training repository) or
// written with plain SQL into the real databases:
// a weight trend, one exercise progressing and one stalled, a category far above its baseline, and
// weekly restaurant spending that falls with the number of workouts.
import type pg from 'pg';
import { addDays } from '../../../bridge/time/local-date';
import type { MeasurementRow, TrainingRows } from '../../fixtures/repositories/in-memory-training';
import { insertTrainingRows } from '../../fixtures/repositories/training-rows-sql';

/** A small deterministic generator (mulberry32), so a seed gives the same history every time. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const WEIGHT_SLOPE_PER_WEEK = -0.3;

/** Daily weigh-ins over 30 days, losing 0.3 kg a week with ±0.1 kg of noise; body fat −0.1 point a week. */
export function plantedBody(today: string, seed = 1): MeasurementRow[] {
  const r = rng(seed);
  const out: MeasurementRow[] = [];
  for (let back = 29; back >= 0; back--) {
    const weight = 85 + (WEIGHT_SLOPE_PER_WEEK / 7) * -back + (r() - 0.5) * 0.2;
    const fat = 20 + (-0.1 / 7) * -back + (r() - 0.5) * 0.04;
    out.push({ measurement_date: addDays(today, -back), bodyweight_kg: weight.toFixed(2), bodyfat_pct: fat.toFixed(2) });
  }
  return out;
}

export async function plantBody(db: pg.Pool, today: string, seed = 1): Promise<void> {
  await insertTrainingRows(db, { measurements: plantedBody(today, seed) });
}

export interface PlantedWeek {
  monday: string;
  workouts: number;
  restaurant: number;
}

/**
 * `weeks` whole weeks before `today`'s week: 1 to 4 workouts each (Mon, Wed, Fri, Sat), each with a
 * press that gains 2.5 kg a session and a row that stays at 50 kg with ±2 s of time under tension;
 * mood and recovery scores at random.
 */
export function plantedTraining(weeks: readonly PlantedWeek[]): Partial<TrainingRows> {
  const rows: Partial<TrainingRows> & Pick<TrainingRows, 'workouts' | 'workout_sets'> = {
    workout_templates: [{ template_id: 'hit_full', template_name: 'HIT Full', workout_type: 'HIT Full Body' }],
    exercises: [
      { exercise_id: 'ex_press', exercise_name: 'Chest press' },
      { exercise_id: 'ex_row', exercise_name: 'Seated row' },
    ],
    workouts: [],
    workout_sets: [],
  };
  const r = rng(7);
  let press = 20;
  for (const w of weeks) {
    for (const offset of [0, 2, 4, 5].slice(0, w.workouts)) {
      const day = addDays(w.monday, offset);
      rows.workouts.push({ workout_date: day, template_id: 'hit_full', duration_min: 25, recovery_score: 1 + Math.floor(r() * 5), mood_score: 1 + Math.floor(r() * 5) });
      press += 2.5;
      const set = { workout_date: day, template_id: 'hit_full' };
      rows.workout_sets.push({ ...set, exercise_id: 'ex_press', weight_kg: press, tut_seconds: 70 }, { ...set, exercise_id: 'ex_row', weight_kg: 50, tut_seconds: 60 + Math.round((r() - 0.5) * 4) });
    }
  }
  return rows;
}

export async function plantTraining(db: pg.Pool, weeks: readonly PlantedWeek[]): Promise<void> {
  await insertTrainingRows(db, plantedTraining(weeks));
}

/** Restaurant spending of each week on its Wednesday, in the category Food > Restaurants. */
export async function plantRestaurants(db: pg.Pool, weeks: readonly PlantedWeek[], categoryId: number): Promise<void> {
  for (const [i, w] of weeks.entries()) {
    await db.query(
      `INSERT INTO transactions (transaction_id, transaction_date, type, amount, merchant_source, category_id) VALUES ($1, $2, 'Expense', $3, 'test', $4)`,
      [`R-${i}-${w.monday}`, addDays(w.monday, 2), w.restaurant.toFixed(2), categoryId],
    );
  }
}

/** Weeks where restaurant spending falls by 70 a workout, with noise of ±150: a moderate link. */
export function plantedWeeks(weekStart: string, count: number, seed: number): PlantedWeek[] {
  const r = rng(seed);
  const out: PlantedWeek[] = [];
  for (let k = count; k >= 1; k--) {
    const workouts = 1 + Math.floor(r() * 4);
    out.push({ monday: addDays(weekStart, -7 * k), workouts, restaurant: Math.max(5, 420 - 70 * workouts + (r() - 0.5) * 300) });
  }
  return out;
}
