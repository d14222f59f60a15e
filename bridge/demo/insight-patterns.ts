// Modest, real patterns in the demo's training, so that a new user's /insights finds something on
// the first start, as it would in a real history:
// - the chest press gains 2.5 kg each pass through the templates, in blocks of 12 passes, then deloads;
// - the lat pulldown has stalled: the same weight, time under tension within a few seconds;
// - recovery is better after more rest (about one point more after two rest days than after one),
//   which shows in the weekly link between rest days before workouts and the recovery score.
// Each is a pure function of its inputs, with its own random stream, so nothing else drawn changes.
import { Rng } from './random';

export const PROGRESSING_EXERCISE = 'ex_chest_press_machine';
export const STALLED_EXERCISE = 'ex_lat_pulldown';
const BLOCK_SESSIONS = 12;
const STEP_KG = 2.5;

const toStep = (kg: number) => Math.max(STEP_KG, Math.round(kg / STEP_KG) * STEP_KG);

/**
 * The working set of a planted exercise in the `rotation`-th pass through the templates (an
 * exercise in two templates gets the same weight in both of a pass); `topKg` is the block's end
 * weight. Other exercises pass through.
 */
export function patternedSet<S extends { exerciseId: string; weightKg: number; tutSeconds: number }>(set: S, rotation: number, topKg: number): S {
  if (set.exerciseId === PROGRESSING_EXERCISE) {
    const inBlock = rotation % BLOCK_SESSIONS;
    return { ...set, weightKg: toStep(topKg - STEP_KG * (BLOCK_SESSIONS - 1 - inBlock)) };
  }
  if (set.exerciseId === STALLED_EXERCISE) return { ...set, weightKg: toStep(topKg), tutSeconds: 60 + (rotation % 3) };
  return set;
}

/** Recovery score 1–5 after `gap` days since the previous workout (gap 2 = one rest day). */
export function patternedRecovery(seed: number, date: string, gap: number): number {
  const noise = new Rng(seed, `recovery:${date}`).float();
  const restDays = Math.max(0, gap - 1);
  return Math.min(5, Math.max(1, Math.round(2.2 + 0.9 * restDays + (noise - 0.5) * 2.4)));
}
