// Histories with known effects planted in them, written with plain SQL into the real databases:
// a weight trend, one exercise progressing and one stalled, a category far above its baseline, and
// weekly restaurant spending that falls with the number of workouts.
import type pg from 'pg';
import { addDays } from '../../../bridge/time/local-date';

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
export async function plantBody(db: pg.Pool, today: string, seed = 1): Promise<void> {
  const r = rng(seed);
  for (let back = 29; back >= 0; back--) {
    const day = addDays(today, -back);
    const weight = 85 + (WEIGHT_SLOPE_PER_WEEK / 7) * -back + (r() - 0.5) * 0.2;
    const fat = 20 + (-0.1 / 7) * -back + (r() - 0.5) * 0.04;
    await db.query('INSERT INTO measurements (measurement_date, bodyweight_kg, bodyfat_pct, data_source) VALUES ($1, $2, $3, $4)', [
      day,
      weight.toFixed(2),
      fat.toFixed(2),
      'Manual',
    ]);
  }
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
export async function plantTraining(db: pg.Pool, weeks: readonly PlantedWeek[]): Promise<void> {
  await db.query(`INSERT INTO workout_templates (template_id, template_name, workout_type) VALUES ('hit_full', 'HIT Full', 'HIT Full Body') ON CONFLICT DO NOTHING`);
  await db.query(`
    INSERT INTO exercises (exercise_id, exercise_name, muscle_group, movement_type) VALUES
      ('ex_press', 'Chest press', 'Chest', 'Compound'), ('ex_row', 'Seated row', 'Back', 'Compound')
    ON CONFLICT DO NOTHING`);
  const r = rng(7);
  let press = 20;
  for (const w of weeks) {
    for (const offset of [0, 2, 4, 5].slice(0, w.workouts)) {
      const day = addDays(w.monday, offset);
      await db.query(
        `INSERT INTO workouts (workout_date, template_id, duration_min, recovery_score, mood_score) VALUES ($1, 'hit_full', 25, $2, $3)`,
        [day, 1 + Math.floor(r() * 5), 1 + Math.floor(r() * 5)],
      );
      press += 2.5;
      await db.query(
        `INSERT INTO workout_sets (workout_date, template_id, exercise_id, weight_kg, tut_seconds) VALUES
           ($1, 'hit_full', 'ex_press', $2, 70), ($1, 'hit_full', 'ex_row', 50, $3)`,
        [day, press, 60 + Math.round((r() - 0.5) * 4)],
      );
    }
  }
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
