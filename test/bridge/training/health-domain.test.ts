// Body composition, workouts and the training-day rule of autonomous_training, over crafted rows
// in the in-memory repository (held to the PostgreSQL one by training-repository.contract.test.ts).
import { beforeEach, describe, expect, it } from 'vitest';
import { readHealth } from '../../../bridge/training/health-domain';
import { trainingSuggestion } from '../../../bridge/training/training-suggestion';
import { fixedClock } from '../../../bridge/time/clock';
import { addDays, localDate } from '../../../bridge/time/local-date';
import { InMemoryTrainingRepository } from '../../fixtures/repositories/in-memory-training';
import { todayAt } from '../source-rows';

let db: InMemoryTrainingRepository;

beforeEach(() => {
  db = new InMemoryTrainingRepository({
    workout_templates: [
      { template_id: 'hit_upper_a', template_name: 'HIT Upper A', workout_type: 'HIT Upper' },
      { template_id: 'hit_lower_a', template_name: 'HIT Lower A', workout_type: 'HIT Lower' },
    ],
  });
});

function measure(rows: [date: string, weight: string, bodyfat: string | null][]): void {
  db.insert({ measurements: rows.map(([measurement_date, bodyweight_kg, bodyfat_pct]) => ({ measurement_date, bodyweight_kg, bodyfat_pct })) });
}

function workout(date: string, template = 'hit_upper_a', o: { location?: string; duration?: number } = {}): void {
  db.insert({ workouts: [{ workout_date: date, template_id: template, location: o.location ?? 'home', duration_min: o.duration ?? 25 }] });
}

// Wednesday 12 March 2025, 08:00 in Warsaw; its ISO week started on Monday the 10th.
const WEDNESDAY = '2025-03-12T08:00:00+01:00';

describe('readHealth body composition', () => {
  it('takes the body composition from the newest row of v_body_composition', async () => {
    measure([
      ['2025-02-20', '82.00', '21.00'],
      ['2025-03-05', '81.40', '20.50'],
    ]);
    const h = await readHealth(db, { today: todayAt(WEDNESDAY) });
    expect(h).toMatchObject({
      measurement_date: '2025-03-05',
      bodyweight_kg: 81.4,
      bodyfat_pct: 20.5,
      estimated_lean_mass: 64.7, // 81.4 × (1 − 20.5 / 100) = 64.713
      weight_change: -0.6,
      bodyfat_change: -0.5,
      weight_trend: 'LOSING',
    });
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
    measure([
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
  it('counts days since the latest workout_date and ignores a future-dated workout', async () => {
    workout('2025-03-02', 'hit_lower_a');
    workout('2025-03-09', 'hit_upper_a', { location: 'gym', duration: 32 });
    workout('2025-03-20', 'hit_lower_a'); // a typo in the sheet: not done yet
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
    workout('2025-03-09'); // Sunday: last week
    workout('2025-03-10'); // Monday
    workout('2025-03-12'); // Wednesday, today in Warsaw
    workout('2025-03-13'); // Thursday: not yet
    // 00:30 on Wednesday in Warsaw is 23:30 on Tuesday in UTC.
    const at = '2025-03-12T00:30:00+01:00';
    expect(localDate(fixedClock(at).now(), 'UTC').date).toBe('2025-03-11');
    const h = await readHealth(db, { today: todayAt(at) });
    expect([h.workouts_this_week, h.days_since_workout]).toEqual([2, 0]);
    const utc = await readHealth(db, { today: localDate(fixedClock(at).now(), 'UTC') });
    expect([utc.workouts_this_week, utc.days_since_workout]).toEqual([1, 1]);
  });

  it('starts the week on Monday at 00:00 Warsaw time and ends it on Sunday', async () => {
    workout('2025-03-05'); // Wednesday of the week before
    workout('2025-03-09'); // Sunday
    workout('2025-03-10'); // Monday
    // Monday 00:30 in Warsaw (Sunday 23:30 UTC): only Monday's workout is this week; in UTC it
    // would still be last week, with two workouts.
    const monday = await readHealth(db, { today: todayAt('2025-03-10T00:30:00+01:00') });
    expect(monday.workouts_this_week).toBe(1);
    const mondayUtc = await readHealth(db, { today: localDate(fixedClock('2025-03-10T00:30:00+01:00').now(), 'UTC') });
    expect(mondayUtc.workouts_this_week).toBe(2);
    workout('2025-03-16'); // Sunday of the same week
    workout('2025-03-17'); // next Monday
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
      db.rows.workouts.length = 0;
      workout(addDays(today.date, -days));
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
