// Writes the training demo: templates and exercises, measurements and workouts with their sets.
import type pg from 'pg';
import { addDays } from '../time/local-date';
import { BulkInsert } from './demo-sql';
import { EXERCISES, TEMPLATES, measurementFor, workoutDays, workoutFor } from './training-demo';

async function ensureCatalog(client: pg.PoolClient): Promise<Record<string, number>> {
  const templates = await client.query(
    `INSERT INTO workout_templates (template_id, template_name, workout_type, target_duration_min)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[]) ON CONFLICT (template_id) DO NOTHING`,
    [TEMPLATES.map((t) => t.id), TEMPLATES.map((t) => t.name), TEMPLATES.map((t) => t.type), TEMPLATES.map((t) => t.targetMin)],
  );
  const exercises = await client.query(
    `INSERT INTO exercises (exercise_id, exercise_name, muscle_group, movement_type, equipment, target_tut_min, target_tut_max)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[]) ON CONFLICT DO NOTHING`,
    [EXERCISES.map((e) => e.id), EXERCISES.map((e) => e.name), EXERCISES.map((e) => e.muscle), EXERCISES.map((e) => e.movement),
      EXERCISES.map((e) => e.equipment), EXERCISES.map((e) => e.tutMin), EXERCISES.map((e) => e.tutMax)],
  );
  return { workout_templates: templates.rowCount ?? 0, exercises: exercises.rowCount ?? 0 };
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
  const { rows } = await client.query(
    `SELECT (SELECT max(measurement_date)::text FROM measurements) AS m, (SELECT max(workout_date)::text FROM workouts) AS w`,
  );
  const counts: Record<string, number> = { measurements: 0, workouts: 0, workout_sets: 0 };
  if (rows[0].m && rows[0].m < today) counts.measurements = await insertMeasurements(client, seed, addDays(rows[0].m, 1), today);
  if (rows[0].w && addDays(rows[0].w, 1) < today) Object.assign(counts, await insertWorkouts(client, seed, addDays(rows[0].w, 1), today));
  return counts;
}
