// Past transitions for digital_twin_updates: for each of health, finance and pantry a timeline of
// states drawn from the models that fill the demo's tables, recorded through the engine's own
// snapshotOf, each row differing from the one before it (the bridge only records changes).
import type { DomainName, TwinState } from '../contract/twin-state';
import { trainingSuggestion } from '../training/training-suggestion';
import { addDays, calendarDate, daysBetween } from '../time/local-date';
import { financeHistory } from './finance-history';
import { EMPTY_STATE, historyWindow, isoDay, snapshotText, type HistoryPlan, type Moment } from './history-window';
import { PANTRY_ITEMS, expiredCount, expiringCount, lowStockProducts } from './pantry-demo';
import { Rng } from './random';
import { TEMPLATES, measurementFor, workoutDays, workoutFor, type DemoMeasurement } from './training-demo';

export type HistoryEntity = DomainName;

export interface HistoryRow {
  entityType: HistoryEntity;
  /** The instant, in milliseconds since the epoch. */
  createdAtMs: number;
  /** update_data as JSON text. */
  data: string;
}

export type { HistoryPlan } from './history-window';

export const DEFAULT_HISTORY_ROWS = 300;

/** `count` instants spread over the window, each at a random point of its own slot. */
function timeline(plan: HistoryPlan, entity: HistoryEntity, count: number): number[] {
  const { start, end } = historyWindow(plan);
  const step = (end - start) / Math.max(1, count);
  const rng = new Rng(plan.seed, `history-times:${entity}`);
  return Array.from({ length: count }, (_, i) => Math.floor(start + (i + 0.1 + 0.8 * rng.float()) * step));
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function trendOf(m: DemoMeasurement | null, before: DemoMeasurement | null): TwinState['health']['weight_trend'] {
  if (!m) return null;
  const change = before ? m.bodyweightKg - before.bodyweightKg : 0;
  return change > 0.5 ? 'GAINING' : change < -0.5 ? 'LOSING' : 'STABLE';
}

function* healthStates(plan: HistoryPlan, times: number[]): Generator<string> {
  if (times.length === 0) return;
  const memo = new Map<string, DemoMeasurement | null>();
  const latestUpTo = (d: string): DemoMeasurement | null => {
    for (let k = 0; k < 30; k++) {
      const day = addDays(d, -k);
      if (!memo.has(day)) memo.set(day, measurementFor(plan.seed, day));
      const m = memo.get(day);
      if (m) return m;
    }
    return null;
  };
  const workouts = workoutDays(plan.seed, addDays(isoDay(times[0]), -14), plan.today).map((w) => workoutFor(plan.seed, w));
  const doneAt = workouts.map((w) => Date.parse(`${w.date}T17:00:00Z`)); // the sessions end at 17:00 UTC
  let done = 0; // workouts[0 .. done) were done before the current instant
  let prev = '';
  let nudge = 0;
  let day = '';
  let daily = { m: null as DemoMeasurement | null, trend: null as TwinState['health']['weight_trend'], monday: '' };
  for (const t of times) {
    const d = isoDay(t);
    if (d !== day) {
      // Everything but the workouts changes at most once a day.
      const m = latestUpTo(d);
      daily = { m, trend: trendOf(m, m ? latestUpTo(addDays(m.date, -1)) : null), monday: calendarDate(d).weekStart };
      day = d;
    }
    const { m, trend, monday } = daily;
    while (done < workouts.length && doneAt[done] <= t) done++;
    const last = done > 0 ? workouts[done - 1] : null;
    const template = TEMPLATES.find((x) => x.id === last?.templateId);
    const since = last ? daysBetween(last.date, d) : null;
    let thisWeek = 0;
    for (let i = done - 1; i >= 0 && workouts[i].date >= monday; i--) thisWeek++;
    const health = {
      ...EMPTY_STATE.health,
      measurement_date: m?.date ?? null, bodyweight_kg: m?.bodyweightKg ?? null, bodyfat_pct: m?.bodyfatPct ?? null,
      weight_trend: trend,
      last_workout: last && { date: last.date, template_id: last.templateId, template_name: template?.name ?? null,
        workout_type: template?.type ?? null, location: last.location, duration_min: last.durationMin },
      days_since_workout: since, workouts_this_week: thisWeek, training_suggestion: trainingSuggestion(since),
    };
    let json = snapshotText('health', health);
    if (json === prev) {
      // Same day, nothing new: a second weigh-in that read a little differently.
      health.bodyweight_kg = round2((health.bodyweight_kg ?? 84) + (nudge++ % 2 === 0 ? 0.1 : -0.1));
      json = snapshotText('health', health);
    }
    prev = json;
    yield json;
  }
}

function* pantryStates(plan: HistoryPlan, times: number[]): Generator<string> {
  const tracked = [...new Set(PANTRY_ITEMS.filter((p) => p.threshold !== null).map((p) => p.category))];
  const actual = new Set(lowStockProducts());
  const [actualExpired, actualExpiring] = [expiredCount(), expiringCount()];
  const low = new Set(actual);
  let expired = actualExpired;
  let expiring = actualExpiring;
  const rng = new Rng(plan.seed, 'history-pantry');
  // A step towards the pantry as it is now is likelier than one away from it, so the timeline hovers
  // around the state the bridge will compute.
  const towards = (value: number, target: number) => (value === target ? (rng.chance(0.5) ? 1 : -1) : rng.chance(0.7) === value < target ? 1 : -1);
  for (let i = 0; i < times.length; i++) {
    // One change per row: a product runs low or is restocked, something expires or is thrown out.
    for (let changed = false; !changed; ) {
      const op = rng.int(0, 3);
      if (op <= 1) {
        const differing = tracked.filter((p) => low.has(p) !== actual.has(p));
        const p = differing.length > 0 && rng.chance(0.6) ? rng.pick(differing) : rng.pick(tracked);
        if (low.has(p) && low.size > 1) { low.delete(p); changed = true; }
        else if (!low.has(p) && low.size < 14) { low.add(p); changed = true; }
      } else if (op === 2) {
        const next = expired + towards(expired, actualExpired);
        if (next >= 0 && next <= 6) { expired = next; changed = true; }
      } else {
        const next = expiring + towards(expiring, actualExpiring);
        if (next >= 1 && next <= 20) { expiring = next; changed = true; }
      }
    }
    const items = tracked.filter((p) => low.has(p));
    yield snapshotText('pantry', { ...EMPTY_STATE.pantry, low_stock_count: items.length, low_stock_items: items, expired_count: expired, expiring_count: expiring });
  }
}

function* moments(plan: HistoryPlan, entity: 'health' | 'pantry', count: number): Generator<Moment> {
  const times = timeline(plan, entity, count);
  let k = 0;
  for (const data of (entity === 'health' ? healthStates : pantryStates)(plan, times)) yield { at: times[k++], data };
}

/**
 * All rows of the plan, in batches of at most `batchSize`: a third each. Finance changes only when money
 * moves; when there are fewer such moments than its third (a benchmark's huge history), pantry takes the rest.
 */
export function* historyBatches(plan: HistoryPlan, batchSize = 20_000): Generator<HistoryRow[]> {
  const third = (i: number) => Math.floor(plan.rows / 3) + (i < plan.rows % 3 ? 1 : 0);
  const finance = financeHistory(plan, third(1));
  const timelines: [HistoryEntity, Iterable<Moment>][] = [
    ['health', moments(plan, 'health', third(0))],
    ['finance', finance],
    ['pantry', moments(plan, 'pantry', plan.rows - third(0) - finance.length)],
  ];
  let batch: HistoryRow[] = [];
  for (const [entity, rows] of timelines) {
    for (const { at, data } of rows) {
      batch.push({ entityType: entity, createdAtMs: at, data });
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield batch;
}
