// autonomous_training behind one door: every statement the bridge runs on the training database,
// its rows typed where they enter (numeric text converted once, dates kept as 'YYYY-MM-DD'), and
// the choice of where an answer comes from: the ledger's checked closed months or the live rows.
import type { WorkoutSession } from '../contract/n8n-responses';
import type { LastWorkout, WeightTrend } from '../contract/twin-state';
import { num, numOrNull, type Queryable } from '../db/pools';
import { databaseActivity, tableActivity } from '../db/table-activity-repository';
import { BodyRowMemo, type MeasurementsWatch } from '../store/body-row-memo';
import { readClosedOrLive, type ClosedDays, type SplitStatement } from '../store/closed-or-live';
import type { DayRange } from '../time/day-range';


/** The newest row of the user's v_body_composition. */
export interface BodyRow {
  measurement_date: string;
  bodyweight_kg: number | null;
  bodyfat_pct: number | null;
  estimated_lean_mass: number | null;
  weight_change: number | null;
  bodyfat_change: number | null;
  weight_trend: WeightTrend | null;
}

export interface Measurement {
  date: string;
  weight: number | null;
  fat: number | null;
}

/** One working set of an exercise on a day. */
export interface ExerciseSetRow {
  exercise_id: string;
  exercise_name: string;
  date: string;
  weight_kg: number | null;
  tut_seconds: number | null;
}

/** The bounds (exclusive) of the windows counted by sessionStats, all up to its `through` day. */
export interface SessionWindows {
  /** Only workouts after this day are read; the prior means are over (after, recentAfter]. */
  after: string;
  recentAfter: string;
  countedAfter: string;
}

export interface SessionStats {
  /** Workouts after `recentAfter`. */
  recent: number;
  /** Workouts after `countedAfter`. */
  counted: number;
  recovery: { recent: number | null; prior: number | null };
  mood: { recent: number | null; prior: number | null };
}

/** One session of an exercise, with how many it had after the `recentAfter` day. */
export interface ExerciseSession {
  exercise_id: string;
  exercise_name: string;
  recent_sessions: number;
  weight_kg: number | null;
  tut_seconds: number | null;
}

/** Per week (Monday): workouts, and the sums and counts of mood, recovery and rest days before them. */
export interface WorkoutWeekSums {
  workouts: number;
  mood_sum: number;
  mood_n: number;
  recovery_sum: number;
  recovery_n: number;
  rest_sum: number;
  rest_n: number;
}

export interface WeightWeekSums {
  sum: number;
  n: number;
}

/** A span's training, means unrounded. */
export interface ReviewTraining {
  workouts: number;
  minutes: number;
  mean_recovery: number | null;
  mean_mood: number | null;
  mean_weight_kg: number | null;
}

/** Rows and a digest of them: a different one means the rows changed. */
export interface Fingerprint {
  rows: number;
  fingerprint: string;
}

/** The ledger as the training database needs it: its closed days and the watch on closed measurements. */
export type TrainingLedger = ClosedDays & MeasurementsWatch;

export interface TrainingRepository {
  /** The view's newest row of all measurements; `open` is the current month's first day. */
  bodyRow(open: string): Promise<BodyRow | null>;
  /**
   * The view's newest row dated up to `day`: its state at the end of that day (its changes look back
   * only); `open` is the current month's first day.
   */
  bodyRowOn(day: string, open: string): Promise<BodyRow | null>;
  /** The newest workout dated up to `day` (a later one is a typo, not a workout done). */
  lastWorkout(day: string): Promise<LastWorkout | null>;
  /** Workouts from `from` through `to`, both included. */
  workoutsBetween(from: string, to: string): Promise<number>;
  /** Measurements after `after` through `through`, oldest first. */
  measurements(after: string, through: string): Promise<Measurement[]>;
  /** The newest body fat measured up to `day`. */
  latestBodyfat(day: string): Promise<number | null>;
  /** The newest `limit` workouts up to `day`, newest first, with their count of exercises. */
  sessions(day: string, limit: number): Promise<WorkoutSession[]>;
  /** Each exercise's newest `perExercise` sets after `after` through `through`, by name, newest first; the heavier set first on a day. */
  newestSets(after: string, through: string, perExercise: number): Promise<ExerciseSetRow[]>;
  sessionStats(through: string, windows: SessionWindows): Promise<SessionStats>;
  /** Each exercise with sets after `recentAfter`: its newest `perExercise` sessions after `after`, by exercise id, oldest first. */
  exerciseSessions(through: string, o: { after: string; recentAfter: string; perExercise: number }): Promise<ExerciseSession[]>;
  /** Per week of the range; rest days count after a break of at most `restLookbackDays`. */
  workoutWeeks(range: DayRange, restLookbackDays: number): Promise<Map<string, WorkoutWeekSums>>;
  /** Per week of the range: the sum and count of weights. */
  weightWeeks(range: DayRange): Promise<Map<string, WeightWeekSums>>;
  /** The first day with a workout or a measurement. */
  firstDay(): Promise<string | null>;
  /** Training from `from` through `to`, both included. */
  reviewSpan(from: string, to: string): Promise<ReviewTraining>;
  /** Measurements before `day`, or from it on. */
  measurementsFingerprint(day: string, side: 'before' | 'from'): Promise<Fingerprint>;
  /** Workouts before `day` (the weekly series read them, and the sets hang off them). */
  workoutsFingerprint(day: string): Promise<Fingerprint>;
  /** A digest of the definition of v_body_composition; null when there is no such view. */
  bodyViewDefinition(): Promise<string | null>;
}

// The view's columns the twin reads, and the view.
const BODY_FROM_VIEW = `
  SELECT measurement_date, bodyweight_kg, bodyfat_pct, estimated_lean_mass,
         weight_change, bodyfat_change, weight_trend
  FROM v_body_composition`;

// The user's own view defines lean mass, changes and trend; its newest row is the current state.
const BODY_SQL = `${BODY_FROM_VIEW}
  ORDER BY measurement_date DESC
  LIMIT 1`;

// The view as it stood at the end of a day: its rows are computed over all measurements (a filter
// cannot pass its window), and the newest up to the day is the one the view then had on top.
const BODY_ON_SQL = `${BODY_FROM_VIEW}
  WHERE measurement_date <= $1::date
  ORDER BY measurement_date DESC
  LIMIT 1`;

// The view's rows of the closed months, oldest first: read once per ledger generation (a changed
// measurement or an edited view starts a new one), and a closed day's row found among them.
const BODY_CLOSED_SQL = `${BODY_FROM_VIEW}
  WHERE measurement_date < $1::date
  ORDER BY measurement_date`;

// The (workout_date, template_id) primary key of each yearly partition serves it backwards.
const LAST_WORKOUT_SQL = `
  SELECT w.workout_date, w.template_id, t.template_name, t.workout_type, w.location, w.duration_min
  FROM workouts w
  LEFT JOIN workout_templates t ON t.template_id = w.template_id
  WHERE w.workout_date <= $1::date
  ORDER BY w.workout_date DESC, w.template_id DESC
  LIMIT 1`;

const WORKOUTS_BETWEEN_SQL = `
  SELECT count(*)::int AS n
  FROM workouts
  WHERE workout_date >= $1::date AND workout_date <= $2::date`;

// Read from the table by its primary key (one row per measurement_date).
const MEASUREMENTS_SQL = `
  SELECT measurement_date, bodyweight_kg, bodyfat_pct
  FROM measurements
  WHERE measurement_date > $1::date AND measurement_date <= $2::date
  ORDER BY measurement_date`;

const LATEST_FAT_SQL = `
  SELECT bodyfat_pct FROM measurements
  WHERE bodyfat_pct IS NOT NULL AND measurement_date <= $1::date
  ORDER BY measurement_date DESC LIMIT 1`;

// Bounded by workout_date, the leading column of every partition's primary key.
const SESSIONS_SQL = `
  SELECT w.workout_date, w.template_id, t.template_name, t.workout_type, w.location, w.duration_min,
         w.recovery_score, w.mood_score,
         (SELECT count(*)::int FROM workout_sets s
           WHERE s.workout_date = w.workout_date AND s.template_id = w.template_id) AS exercises
  FROM workouts w
  LEFT JOIN workout_templates t ON t.template_id = w.template_id
  WHERE w.workout_date <= $1::date
  ORDER BY w.workout_date DESC, w.template_id
  LIMIT $2`;

// On a day with the same exercise in two templates, the heavier set counts first.
const NEWEST_SETS_SQL = `
  SELECT exercise_id, exercise_name, workout_date, weight_kg, tut_seconds
  FROM (
    SELECT s.exercise_id, e.exercise_name, s.workout_date, s.weight_kg, s.tut_seconds,
           row_number() OVER (PARTITION BY s.exercise_id ORDER BY s.workout_date DESC, s.weight_kg DESC NULLS LAST, s.tut_seconds DESC NULLS LAST) AS rn
    FROM workout_sets s
    JOIN exercises e ON e.exercise_id = s.exercise_id
    WHERE s.workout_date > $1::date AND s.workout_date <= $2::date
  ) ranked
  WHERE rn <= $3
  ORDER BY exercise_name, workout_date DESC, rn`;

// Counted on the (workout_date, template_id) primary keys of the yearly partitions.
const SESSION_STATS_SQL = `
  SELECT count(*) FILTER (WHERE workout_date > $2::date)::int AS recent,
         count(*) FILTER (WHERE workout_date > $3::date)::int AS counted,
         avg(recovery_score) FILTER (WHERE workout_date > $2::date) AS recovery_recent,
         avg(recovery_score) FILTER (WHERE workout_date <= $2::date) AS recovery_prior,
         avg(mood_score) FILTER (WHERE workout_date > $2::date) AS mood_recent,
         avg(mood_score) FILTER (WHERE workout_date <= $2::date) AS mood_prior
  FROM workouts
  WHERE workout_date > $4::date AND workout_date <= $1::date`;

const EXERCISE_SESSIONS_SQL = `
  WITH sets AS (
    SELECT exercise_id, workout_date, weight_kg, tut_seconds,
           row_number() OVER (PARTITION BY exercise_id ORDER BY workout_date DESC, template_id DESC) AS k,
           count(*) FILTER (WHERE workout_date > $2::date) OVER (PARTITION BY exercise_id) AS recent_sessions
    FROM workout_sets
    WHERE workout_date > $3::date AND workout_date <= $1::date
  )
  SELECT s.exercise_id, coalesce(e.exercise_name, s.exercise_id) AS exercise_name, s.recent_sessions::int AS recent_sessions,
         s.weight_kg, s.tut_seconds
  FROM sets s LEFT JOIN exercises e ON e.exercise_id = s.exercise_id
  WHERE s.recent_sessions > 0 AND s.k <= $4::int
  ORDER BY s.exercise_id, s.k DESC`;

// Rest days before a workout: whole days since the previous one (a second workout the same day has
// none), counted only after a break of at most $3 days. Each workout's rest needs only the days
// before it within that break, so a part's rows are its own and the weekly series is read in two
// parts: the closed months once per ledger generation, the current month live.
const WORKOUT_WEEKS: SplitStatement = {
  kind: 'training',
  closed: null,
  live: `
  SELECT to_char(date_trunc('week', workout_date::timestamp), 'YYYY-MM-DD') AS week, count(*)::int AS workouts,
         sum(mood_score)::int AS mood_sum, count(mood_score)::int AS mood_n,
         sum(recovery_score)::int AS recovery_sum, count(recovery_score)::int AS recovery_n,
         sum(rest_days)::int AS rest_sum, count(rest_days)::int AS rest_n
  FROM (
    SELECT workout_date, mood_score, recovery_score,
           CASE WHEN gap BETWEEN 1 AND $3::int + 1 THEN gap - 1 END AS rest_days
    FROM (SELECT workout_date, mood_score, recovery_score, workout_date - lag(workout_date) OVER (ORDER BY workout_date) AS gap
          FROM workouts
          WHERE workout_date >= $1::date - ($3::int + 1) AND workout_date < $2::date) g
  ) w
  WHERE workout_date >= $1::date
  GROUP BY 1`,
};

const WEIGHT_WEEKS: SplitStatement = {
  kind: 'training',
  closed: null,
  live: `
  SELECT to_char(date_trunc('week', measurement_date::timestamp), 'YYYY-MM-DD') AS week,
         sum(bodyweight_kg)::text AS weight_sum, count(bodyweight_kg)::int AS weight_n
  FROM measurements
  WHERE measurement_date >= $1::date AND measurement_date < $2::date
  GROUP BY 1`,
};

const FIRST_DAY_SQL = `SELECT least((SELECT min(workout_date) FROM workouts), (SELECT min(measurement_date) FROM measurements)) AS first`;

const REVIEW_SQL = `
  SELECT count(*)::int AS workouts, coalesce(sum(duration_min), 0)::int AS minutes,
         avg(recovery_score)::float8 AS mean_recovery, avg(mood_score)::float8 AS mean_mood,
         (SELECT avg(bodyweight_kg)::float8 FROM measurements WHERE measurement_date BETWEEN $1::date AND $2::date) AS mean_weight_kg
  FROM workouts
  WHERE workout_date BETWEEN $1::date AND $2::date`;

const MEASUREMENTS_FINGERPRINT_SQL = `
  SELECT count(*)::int AS rows,
         coalesce(sum(hashtextextended(concat_ws('|', m.measurement_date, m.bodyweight_kg, m.bodyfat_pct), 0)::numeric), 0)::text AS fingerprint
  FROM measurements m
  WHERE CASE WHEN $2::boolean THEN m.measurement_date >= $1::date ELSE m.measurement_date < $1::date END`;

const WORKOUTS_FINGERPRINT_SQL = `
  SELECT count(*)::int AS rows,
         coalesce(sum(hashtextextended(concat_ws('|', w.workout_date, w.template_id, w.mood_score, w.recovery_score, w.duration_min, w.location), 0)::numeric), 0)::text AS fingerprint
  FROM workouts w
  WHERE w.workout_date < $1::date`;

const BODY_VIEW_SQL = `SELECT md5(pg_get_viewdef(to_regclass('v_body_composition'))) AS definition`;

// Rows as node-postgres returns them: numeric columns as text, dates as 'YYYY-MM-DD' (see db/pools.ts).
interface BodyText {
  measurement_date: string;
  bodyweight_kg: string | null;
  bodyfat_pct: string | null;
  estimated_lean_mass: string | null;
  weight_change: string | null;
  bodyfat_change: string | null;
  weight_trend: WeightTrend | null;
}

interface LastWorkoutText {
  workout_date: string;
  template_id: string;
  template_name: string | null;
  workout_type: string | null;
  location: string | null;
  duration_min: number | null;
}

type SessionText = LastWorkoutText & { recovery_score: number | null; mood_score: number | null; exercises: number };

interface MeasurementText {
  measurement_date: string;
  bodyweight_kg: string | null;
  bodyfat_pct: string | null;
}

interface SetText {
  exercise_id: string;
  exercise_name: string;
  workout_date: string;
  weight_kg: string | null;
  tut_seconds: number | null;
}

interface StatsText {
  recent: number;
  counted: number;
  recovery_recent: string | null;
  recovery_prior: string | null;
  mood_recent: string | null;
  mood_prior: string | null;
}

type ExerciseSessionText = Omit<ExerciseSession, 'weight_kg'> & { weight_kg: string | null };

/** A row of WORKOUT_WEEKS: sums are null where nothing was counted. */
type WorkoutWeekText = { week: string } & { [K in keyof WorkoutWeekSums]: number | null };

const WEEK_SUMS: readonly (keyof WorkoutWeekSums)[] = ['workouts', 'mood_sum', 'mood_n', 'recovery_sum', 'recovery_n', 'rest_sum', 'rest_n'];

const bodyRowOf = (r: BodyText): BodyRow => ({
  measurement_date: r.measurement_date,
  bodyweight_kg: numOrNull(r.bodyweight_kg),
  bodyfat_pct: numOrNull(r.bodyfat_pct),
  estimated_lean_mass: numOrNull(r.estimated_lean_mass),
  weight_change: numOrNull(r.weight_change),
  bodyfat_change: numOrNull(r.bodyfat_change),
  weight_trend: r.weight_trend,
});

const lastWorkoutOf = (r: LastWorkoutText): LastWorkout => ({
  date: r.workout_date,
  template_id: r.template_id,
  template_name: r.template_name,
  workout_type: r.workout_type,
  location: r.location,
  duration_min: r.duration_min,
});

const byWeek = <T>(m: Map<string, T>) => new Map([...m].sort(([a], [b]) => (a < b ? -1 : 1)));

export class PgTrainingRepository implements TrainingRepository {
  private readonly bodyMemo: BodyRowMemo<BodyRow> | null;

  /** With a ledger, the weekly series read checked closed months once per generation and the body row is kept while no measurement changes. */
  constructor(
    private readonly db: Queryable,
    private readonly ledger: TrainingLedger | null = null,
  ) {
    this.bodyMemo = ledger ? new BodyRowMemo<BodyRow>(ledger) : null;
  }

  private async rows<Row extends object>(text: string, params: unknown[] = []): Promise<Row[]> {
    return (await this.db.query<Row>(text, params)).rows;
  }

  async bodyRow(open: string): Promise<BodyRow | null> {
    const readView = async () => (await this.rows<BodyText>(BODY_SQL)).map(bodyRowOf).at(0);
    const openKey = async () => {
      const f = await this.measurementsFingerprint(open, 'from');
      return `${f.rows}|${f.fingerprint}`;
    };
    return (await (this.bodyMemo ? this.bodyMemo.read(open, openKey, readView) : readView())) ?? null;
  }

  async bodyRowOn(day: string, open: string): Promise<BodyRow | null> {
    const ledger = this.ledger;
    if (ledger === null || day >= open || !ledger.checkedBefore(open)) {
      return (await this.rows<BodyText>(BODY_ON_SQL, [day])).map(bodyRowOf).at(0) ?? null;
    }
    const closed = await ledger.closedRows(`body-view|${open}`, () => this.rows<BodyText>(BODY_CLOSED_SQL, [open]));
    let newest: BodyText | null = null;
    for (const r of closed) if (r.measurement_date <= day) newest = r;
    return newest ? bodyRowOf(newest) : null;
  }

  async lastWorkout(day: string): Promise<LastWorkout | null> {
    return (await this.rows<LastWorkoutText>(LAST_WORKOUT_SQL, [day])).map(lastWorkoutOf).at(0) ?? null;
  }

  async workoutsBetween(from: string, to: string): Promise<number> {
    return (await this.rows<{ n: number }>(WORKOUTS_BETWEEN_SQL, [from, to]))[0].n;
  }

  async measurements(after: string, through: string): Promise<Measurement[]> {
    const rows = await this.rows<MeasurementText>(MEASUREMENTS_SQL, [after, through]);
    return rows.map((r) => ({ date: r.measurement_date, weight: numOrNull(r.bodyweight_kg), fat: numOrNull(r.bodyfat_pct) }));
  }

  async latestBodyfat(day: string): Promise<number | null> {
    return numOrNull((await this.rows<{ bodyfat_pct: string }>(LATEST_FAT_SQL, [day])).at(0)?.bodyfat_pct);
  }

  async sessions(day: string, limit: number): Promise<WorkoutSession[]> {
    const rows = await this.rows<SessionText>(SESSIONS_SQL, [day, limit]);
    return rows.map((r) => ({ ...lastWorkoutOf(r), recovery_score: r.recovery_score, mood_score: r.mood_score, exercises: r.exercises }));
  }

  async newestSets(after: string, through: string, perExercise: number): Promise<ExerciseSetRow[]> {
    const rows = await this.rows<SetText>(NEWEST_SETS_SQL, [after, through, perExercise]);
    return rows.map((r) => ({ exercise_id: r.exercise_id, exercise_name: r.exercise_name, date: r.workout_date, weight_kg: numOrNull(r.weight_kg), tut_seconds: r.tut_seconds }));
  }

  async sessionStats(through: string, w: SessionWindows): Promise<SessionStats> {
    const [s] = await this.rows<StatsText>(SESSION_STATS_SQL, [through, w.recentAfter, w.countedAfter, w.after]);
    return {
      recent: s.recent,
      counted: s.counted,
      recovery: { recent: numOrNull(s.recovery_recent), prior: numOrNull(s.recovery_prior) },
      mood: { recent: numOrNull(s.mood_recent), prior: numOrNull(s.mood_prior) },
    };
  }

  async exerciseSessions(through: string, o: { after: string; recentAfter: string; perExercise: number }): Promise<ExerciseSession[]> {
    const rows = await this.rows<ExerciseSessionText>(EXERCISE_SESSIONS_SQL, [through, o.recentAfter, o.after, o.perExercise]);
    return rows.map((r) => ({ ...r, weight_kg: numOrNull(r.weight_kg) }));
  }

  async workoutWeeks(range: DayRange, restLookbackDays: number): Promise<Map<string, WorkoutWeekSums>> {
    const rows = await readClosedOrLive<WorkoutWeekText>(this.db, this.ledger, WORKOUT_WEEKS, range, [restLookbackDays]);
    // A week across the ledger's boundary comes in two rows: its sums are added up.
    const sums = new Map<string, WorkoutWeekSums>();
    for (const r of rows) {
      const s = sums.get(r.week) ?? { workouts: 0, mood_sum: 0, mood_n: 0, recovery_sum: 0, recovery_n: 0, rest_sum: 0, rest_n: 0 };
      for (const k of WEEK_SUMS) s[k] += r[k] ?? 0;
      sums.set(r.week, s);
    }
    return byWeek(sums);
  }

  async weightWeeks(range: DayRange): Promise<Map<string, WeightWeekSums>> {
    const rows = await readClosedOrLive<{ week: string; weight_sum: string; weight_n: number }>(this.db, this.ledger, WEIGHT_WEEKS, range);
    const sums = new Map<string, WeightWeekSums>();
    for (const r of rows) {
      const s = sums.get(r.week) ?? { sum: 0, n: 0 };
      sums.set(r.week, { sum: s.sum + num(r.weight_sum), n: s.n + r.weight_n });
    }
    return byWeek(sums);
  }

  async firstDay(): Promise<string | null> {
    return (await this.rows<{ first: string | null }>(FIRST_DAY_SQL))[0]?.first ?? null;
  }

  async reviewSpan(from: string, to: string): Promise<ReviewTraining> {
    return (await this.rows<ReviewTraining>(REVIEW_SQL, [from, to]))[0];
  }

  async measurementsFingerprint(day: string, side: 'before' | 'from'): Promise<Fingerprint> {
    return (await this.rows<Fingerprint>(MEASUREMENTS_FINGERPRINT_SQL, [day, side === 'from']))[0];
  }

  async workoutsFingerprint(day: string): Promise<Fingerprint> {
    return (await this.rows<Fingerprint>(WORKOUTS_FINGERPRINT_SQL, [day]))[0];
  }

  async bodyViewDefinition(): Promise<string | null> {
    return (await this.rows<{ definition: string | null }>(BODY_VIEW_SQL))[0]?.definition ?? null;
  }

  /** A cheap word that moves when measurements, workouts or v_body_composition change (db/table-activity-repository.ts). */
  changeSignal(): Promise<string | null> {
    return tableActivity(this.db, { tables: ['measurements', 'workouts'], views: ['v_body_composition'] });
  }

  /** A cheap word that moves when any table of this database is written (db/table-activity-repository.ts). */
  stateSignal(): Promise<string | null> {
    return databaseActivity(this.db);
  }
}
