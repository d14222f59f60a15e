// Training: how often, how each exercise moves over its last four sessions, and how recovery and
// mood of the last four weeks compare with the twelve before.
import type { ExerciseProgress, ExerciseStatus, TrainingInsights } from '../contract/insights';
import { addDays } from '../time/local-date';
import type { Figures, InsightContext } from '../analysis/insight-context';
import { round } from '../analysis/statistics';
import type { ExerciseSession, TrainingRepository } from './training-repository';

/** A change of time under tension this small at the same weight is noise of the stopwatch, not progress. */
export const TUT_TOLERANCE_SECONDS = 5;
export const SESSIONS_COMPARED = 4;
/** The last four sessions are looked for within a year: older ones say little about now. */
const LOOKBACK_DAYS = 365;

export interface Session {
  weight: number;
  tut: number;
}

/** Compares the newest of the sessions (oldest first) with the first: weight first, then time under tension. */
export function exerciseStatus(sessions: readonly Session[]): ExerciseStatus {
  if (sessions.length < SESSIONS_COMPARED) return 'new';
  const first = sessions[sessions.length - SESSIONS_COMPARED];
  const last = sessions[sessions.length - 1];
  if (last.weight !== first.weight) return last.weight > first.weight ? 'progressing' : 'regressing';
  const dTut = last.tut - first.tut;
  if (Math.abs(dTut) <= TUT_TOLERANCE_SECONDS) return 'stalled';
  return dTut > 0 ? 'progressing' : 'regressing';
}

const STATUS_ORDER: Record<ExerciseStatus, number> = { stalled: 0, regressing: 1, progressing: 2, new: 3 };

/** Each exercise's sessions come oldest first. */
export function exerciseProgress(rows: readonly ExerciseSession[]): ExerciseProgress[] {
  const byExercise = new Map<string, ExerciseSession[]>();
  for (const r of rows) byExercise.set(r.exercise_id, [...(byExercise.get(r.exercise_id) ?? []), r]);
  const out: ExerciseProgress[] = [];
  for (const [id, list] of byExercise) {
    const sessions = list.map((r) => ({ weight: r.weight_kg ?? 0, tut: r.tut_seconds ?? 0 }));
    const newest = list[list.length - 1];
    out.push({
      exercise_id: id,
      exercise_name: newest.exercise_name,
      sessions_12w: newest.recent_sessions,
      last_weight_kg: newest.weight_kg,
      last_tut_seconds: newest.tut_seconds,
      status: exerciseStatus(sessions),
    });
  }
  return out.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.exercise_name.localeCompare(b.exercise_name));
}

const score = (v: number | null) => (v === null ? null : round(v, 2));

export async function readTrainingInsights(repo: TrainingRepository, ctx: InsightContext): Promise<Figures<TrainingInsights>> {
  const today = ctx.today.date;
  const [s, exercises] = await Promise.all([
    repo.sessionStats(today, { after: addDays(today, -112), recentAfter: addDays(today, -28), countedAfter: addDays(today, -84) }),
    // Each exercise trained in the last 12 weeks, with its newest sessions of the last year.
    repo.exerciseSessions(today, { after: addDays(today, -LOOKBACK_DAYS), recentAfter: addDays(today, -84), perExercise: SESSIONS_COMPARED }),
  ]);
  return {
    sessions_per_week_4w: round(s.recent / 4, 2),
    sessions_per_week_12w: round(s.counted / 12, 2),
    exercises: exerciseProgress(exercises),
    recovery_score: { mean_4w: score(s.recovery.recent), mean_prior_12w: score(s.recovery.prior) },
    mood_score: { mean_4w: score(s.mood.recent), mean_prior_12w: score(s.mood.prior) },
  };
}
