// Body composition, workouts and the training-day rule of autonomous_training, with crafted rows.
import type pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readHealth } from '../../../bridge/training/health-domain';
import { trainingSuggestion } from '../../../bridge/training/training-suggestion';
import { fixedClock } from '../../../bridge/time/clock';
import { addDays, localDate } from '../../../bridge/time/local-date';
import { freshDatabases, type TestDatabases } from '../../fixtures/databases';
import { sourcePool, todayAt } from '../source-rows';

let dbs: TestDatabases;
let db: pg.Pool;

beforeAll(async () => {
  dbs = await freshDatabases();
  db = sourcePool(dbs.training, 'training');
  await db.query(`
    INSERT INTO workout_templates (template_id, template_name, workout_type) VALUES
      ('hit_upper_a', 'HIT Upper A', 'HIT Upper'),
      ('hit_lower_a', 'HIT Lower A', 'HIT Lower')`);
});
afterAll(async () => {
  await db?.end();
  await dbs?.drop();
});
beforeEach(async () => {
  await db.query('DELETE FROM measurements; DELETE FROM workout_sets; DELETE FROM workouts');
});

async function measure(rows: [date: string, weight: string, bodyfat: string | null][]): Promise<void> {
  for (const [date, weight, fat] of rows) {
    await db.query('INSERT INTO measurements (measurement_date, bodyweight_kg, bodyfat_pct, data_source) VALUES ($1, $2, $3, $4)', [date, weight, fat, 'Manual']);
  }
}

async function workout(date: string, template = 'hit_upper_a', o: { handTypedDays?: number | null; location?: string; duration?: number } = {}) {
  await db.query(
    `INSERT INTO workouts (workout_date, template_id, location, duration_min, days_since_last_workout) VALUES ($1, $2, $3, $4, $5)`,
    [date, template, o.location ?? 'home', o.duration ?? 25, o.handTypedDays ?? null],
  );
}

// Wednesday 12 March 2025, 08:00 in Warsaw; its ISO week started on Monday the 10th.
const WEDNESDAY = '2025-03-12T08:00:00+01:00';

describe('readHealth body composition', () => {
  it('takes the newest row of v_body_composition; a null body fat gives lean mass at 20 % and stays null', async () => {
    await measure([
      ['2025-03-01', '80.00', '20.00'],
      ['2025-03-08', '80.80', null],
    ]);
    const h = await readHealth(db, { today: todayAt(WEDNESDAY) });
    expect(h).toMatchObject({
      measurement_date: '2025-03-08',
      bodyweight_kg: 80.8,
      bodyfat_pct: null,
      estimated_lean_mass: 64.6, // 80.8 × (1 − 20 / 100) = 64.64
      weight_change: 0.8,
      bodyfat_change: null,
      weight_trend: 'GAINING',
    });
  });

  it('reports LOSING below −0.5 kg, STABLE at exactly ±0.5 kg, and lean mass from the measured body fat', async () => {
    await measure([
      ['2025-02-01', '82.00', '22.00'],
      ['2025-02-08', '81.40', '21.50'],
    ]);
    const losing = await readHealth(db, { today: todayAt(WEDNESDAY) });
    expect(losing).toMatchObject({ weight_change: -0.6, bodyfat_change: -0.5, weight_trend: 'LOSING', bodyfat_pct: 21.5, estimated_lean_mass: 63.9 }); // 81.4 × 0.785 = 63.899
    await measure([['2025-02-15', '81.90', '21.50']]);
    const stableUp = await readHealth(db, { today: todayAt(WEDNESDAY) });
    expect([stableUp.weight_change, stableUp.weight_trend]).toEqual([0.5, 'STABLE']);
    await measure([['2025-02-22', '81.40', '21.50']]);
    const stableDown = await readHealth(db, { today: todayAt(WEDNESDAY) });
    expect([stableDown.weight_change, stableDown.weight_trend]).toEqual([-0.5, 'STABLE']);
  });

  it('a single measurement has no change and is STABLE', async () => {
    await measure([['2025-03-10', '75.25', '15.00']]);
    const h = await readHealth(db, { today: todayAt(WEDNESDAY) });
    expect(h).toMatchObject({ bodyweight_kg: 75.25, bodyfat_pct: 15, weight_change: null, weight_trend: 'STABLE', estimated_lean_mass: 64 });
  });

  it('gives nulls, zero workouts and "log your first workout" on an empty database', async () => {
    const h = await readHealth(db, { today: todayAt(WEDNESDAY) });
    expect(h).toEqual({
      measurement_date: null,
      bodyweight_kg: null,
      bodyfat_pct: null,
      estimated_lean_mass: null,
      weight_change: null,
      bodyfat_change: null,
      weight_trend: null,
      last_workout: null,
      days_since_workout: null,
      workouts_this_week: 0,
      training_suggestion: { code: 'no_workouts', text: '📝 Log your first workout' },
      body_series: [],
    });
  });

  it('gives the 90 days up to today as the chart series, oldest first, without older or future-dated rows', async () => {
    const today = todayAt(WEDNESDAY);
    await measure([
      [addDays(today.date, 1), '79.00', '17.00'], // a typo dated tomorrow
      [today.date, '80.10', null],
      [addDays(today.date, -30), '81.25', '18.40'],
      [addDays(today.date, -89), '82.00', '19.00'], // the first of the 90 days
      [addDays(today.date, -90), '83.00', '19.50'], // 91 days ago: outside
    ]);
    const h = await readHealth(db, { today });
    expect(h.body_series).toEqual([
      { date: '2024-12-13', bodyweight_kg: 82, bodyfat_pct: 19 },
      { date: '2025-02-10', bodyweight_kg: 81.25, bodyfat_pct: 18.4 },
      { date: '2025-03-12', bodyweight_kg: 80.1, bodyfat_pct: null },
    ]);
  });
});

describe('readHealth workouts', () => {
  it('counts days since the latest workout_date, not the hand-typed column, and ignores a future-dated workout', async () => {
    await workout('2025-03-02', 'hit_lower_a', { handTypedDays: 0 });
    await workout('2025-03-09', 'hit_upper_a', { handTypedDays: 0, location: 'gym', duration: 32 });
    await workout('2025-03-20', 'hit_lower_a'); // a typo in the sheet: not done yet
    const h = await readHealth(db, { today: todayAt(WEDNESDAY) });
    expect(h.days_since_workout).toBe(3);
    expect(h.last_workout).toEqual({
      date: '2025-03-09',
      template_id: 'hit_upper_a',
      template_name: 'HIT Upper A',
      workout_type: 'HIT Upper',
      location: 'gym',
      duration_min: 32,
    });
    expect(h.training_suggestion?.code).toBe('training_day');
  });

  it('counts workouts of the ISO week (Monday start) in Warsaw, even when UTC is still on the day before', async () => {
    await workout('2025-03-09'); // Sunday: last week
    await workout('2025-03-10'); // Monday
    await workout('2025-03-12'); // Wednesday, today in Warsaw
    await workout('2025-03-13'); // Thursday: not yet
    // 00:30 on Wednesday in Warsaw is 23:30 on Tuesday in UTC.
    const at = '2025-03-12T00:30:00+01:00';
    expect(localDate(fixedClock(at).now(), 'UTC').date).toBe('2025-03-11');
    const h = await readHealth(db, { today: todayAt(at) });
    expect([h.workouts_this_week, h.days_since_workout]).toEqual([2, 0]);
    const utc = await readHealth(db, { today: localDate(fixedClock(at).now(), 'UTC') });
    expect([utc.workouts_this_week, utc.days_since_workout]).toEqual([1, 1]);
  });

  it('starts the week on Monday at 00:00 Warsaw time and ends it on Sunday', async () => {
    await workout('2025-03-05'); // Wednesday of the week before
    await workout('2025-03-09'); // Sunday
    await workout('2025-03-10'); // Monday
    // Monday 00:30 in Warsaw (Sunday 23:30 UTC): only Monday's workout is this week; in UTC it
    // would still be last week, with two workouts.
    const monday = await readHealth(db, { today: todayAt('2025-03-10T00:30:00+01:00') });
    expect(monday.workouts_this_week).toBe(1);
    const mondayUtc = await readHealth(db, { today: localDate(fixedClock('2025-03-10T00:30:00+01:00').now(), 'UTC') });
    expect(mondayUtc.workouts_this_week).toBe(2);
    await workout('2025-03-16'); // Sunday of the same week
    await workout('2025-03-17'); // next Monday
    const sunday = await readHealth(db, { today: todayAt('2025-03-16T23:30:00+01:00') });
    expect(sunday.workouts_this_week).toBe(2);
    expect(sunday.days_since_workout).toBe(0);
  });

  it('suggests by days since the last workout: 0 done, 1–2 rest, 3–5 train, 6+ overdue', async () => {
    const today = todayAt(WEDNESDAY);
    const expected: [number, string][] = [
      [0, 'done_today'],
      [1, 'rest_day'],
      [2, 'rest_day'],
      [3, 'training_day'],
      [5, 'training_day'],
      [6, 'overdue'],
      [40, 'overdue'],
    ];
    for (const [days, code] of expected) {
      await db.query('DELETE FROM workouts');
      await workout(addDays(today.date, -days));
      const h = await readHealth(db, { today });
      expect([days, h.days_since_workout, h.training_suggestion?.code]).toEqual([days, days, code]);
    }
  });
});

describe('trainingSuggestion texts', () => {
  it('says Train Today on training days and when overdue, and never on rest days', () => {
    expect(trainingSuggestion(null)).toEqual({ code: 'no_workouts', text: '📝 Log your first workout' });
    expect(trainingSuggestion(0).code).toBe('done_today');
    for (const d of [1, 2]) expect(trainingSuggestion(d).text).not.toContain('Train Today');
    for (const d of [3, 4, 5]) expect(trainingSuggestion(d).text).toContain('Train Today');
    expect(trainingSuggestion(6).text).toMatch(/Overdue: 6 days.*Train Today/);
    expect(trainingSuggestion(6).code).toBe('overdue');
  });
});
