// Past transitions for digital_twin_updates: for each of health, finance and pantry a timeline of
// states where every row differs from the one before it (the bridge only records changes), in the
// exact update_data shapes the engine writes.
import { addDays, dayNumber, dayOfMonth, daysInMonth, weekStart } from './calendar';
import { PANTRY_ITEMS, expiredCount, expiringCount, lowStockProducts } from './pantry-demo';
import { Rng } from './random';
import { measurementFor, workoutDays, type DemoMeasurement } from './training-demo';

export type HistoryEntity = 'health' | 'finance' | 'pantry';

export interface HistoryRow {
  entityType: HistoryEntity;
  /** The instant, in milliseconds since the epoch. */
  createdAtMs: number;
  /** update_data as JSON text. */
  data: string;
}

export interface HistoryPlan {
  seed: number;
  /** 'YYYY-MM-DD' in the user's zone. */
  today: string;
  /** The current instant; every row is older. */
  nowMs: number;
  rows: number;
  years: number;
  volume: number;
}

const DAY_MS = 86_400_000;
export const DEFAULT_HISTORY_ROWS = 300;
const DEFAULT_SPAN_DAYS = 90;

/** About ninety days for a demo-sized history; a large one (a benchmark's) is spread over all the years. */
export function historySpanDays(rows: number, years: number): number {
  return rows <= 3_000 ? DEFAULT_SPAN_DAYS : Math.max(DEFAULT_SPAN_DAYS, Math.round(365.25 * years));
}

function timeline(plan: HistoryPlan, entity: HistoryEntity, count: number): number[] {
  const end = Math.min(plan.nowMs, Date.parse(`${plan.today}T00:00:00Z`) + DAY_MS) - 60_000;
  const start = end - historySpanDays(plan.rows, plan.years) * DAY_MS;
  const step = (end - start) / Math.max(1, count);
  const rng = new Rng(plan.seed, `history-times:${entity}`);
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(Math.floor(start + (i + 0.1 + 0.8 * rng.float()) * step));
  return out;
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The (UTC) day of an instant, as a day number: cheap to compare on every row. */
function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function* healthStates(plan: HistoryPlan, times: number[]): Generator<string> {
  if (times.length === 0) return;
  const memo = new Map<string, DemoMeasurement | null>();
  const measured = (d: string) => {
    if (!memo.has(d)) memo.set(d, measurementFor(plan.seed, d));
    return memo.get(d)!;
  };
  const latestUpTo = (d: string): DemoMeasurement | null => {
    for (let k = 0; k < 30; k++) {
      const m = measured(addDays(d, -k));
      if (m) return m;
    }
    return null;
  };
  const workouts = workoutDays(plan.seed, addDays(isoDay(times[0]), -14), plan.today).map((w) => w.date);
  let done = 0; // workouts[0 .. done) were done before the current instant (they happen at 17:00 UTC)
  let prev = '';
  let nudge = 0;
  let day = -1;
  let d = '';
  let daily = { m: null as DemoMeasurement | null, trend: null as 'GAINING' | 'LOSING' | 'STABLE' | null, monday: '' };
  const workoutDone = workouts.map((w) => Date.parse(`${w}T17:00:00Z`));
  const workoutDay = workouts.map((w) => dayNumber(w));
  for (const t of times) {
    if (dayOf(t) !== day) {
      // Everything but the workouts changes at most once a day.
      day = dayOf(t);
      d = isoDay(t);
      const m = latestUpTo(d);
      const before = m ? latestUpTo(addDays(m.date, -1)) : null;
      const change = m && before ? m.bodyweightKg - before.bodyweightKg : null;
      const trend = change === null ? (m ? 'STABLE' : null) : change > 0.5 ? 'GAINING' : change < -0.5 ? 'LOSING' : 'STABLE';
      daily = { m, trend, monday: weekStart(d) };
    }
    while (done < workouts.length && workoutDone[done] <= t) done++;
    const { m, trend, monday } = daily;
    const last = done > 0 ? workouts[done - 1] : null;
    const since = last ? day - workoutDay[done - 1] : null;
    let thisWeek = 0;
    for (let i = done - 1; i >= 0 && workouts[i] >= monday; i--) thisWeek++;
    const state = {
      bodyweight_kg: m ? m.bodyweightKg : null,
      bodyfat_pct: m ? m.bodyfatPct : null,
      weight_trend: trend,
      last_workout_date: last,
      days_since_workout: since,
      workouts_this_week: thisWeek,
      suggestion: since === null ? 'no_workouts' : since === 0 ? 'done_today' : since <= 2 ? 'rest_day' : since <= 5 ? 'training_day' : 'overdue',
    };
    let json = JSON.stringify(state);
    if (json === prev) {
      // Same day, nothing new: a second weigh-in that read a little differently.
      state.bodyweight_kg = round2((state.bodyweight_kg ?? 84) + (nudge++ % 2 === 0 ? 0.1 : -0.1));
      json = JSON.stringify(state);
    }
    prev = json;
    yield json;
  }
}

function* financeStates(plan: HistoryPlan, times: number[]): Generator<string> {
  let day = -1;
  let daily = { month: '', dom: 0, dim: 0, prices: 0, pay: 0, salaryExtra: 0, pace: 0, r1: 0, r2: 0, r3: 0 };
  const jitters = new Rng(plan.seed, 'history-finance-jitter');
  for (const t of times) {
    if (dayOf(t) !== day) {
      day = dayOf(t);
      const d = isoDay(t);
      const years = (dayNumber(d) - dayNumber('2026-01-01')) / 365.25;
      const month = d.slice(0, 7);
      const m = new Rng(plan.seed, `history-finance:${month}`);
      daily = { month, dom: dayOfMonth(d), dim: daysInMonth(d), prices: Math.pow(1.035, years), pay: Math.pow(1.045, years),
        salaryExtra: m.int(0, 400), pace: m.between(0.85, 1.2), r1: m.float(), r2: m.float(), r3: m.float() };
    }
    const { month, dom, dim, prices, pay, salaryExtra, pace, r1, r2, r3 } = daily;
    const elapsed = dom - 1 + (t % DAY_MS) / DAY_MS;
    const income = (dom >= 10 ? Math.round(12_000 * pay) + salaryExtra : 0) + (month.endsWith('-12') && dom >= 20 ? Math.round(4_000 * pay) : 0);
    const jitter = jitters.between(-12, 12);
    const expense = Math.max(0, round2(2_759 * prices + 215 * prices * plan.volume * pace * elapsed + jitter));
    const fraction = elapsed / dim;
    const alerts: { budget_id: string; category: string; severity: 'CRITICAL' | 'HIGH' | 'MEDIUM' }[] = [];
    const restaurants = fraction > 0.55 + 0.3 * r1 ? 'CRITICAL' : fraction > 0.35 ? 'HIGH' : fraction > 0.08 ? 'MEDIUM' : null;
    const groceries = fraction > 0.7 + 0.25 * r2 ? 'HIGH' : fraction > 0.3 ? 'MEDIUM' : null;
    const fuel = fraction > 0.15 && r3 < 0.6 ? 'MEDIUM' : null;
    if (restaurants) alerts.push({ budget_id: `BUD-${month}-RESTAURANTS`, category: 'Food > Restaurants', severity: restaurants });
    if (groceries) alerts.push({ budget_id: `BUD-${month}-GROCERIES`, category: 'Lifestyle > Groceries', severity: groceries });
    if (fuel) alerts.push({ budget_id: `BUD-${month}-FUEL`, category: 'Transport > Fuel', severity: fuel });
    yield JSON.stringify({
      month,
      currency: 'PLN',
      mtd_net: round2(income - expense),
      mtd_income: income,
      mtd_expense: expense,
      active_budget_alerts: alerts.length,
      alerts,
    });
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
    yield JSON.stringify({ low_stock_count: items.length, low_stock_items: items, expired_count: expired, expiring_count: expiring });
  }
}

/** All rows of the plan, in batches of at most `batchSize`. */
export function* historyBatches(plan: HistoryPlan, batchSize = 20_000): Generator<HistoryRow[]> {
  const entities: [HistoryEntity, (p: HistoryPlan, t: number[]) => Generator<string>][] = [
    ['health', healthStates],
    ['finance', financeStates],
    ['pantry', pantryStates],
  ];
  let batch: HistoryRow[] = [];
  for (let i = 0; i < entities.length; i++) {
    const [entity, states] = entities[i];
    const count = Math.floor(plan.rows / 3) + (i < plan.rows % 3 ? 1 : 0);
    const times = timeline(plan, entity, count);
    let k = 0;
    for (const data of states(plan, times)) {
      batch.push({ entityType: entity, createdAtMs: times[k++], data });
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield batch;
}
