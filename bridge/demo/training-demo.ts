// Demo rows of autonomous_training: templates and exercises, daily-ish measurements with a slow trend,
// and HIT workouts every second or third day. Each day is a pure function of (seed, date).
import { addDays, daysBetween } from '../time/local-date';
import { patternedRecovery, patternedSet } from './insight-patterns';
import { Rng } from './random';

export interface DemoTemplate {
  id: string;
  name: string;
  type: 'HIT Lower' | 'HIT Upper' | 'HIT Full Body' | 'Cardio' | 'Other';
  targetMin: number;
  /** Exercise ids with the working weight (kg) at the start of 2026. */
  exercises: readonly (readonly [string, number])[];
}

export interface DemoExercise {
  id: string;
  name: string;
  muscle: 'Legs' | 'Back' | 'Chest' | 'Shoulders' | 'Arms' | 'Core' | 'Full Body';
  movement: 'Compound' | 'Isolation';
  equipment: string;
  tutMin: number;
  tutMax: number;
}

export const EXERCISES: readonly DemoExercise[] = [
  { id: 'ex_chest_press_machine', name: 'Chest Press (machine)', muscle: 'Chest', movement: 'Compound', equipment: 'Machine', tutMin: 45, tutMax: 90 },
  { id: 'ex_lat_pulldown', name: 'Lat Pulldown', muscle: 'Back', movement: 'Compound', equipment: 'Cable', tutMin: 45, tutMax: 90 },
  { id: 'ex_seated_row', name: 'Seated Row (machine)', muscle: 'Back', movement: 'Compound', equipment: 'Machine', tutMin: 45, tutMax: 90 },
  { id: 'ex_shoulder_press_machine', name: 'Shoulder Press (machine)', muscle: 'Shoulders', movement: 'Compound', equipment: 'Machine', tutMin: 45, tutMax: 90 },
  { id: 'ex_biceps_curl_machine', name: 'Biceps Curl (machine)', muscle: 'Arms', movement: 'Isolation', equipment: 'Machine', tutMin: 40, tutMax: 75 },
  { id: 'ex_triceps_pushdown', name: 'Triceps Pushdown', muscle: 'Arms', movement: 'Isolation', equipment: 'Cable', tutMin: 40, tutMax: 75 },
  { id: 'ex_leg_press', name: 'Leg Press', muscle: 'Legs', movement: 'Compound', equipment: 'Machine', tutMin: 60, tutMax: 120 },
  { id: 'ex_leg_curl', name: 'Leg Curl', muscle: 'Legs', movement: 'Isolation', equipment: 'Machine', tutMin: 45, tutMax: 90 },
  { id: 'ex_leg_extension', name: 'Leg Extension', muscle: 'Legs', movement: 'Isolation', equipment: 'Machine', tutMin: 45, tutMax: 90 },
  { id: 'ex_calf_raise', name: 'Calf Raise', muscle: 'Legs', movement: 'Isolation', equipment: 'Machine', tutMin: 40, tutMax: 75 },
  { id: 'ex_ab_crunch_machine', name: 'Ab Crunch (machine)', muscle: 'Core', movement: 'Isolation', equipment: 'Machine', tutMin: 40, tutMax: 75 },
  { id: 'ex_trap_bar_deadlift', name: 'Trap Bar Deadlift', muscle: 'Full Body', movement: 'Compound', equipment: 'Barbell', tutMin: 45, tutMax: 90 },
  { id: 'ex_push_up', name: 'Push-up', muscle: 'Chest', movement: 'Compound', equipment: 'Bodyweight', tutMin: 45, tutMax: 90 },
  { id: 'ex_goblet_squat', name: 'Goblet Squat', muscle: 'Legs', movement: 'Compound', equipment: 'Kettlebell', tutMin: 45, tutMax: 90 },
  { id: 'ex_stationary_bike', name: 'Stationary Bike (zone 2)', muscle: 'Full Body', movement: 'Compound', equipment: 'Bike', tutMin: 300, tutMax: 300 },
];

export const TEMPLATES: readonly DemoTemplate[] = [
  { id: 'hit_upper_a', name: 'HIT Upper A', type: 'HIT Upper', targetMin: 30,
    exercises: [['ex_chest_press_machine', 60], ['ex_lat_pulldown', 65], ['ex_shoulder_press_machine', 40], ['ex_biceps_curl_machine', 30]] },
  { id: 'hit_lower_a', name: 'HIT Lower A', type: 'HIT Lower', targetMin: 30,
    exercises: [['ex_leg_press', 160], ['ex_leg_curl', 45], ['ex_leg_extension', 55], ['ex_calf_raise', 80]] },
  { id: 'hit_upper_b', name: 'HIT Upper B', type: 'HIT Upper', targetMin: 30,
    exercises: [['ex_seated_row', 60], ['ex_chest_press_machine', 60], ['ex_triceps_pushdown', 30], ['ex_ab_crunch_machine', 40]] },
  { id: 'hit_lower_b', name: 'HIT Lower B', type: 'HIT Lower', targetMin: 30,
    exercises: [['ex_trap_bar_deadlift', 110], ['ex_leg_press', 160], ['ex_calf_raise', 80]] },
  { id: 'hit_full_body', name: 'HIT Full Body (home)', type: 'HIT Full Body', targetMin: 35,
    exercises: [['ex_push_up', 0], ['ex_goblet_squat', 24], ['ex_ab_crunch_machine', 40]] },
  { id: 'cardio_zone2', name: 'Cardio Zone 2', type: 'Cardio', targetMin: 45, exercises: [['ex_stationary_bike', 0]] },
];

/** The order the person cycles through the templates. */
const ROTATION = ['hit_upper_a', 'hit_lower_a', 'cardio_zone2', 'hit_upper_b', 'hit_lower_b', 'hit_full_body'] as const;

export interface DemoMeasurement {
  date: string;
  bodyweightKg: number;
  bodyfatPct: number | null;
  notes: string | null;
  dataSource: 'Sheet' | 'Manual';
}

const TREND_PEAK = '2025-09-01';
const TREND_PERIOD_DAYS = 1100;

/** The weigh-in of `date`, or null on a day without one (about one day in seven). */
export function measurementFor(seed: number, date: string): DemoMeasurement | null {
  const rng = new Rng(seed, `measurement:${date}`);
  if (rng.chance(0.15)) return null;
  // A slow cycle: a cut that started in autumn 2025 (86 kg, 22 %) and bottoms out in spring 2027.
  const phase = Math.cos((2 * Math.PI * daysBetween(TREND_PEAK, date)) / TREND_PERIOD_DAYS);
  const weight = 84 + 2.1 * phase + 0.3 * rng.normal();
  const fat = 19.6 + 2.4 * phase + 0.25 * rng.normal();
  const noFat = rng.chance(0.12);
  const note = rng.chance(0.05) ? rng.pick(['po treningu', 'rano, na czczo', 'po weekendzie', 'słaby sen']) : null;
  return {
    date,
    bodyweightKg: Math.round(Math.min(199, Math.max(41, weight)) * 10) / 10,
    bodyfatPct: noFat ? null : Math.round(Math.min(49, Math.max(4, fat)) * 10) / 10,
    notes: note,
    dataSource: rng.chance(0.9) ? 'Sheet' : 'Manual',
  };
}

/** A workout day of the chain: its date, the days since the one before, its place in the chain. */
export interface ChainDay {
  date: string;
  gap: number;
  index: number;
}

const CHAIN_EPOCH = '2000-01-03';
const UNIX_EPOCH = '1970-01-01';

/**
 * Workout days in [from, to): a chain from a fixed epoch where each workout is followed by the next one
 * two or three days later (2–4 a week). The chain never depends on `to`, so a later top-up continues
 * it exactly; and with gaps of at most three days, the last workout before today is 1–3 days ago.
 */
export function workoutDays(seed: number, from: string, to: string): ChainDay[] {
  const out: ChainDay[] = [];
  // Days since 1970-01-01 key each gap's stream; comparing numbers keeps the long chain cheap.
  const end = daysBetween(UNIX_EPOCH, to);
  const start = daysBetween(UNIX_EPOCH, from);
  let day = daysBetween(UNIX_EPOCH, CHAIN_EPOCH);
  let gap = 0;
  for (let index = 0; day < end; index++) {
    if (day >= start) out.push({ date: addDays(UNIX_EPOCH, day), gap, index });
    gap = new Rng(seed, `workout-gap:${day}`).chance(0.55) ? 2 : 3;
    day += gap;
  }
  return out;
}

export function workoutFor(seed: number, day: ChainDay) {
  const rng = new Rng(seed, `workout:${day.date}`);
  const template = TEMPLATES.find((t) => t.id === ROTATION[day.index % ROTATION.length])!;
  const years = daysBetween('2026-01-01', day.date) / 365.25;
  const strength = Math.max(0.4, 1 + 0.08 * years); // slow progression, never below 40 % of today's
  const sets = template.exercises.map(([exerciseId, base]) => {
    const exercise = EXERCISES.find((e) => e.id === exerciseId)!;
    const weight = base === 0 ? 0 : Math.max(2.5, Math.round((base * strength + (rng.int(-1, 1) * 2.5)) / 2.5) * 2.5);
    const tut = exercise.tutMax >= 300 ? 300 : rng.int(exercise.tutMin, exercise.tutMax + 20);
    const set = { exerciseId, weightKg: weight, tutSeconds: tut, maxEffort: rng.chance(0.85), formOk: rng.chance(0.92) };
    return patternedSet(set, Math.floor(day.index / ROTATION.length), base * strength);
  });
  const location: 'gym' | 'home' = template.type === 'HIT Full Body' ? 'home' : rng.chance(0.85) ? 'gym' : 'home';
  return {
    date: day.date,
    templateId: template.id,
    location,
    durationMin: Math.max(10, template.targetMin + rng.int(-8, 12)),
    // Typed by hand in the sheet, so often left empty.
    daysSinceLast: day.gap > 0 && rng.chance(0.65) ? day.gap : null,
    recovery: patternedRecovery(seed, day.date, day.gap),
    mood: rng.int(2, 5),
    notes: rng.chance(0.15) ? rng.pick(['Dobra sesja', 'Zmęczony po pracy', 'Nowy rekord na leg press', 'Krótko, mało czasu']) : null,
    sets,
  };
}

/** Training rows cover one year for a demo of up to two years of transactions, else all its years. */
export function trainingStart(today: string, years: number): string {
  return addDays(today, -Math.round(365.25 * (years <= 2 ? 1 : years)));
}
