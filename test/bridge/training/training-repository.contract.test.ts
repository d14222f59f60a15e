// The training repository's contract: the same rows give the same answers in memory and over the
// real PostgreSQL (the user's schema and v_body_composition), case by case and for random histories.
// The in-memory repository that the rule tests use is held to the real one here.
import fc from 'fast-check';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { PgTrainingRepository, type TrainingRepository } from '../../../bridge/training/training-repository';
import { addDays, type LocalDate } from '../../../bridge/time/local-date';
import { InMemoryTrainingRepository, type TrainingRows } from '../../fixtures/repositories/in-memory-training';
import { clearTrainingRows, insertTrainingRows } from '../../fixtures/repositories/training-rows-sql';
import { todayAt } from '../source-rows';
import { withSourcePool } from '../source-database';

let db: pg.Pool;
withSourcePool('training', (pool) => {
  db = pool;
});

type Make = (rows: Partial<TrainingRows>) => Promise<TrainingRepository>;

const inMemory: Make = async (rows) => new InMemoryTrainingRepository(rows);
const postgres: Make = async (rows) => {
  await clearTrainingRows(db);
  await insertTrainingRows(db, rows);
  return new PgTrainingRepository(db);
};

// Wednesday 12 March 2025 in Warsaw; its week began on Monday the 10th.
const today = todayAt('2025-03-12T08:00:00+01:00');
const TEMPLATES = [
  { template_id: 'hit_lower_a', template_name: 'HIT Lower A', workout_type: 'HIT Lower' },
  { template_id: 'hit_upper_a', template_name: 'HIT Upper A', workout_type: 'HIT Upper' },
];
const EXERCISES = [
  { exercise_id: 'ex_press', exercise_name: 'Chest press' },
  { exercise_id: 'ex_row', exercise_name: 'Seated row' },
  { exercise_id: 'ex_squat', exercise_name: 'Leg press' },
];

const REPOSITORIES: [string, Make][] = [
  ['in memory', inMemory],
  ['PostgreSQL', postgres],
];

describe.each(REPOSITORIES)('the training repository %s: body and measurements', (_name, make) => {
  it('answers an empty database with nothing, zeros and nulls', async () => {
    const r = await make({});
    expect(await answers(r, today, 60)).toEqual({
      body: null,
      bodyOn: null,
      last: null,
      week: 0,
      series: [],
      fat: null,
      sessions: [],
      sets: [],
      stats: { recent: 0, counted: 0, recovery: { recent: null, prior: null }, mood: { recent: null, prior: null } },
      exercises: [],
      workoutWeeks: [],
      weightWeeks: [],
      first: null,
      review: { workouts: 0, minutes: 0, mean_recovery: null, mean_mood: null, mean_weight_kg: null },
    });
    expect(await r.measurementsFingerprint(today.monthStart, 'before')).toMatchObject({ rows: 0 });
  });

  it('gives the newest row of v_body_composition: lean mass at 20 % without body fat, rounded half away from zero', async () => {
    const r = await make({ measurements: [m('2025-03-01', '80.00', '20.00'), m('2025-03-08', '80.80', null)] });
    expect(await r.bodyRow(today.monthStart)).toEqual({
      measurement_date: '2025-03-08',
      bodyweight_kg: 80.8,
      bodyfat_pct: null,
      estimated_lean_mass: 64.6, // 80.8 × 0.8 = 64.64
      weight_change: 0.8,
      bodyfat_change: null,
      weight_trend: 'GAINING',
    });
    // 80.10 × 0.5 = 40.05: 40.1, not the 40.0 of rounding half to even.
    const half = await make({ measurements: [m('2025-03-01', '80.80', '21.00'), m('2025-03-09', '80.10', '50.00')] });
    expect(await half.bodyRow(today.monthStart)).toMatchObject({ estimated_lean_mass: 40.1, weight_change: -0.7, bodyfat_change: 29, weight_trend: 'LOSING' });
  });

  it('calls exactly ±0.5 kg STABLE, a single measurement STABLE, and reads a measurement dated later as the newest', async () => {
    const up = await make({ measurements: [m('2025-02-08', '81.40', '21.50'), m('2025-02-15', '81.90', '21.50')] });
    expect(await up.bodyRow(today.monthStart)).toMatchObject({ weight_change: 0.5, weight_trend: 'STABLE', bodyfat_change: 0 });
    const down = await make({ measurements: [m('2025-02-08', '81.90', null), m('2025-02-15', '81.40', null)] });
    expect(await down.bodyRow(today.monthStart)).toMatchObject({ weight_change: -0.5, weight_trend: 'STABLE' });
    const single = await make({ measurements: [m('2025-03-10', '75.25', '15.00')] });
    expect(await single.bodyRow(today.monthStart)).toMatchObject({ weight_change: null, weight_trend: 'STABLE', estimated_lean_mass: 64 });
    const later = await make({ measurements: [m('2025-03-10', '75.25', '15.00'), m('2025-03-20', '75.00', null)] });
    expect(await later.bodyRow(today.monthStart)).toMatchObject({ measurement_date: '2025-03-20' });
  });

  it('gives the row the view had on top at the end of a past day, its change against the measurement before', async () => {
    const r = await make({ measurements: [m('2025-02-01', '82.00', '20.00'), m('2025-02-10', '81.00', '19.50'), m('2025-03-01', '83.00', null)] });
    expect(await r.bodyRowOn('2025-02-28')).toEqual({
      measurement_date: '2025-02-10',
      bodyweight_kg: 81,
      bodyfat_pct: 19.5,
      estimated_lean_mass: 65.2, // 81 × 0.805 = 65.205
      weight_change: -1,
      bodyfat_change: -0.5,
      weight_trend: 'LOSING',
    });
    expect(await r.bodyRowOn('2025-03-01')).toMatchObject({ measurement_date: '2025-03-01', weight_change: 2, weight_trend: 'GAINING' });
    expect(await r.bodyRowOn('2025-01-31')).toBeNull();
  });

  it('reads measurements after the first day through the last, and the newest body fat up to a day', async () => {
    const r = await make({ measurements: [m('2025-03-01', '82.00', '19.00'), m('2025-03-05', '81.25', '18.40'), m('2025-03-10', '80.10', null), m('2025-03-13', '79.00', '17.00')] });
    expect(await r.measurements('2025-03-01', '2025-03-10')).toEqual([
      { date: '2025-03-05', weight: 81.25, fat: 18.4 },
      { date: '2025-03-10', weight: 80.1, fat: null },
    ]);
    expect(await r.latestBodyfat(today.date)).toBe(18.4);
    expect(await r.latestBodyfat('2025-02-28')).toBeNull();
  });

});

describe.each(REPOSITORIES)('the training repository %s: workouts and sets', (_name, make) => {
  it('finds the last workout up to the day (the later template on a day with two), with its template and the default location', async () => {
    const r = await make({
      workout_templates: TEMPLATES,
      workouts: [w('2025-03-09', 'hit_lower_a', { location: 'gym', duration_min: 32 }), w('2025-03-09', 'hit_upper_a', { duration_min: 25 }), w('2025-03-20', 'hit_lower_a')],
    });
    expect(await r.lastWorkout(today.date)).toEqual({ date: '2025-03-09', template_id: 'hit_upper_a', template_name: 'HIT Upper A', workout_type: 'HIT Upper', location: 'home', duration_min: 25 });
    expect(await r.lastWorkout('2025-03-08')).toBeNull();
    expect(await r.workoutsBetween('2025-03-09', '2025-03-20')).toBe(3);
    expect(await r.workoutsBetween('2025-03-10', '2025-03-19')).toBe(0);
  });

  it('lists the newest sessions (by template on one day) with their exercise counts, and each exercise’s newest sets by name', async () => {
    const r = await make({
      workout_templates: TEMPLATES,
      exercises: EXERCISES,
      workouts: [w('2025-03-03', 'hit_upper_a', { recovery_score: 4, mood_score: 3 }), w('2025-03-10', 'hit_upper_a'), w('2025-03-10', 'hit_lower_a'), w('2025-03-13', 'hit_upper_a')],
      workout_sets: [
        s('2025-03-03', 'hit_upper_a', 'ex_press', '60.00', 70),
        s('2025-03-03', 'hit_upper_a', 'ex_row', '50.00', 60),
        s('2025-03-10', 'hit_upper_a', 'ex_press', '62.50', 65),
        s('2025-03-10', 'hit_lower_a', 'ex_press', '65.00', 40),
        s('2025-03-10', 'hit_lower_a', 'ex_squat', null, null),
        s('2025-03-13', 'hit_upper_a', 'ex_press', '70.00', 60),
      ],
    });
    const sessions = await r.sessions(today.date, 2);
    expect(sessions.map((x) => [x.date, x.template_id, x.exercises])).toEqual([
      ['2025-03-10', 'hit_lower_a', 2],
      ['2025-03-10', 'hit_upper_a', 1],
    ]);
    expect((await r.sessions(today.date, 5))[2]).toMatchObject({ recovery_score: 4, mood_score: 3, location: 'home', template_name: 'HIT Upper A' });
    expect((await r.newestSets('2025-03-03', today.date, 5)).map((x) => [x.exercise_name, x.date, x.weight_kg, x.tut_seconds])).toEqual([
      ['Chest press', '2025-03-10', 65, 40],
      ['Chest press', '2025-03-10', 62.5, 65],
      ['Leg press', '2025-03-10', null, null],
    ]);
    expect((await r.newestSets('2025-01-01', today.date, 1)).map((x) => [x.exercise_id, x.date, x.weight_kg])).toEqual([
      ['ex_press', '2025-03-10', 65],
      ['ex_squat', '2025-03-10', null],
      ['ex_row', '2025-03-03', 50],
    ]);
  });

  it('counts sessions in two windows with numeric means of recovery and mood', async () => {
    const r = await make({
      workout_templates: TEMPLATES,
      workouts: [
        w('2024-11-20', 'hit_upper_a', { recovery_score: 5, mood_score: 5 }), // before the windows
        w('2024-12-10', 'hit_upper_a', { recovery_score: 1, mood_score: null }),
        w('2025-02-13', 'hit_upper_a', { recovery_score: 1, mood_score: 2 }),
        w('2025-02-20', 'hit_upper_a', { recovery_score: 2, mood_score: 4 }),
        w('2025-03-01', 'hit_upper_a', { recovery_score: 2, mood_score: 4 }),
        w('2025-03-13', 'hit_upper_a', { recovery_score: 5, mood_score: 5 }), // after the day
      ],
    });
    const stats = await r.sessionStats(today.date, { after: '2024-11-20', recentAfter: '2025-02-12', countedAfter: '2024-12-15' });
    expect(stats).toEqual({ recent: 3, counted: 3, recovery: { recent: 5 / 3, prior: 1 }, mood: { recent: 10 / 3, prior: null } });
  });

  it('gives the newest sessions of each exercise trained lately, oldest first, by exercise id', async () => {
    const days = ['2024-12-02', '2025-01-06', '2025-02-03', '2025-02-24', '2025-03-03', '2025-03-10'];
    const r = await make({
      workout_templates: TEMPLATES,
      exercises: EXERCISES,
      workouts: days.map((d) => w(d, 'hit_upper_a')),
      workout_sets: [...days.map((d, i) => s(d, 'hit_upper_a', 'ex_press', 60 + i, 60)), s('2024-12-02', 'hit_upper_a', 'ex_row', '50', 60)],
    });
    const sessions = await r.exerciseSessions(today.date, { after: '2024-12-02', recentAfter: '2025-02-03', perExercise: 4 });
    expect(sessions.map((x) => [x.exercise_id, x.exercise_name, x.recent_sessions, x.weight_kg])).toEqual([
      ['ex_press', 'Chest press', 3, 62],
      ['ex_press', 'Chest press', 3, 63],
      ['ex_press', 'Chest press', 3, 64],
      ['ex_press', 'Chest press', 3, 65],
    ]);
  });

});

describe.each(REPOSITORIES)('the training repository %s: weeks, spans and fingerprints', (_name, make) => {
  it('sums each week’s workouts, scores and rest days, resting only after a break within the lookback', async () => {
    const r = await make({
      workout_templates: TEMPLATES,
      measurements: [m('2025-03-03', '80.00', null), m('2025-03-09', '81.25', null), m('2025-03-10', '79.00', null)],
      workouts: [
        w('2024-12-31', 'hit_upper_a'),
        w('2025-03-03', 'hit_upper_a', { mood_score: 4, recovery_score: 2 }), // 62 days on: a pause, no rest days
        w('2025-03-05', 'hit_upper_a', { mood_score: 3 }), // 1 rest day
        w('2025-03-05', 'hit_lower_a'), // the same day: none
        w('2025-03-10', 'hit_upper_a', { recovery_score: 5 }), // 4 rest days, the next week
      ],
    });
    const range = { from: '2025-03-03', to: today.date, open: today.monthStart };
    expect([...(await r.workoutWeeks(range, 60))]).toEqual([
      ['2025-03-03', { workouts: 3, mood_sum: 7, mood_n: 2, recovery_sum: 2, recovery_n: 1, rest_sum: 1, rest_n: 1 }],
      ['2025-03-10', { workouts: 1, mood_sum: 0, mood_n: 0, recovery_sum: 5, recovery_n: 1, rest_sum: 4, rest_n: 1 }],
    ]);
    expect([...(await r.workoutWeeks(range, 61))][0][1]).toMatchObject({ rest_sum: 62, rest_n: 2 });
    expect([...(await r.weightWeeks(range))]).toEqual([
      ['2025-03-03', { sum: 161.25, n: 2 }],
      ['2025-03-10', { sum: 79, n: 1 }],
    ]);
    expect(await r.firstDay()).toBe('2024-12-31');
  });

  it('reviews a span with both ends included', async () => {
    const r = await make({
      workout_templates: TEMPLATES,
      measurements: [m('2024-06-05', '81.50', null), m('2024-06-10', '80.00', null), m('2024-06-12', '81.05', null), m('2024-06-13', '90.00', null)],
      workouts: [w('2024-06-10', 'hit_upper_a', { duration_min: 30, recovery_score: 4, mood_score: 5 }), w('2024-06-12', 'hit_upper_a', { duration_min: 40, recovery_score: 2 })],
    });
    expect(await r.reviewSpan('2024-06-10', '2024-06-12')).toEqual({ workouts: 2, minutes: 70, mean_recovery: 3, mean_mood: 5, mean_weight_kg: 80.525 });
  });

  it('fingerprints each side of a day: the same rows the same, any change on that side another', async () => {
    const base = { workout_templates: TEMPLATES, measurements: [m('2025-02-10', '80.00', null), m('2025-03-05', '81.00', '20.00')], workouts: [w('2025-02-11', 'hit_upper_a')] };
    const prints = async (rows: Partial<TrainingRows>) => {
      const r = await make(rows);
      return { before: await r.measurementsFingerprint(today.monthStart, 'before'), from: await r.measurementsFingerprint(today.monthStart, 'from'), workouts: await r.workoutsFingerprint(today.monthStart) };
    };
    const a = await prints(base);
    expect(a.before.rows).toBe(1);
    expect(await prints(base)).toEqual(a);
    const edited = await prints({ ...base, measurements: [m('2025-02-10', '80.01', null), base.measurements[1]] });
    expect([edited.before.fingerprint !== a.before.fingerprint, edited.from, edited.workouts]).toEqual([true, a.from, a.workouts]);
    const fatLater = await prints({ ...base, measurements: [base.measurements[0], m('2025-03-05', '81.00', null)] });
    expect([fatLater.before, fatLater.from.fingerprint !== a.from.fingerprint]).toEqual([a.before, true]);
    const moved = await prints({ ...base, workouts: [w('2025-02-11', 'hit_upper_a', { mood_score: 3 }), w('2025-03-01', 'hit_upper_a')] });
    expect([moved.workouts.rows, moved.workouts.fingerprint !== a.workouts.fingerprint]).toEqual([1, true]);
    const r = await make({});
    const view = await r.bodyViewDefinition();
    expect(typeof view === 'string' && view.length > 0 && view === (await r.bodyViewDefinition())).toBe(true);
  });
});

describe('the in-memory and the PostgreSQL training repository', () => {
  const day = (from: string, span: number) => fc.integer({ min: 0, max: span }).map((n) => addDays(from, n));
  const hundredths = (min: number, max: number) => fc.integer({ min: min * 100, max: max * 100 }).map((n) => (n / 100).toFixed(2));
  const score = fc.option(fc.integer({ min: 1, max: 5 }));
  const history = fc.record({
    measurements: fc.uniqueArray(fc.record({ measurement_date: day('2024-10-01', 200), bodyweight_kg: hundredths(40, 200), bodyfat_pct: fc.option(hundredths(3, 50)) }), {
      selector: (x) => x.measurement_date,
      maxLength: 40,
    }),
    workouts: fc.uniqueArray(
      fc.record({ workout_date: day('2024-10-01', 200), template_id: fc.constantFrom('hit_lower_a', 'hit_upper_a'), duration_min: fc.option(fc.integer({ min: 1, max: 300 })), recovery_score: score, mood_score: score }),
      { selector: (x) => `${x.workout_date}|${x.template_id}`, maxLength: 40 },
    ),
    sets: fc.array(fc.record({ pick: fc.nat(), exercise_id: fc.constantFrom('ex_press', 'ex_row', 'ex_squat'), weight_kg: fc.option(hundredths(0, 200)), tut_seconds: fc.option(fc.integer({ min: 1, max: 300 })) }), { maxLength: 60 }),
    today: day('2024-10-01', 220),
    lookback: fc.integer({ min: 0, max: 10 }),
  });

  it('give the same answers for any history', async () => {
    await fc.assert(
      fc.asyncProperty(history, async (h) => {
        const sets = h.workouts.length === 0 ? [] : h.sets.map(({ pick, ...x }) => ({ ...h.workouts[pick % h.workouts.length], ...x }));
        const unique = [...new Map(sets.map((x) => [`${x.workout_date}|${x.template_id}|${x.exercise_id}`, x])).values()];
        const rows: Partial<TrainingRows> = {
          workout_templates: TEMPLATES,
          exercises: EXERCISES,
          measurements: h.measurements,
          workouts: h.workouts,
          workout_sets: unique.map((x) => ({ workout_date: x.workout_date, template_id: x.template_id, exercise_id: x.exercise_id, weight_kg: x.weight_kg, tut_seconds: x.tut_seconds })),
        };
        const at = todayAt(`${h.today}T12:00:00+01:00`);
        const [pg, memory] = [await postgres(rows), await inMemory(rows)];
        expect(await answers(memory, at, h.lookback)).toEqual(await answers(pg, at, h.lookback));
        const counts = async (r: TrainingRepository) => [(await r.measurementsFingerprint(at.monthStart, 'before')).rows, (await r.measurementsFingerprint(at.monthStart, 'from')).rows, (await r.workoutsFingerprint(at.monthStart)).rows];
        expect(await counts(memory)).toEqual(await counts(pg));
      }),
      { numRuns: 40 },
    );
  });
});

function m(measurement_date: string, bodyweight_kg: string, bodyfat_pct: string | null) {
  return { measurement_date, bodyweight_kg, bodyfat_pct };
}

function w(workout_date: string, template_id: string, o: { location?: string; duration_min?: number; recovery_score?: number; mood_score?: number | null } = {}) {
  return { workout_date, template_id, ...o };
}

function s(workout_date: string, template_id: string, exercise_id: string, weight_kg: string | number | null, tut_seconds: number | null) {
  return { workout_date, template_id, exercise_id, weight_kg, tut_seconds };
}

/** Every question the bridge asks, as of a day. */
async function answers(r: TrainingRepository, at: LocalDate, lookback: number) {
  const d = at.date;
  const range = { from: addDays(d, -7 * 26), to: d, open: at.monthStart };
  return {
    body: await r.bodyRow(at.monthStart),
    bodyOn: await r.bodyRowOn(addDays(d, -3)),
    last: await r.lastWorkout(d),
    week: await r.workoutsBetween(at.weekStart, d),
    series: await r.measurements(addDays(d, -90), d),
    fat: await r.latestBodyfat(d),
    sessions: await r.sessions(d, 5),
    sets: await r.newestSets(addDays(d, -84), d, 3),
    stats: await r.sessionStats(d, { after: addDays(d, -112), recentAfter: addDays(d, -28), countedAfter: addDays(d, -84) }),
    exercises: await r.exerciseSessions(d, { after: addDays(d, -120), recentAfter: addDays(d, -40), perExercise: 4 }),
    workoutWeeks: [...(await r.workoutWeeks(range, lookback))],
    weightWeeks: [...(await r.weightWeeks(range))],
    first: await r.firstDay(),
    review: await r.reviewSpan(addDays(d, -6), d),
  };
}
