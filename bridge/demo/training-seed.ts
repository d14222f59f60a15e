// Writes the training demo: templates and exercises, measurements and workouts with their sets.
import type pg from 'pg';
import { addDays } from '../time/local-date';
import { BulkInsert } from './demo-sql';
import { EXERCISES, TEMPLATES, measurementFor, workoutDays, workoutFor } from './training-demo';

async function ensureCatalog(client: pg.PoolClient): Promise<Record<string, number>> {
  const templates = new BulkInsert(client, 'workout_templates', [['template_id', 'text'], ['template_name', 'text'], ['workout_type', 'text'], ['target_duration_min', 'int']]);
  for (const t of TEMPLATES) await templates.add(t.id, t.name, t.type, t.targetMin);
  const exercises = new BulkInsert(client, 'exercises', [['exercise_id', 'text'], ['exercise_name', 'text'], ['muscle_group', 'text'],
    ['movement_type', 'text'], ['equipment', 'text'], ['target_tut_min', 'int'], ['target_tut_max', 'int']]);
  for (const e of EXERCISES) await exercises.add(e.id, e.name, e.muscle, e.movement, e.equipment, e.tutMin, e.tutMax);
  return { workout_templates: await templates.flush(), exercises: await exercises.flush() };
}

/** Measurements of the days from `from` to `to`, both included. */
async function insertMeasurements(client: pg.PoolClient, seed: number, from: string, to: string): Promise<number> {
  const bulk = new BulkInsert(client, 'measurements', [
    ['measurement_date', 'date'], ['bodyweight_kg', 'numeric'], ['bodyfat_pct', 'numeric'], ['notes', 'text'], ['data_source', 'text'],
  ]);
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const m = measurementFor(seed, date);
    if (m) await bulk.add(m.date, m.bodyweightKg.toFixed(2), m.bodyfatPct === null ? null : m.bodyfatPct.toFixed(2), m.notes, m.dataSource);
  }
  return bulk.flush();
}

/** Workouts (and their sets) of the chain days in [from, to). */
async function insertWorkouts(client: pg.PoolClient, seed: number, from: string, to: string): Promise<{ workouts: number; workout_sets: number }> {
  const workouts = new BulkInsert(client, 'workouts', [
    ['workout_date', 'date'], ['template_id', 'text'], ['location', 'text'], ['duration_min', 'int'], ['days_since_last_workout', 'int'],
    ['recovery_score', 'int'], ['mood_score', 'int'], ['notes', 'text'], ['data_source', 'text'],
  ]);
  const sets = new BulkInsert(client, 'workout_sets', [
    ['workout_date', 'date'], ['template_id', 'text'], ['exercise_id', 'text'], ['weight_kg', 'numeric'], ['tut_seconds', 'int'],
    ['max_effort', 'boolean'], ['form_ok', 'boolean'],
  ]);
  const all = workoutDays(seed, from, to).map((d) => workoutFor(seed, d));
  for (const w of all) {
    await workouts.add(w.date, w.templateId, w.location, w.durationMin, w.daysSinceLast, w.recovery, w.mood, w.notes, 'Sheet');
  }
  // Sets reference their workout, so the workouts go first.
  await workouts.flush();
  for (const w of all) {
    for (const s of w.sets) await sets.add(w.date, w.templateId, s.exerciseId, s.weightKg.toFixed(2), s.tutSeconds, s.maxEffort, s.formOk);
  }
  return { workouts: workouts.inserted, workout_sets: await sets.flush() };
}

/** The first start: measurements from `from` to today, workouts from `from` up to yesterday. */
export async function seedTraining(client: pg.PoolClient, seed: number, today: string, from: string): Promise<Record<string, number>> {
  const catalog = await ensureCatalog(client);
  const measurements = await insertMeasurements(client, seed, from, today);
  // Today's session has not happened yet: the demo shows a rest or training day.
  const w = await insertWorkouts(client, seed, from, today);
  return { ...catalog, measurements, ...w };
}

/** Later starts: the days after the newest measurement and the newest workout. */
export async function topUpTraining(client: pg.PoolClient, seed: number, today: string): Promise<Record<string, number>> {
  const { rows } = await client.query<{ m: string | null; w: string | null }>(
    `SELECT (SELECT max(measurement_date)::text FROM measurements) AS m, (SELECT max(workout_date)::text FROM workouts) AS w`,
  );
  const { m, w } = rows[0];
  const counts: Record<string, number> = { measurements: 0, workouts: 0, workout_sets: 0 };
  if (m && m < today) counts.measurements = await insertMeasurements(client, seed, addDays(m, 1), today);
  if (w && addDays(w, 1) < today) Object.assign(counts, await insertWorkouts(client, seed, addDays(w, 1), today));
  return counts;
}
