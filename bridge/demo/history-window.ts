// What the three timelines of the demo history share: the plan, the window of instants it covers, and
// update_data written by the engine's own snapshotOf from a state where only one domain is filled.
import type { DomainName, TwinState } from '../contract/twin-state';
import { snapshotOf } from '../contract/snapshot';

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

/** One row of a timeline before it is given its entity. */
export interface Moment {
  at: number;
  data: string;
}

export const DAY_MS = 86_400_000;
const DEFAULT_SPAN_DAYS = 90;

/** About ninety days for a demo-sized history; a large one (a benchmark's) is spread over all the years. */
export function historySpanDays(rows: number, years: number): number {
  return rows <= 3_000 ? DEFAULT_SPAN_DAYS : Math.max(DEFAULT_SPAN_DAYS, Math.round(365.25 * years));
}

/** The instants a history covers: the span up to a minute before now (or before the end of today). */
export function historyWindow(plan: HistoryPlan): { start: number; end: number } {
  const end = Math.min(plan.nowMs, Date.parse(`${plan.today}T00:00:00Z`) + DAY_MS) - 60_000;
  return { start: end - historySpanDays(plan.rows, plan.years) * DAY_MS, end };
}

export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

// A state where only the domain in hand is filled: snapshotOf reads that domain alone.
const META = { status: 'ok', error: null, as_of: null } as const;
export const EMPTY_STATE: TwinState = {
  computed_at: '', timezone: 'UTC', today: '',
  health: { ...META, measurement_date: null, bodyweight_kg: null, bodyfat_pct: null, estimated_lean_mass: null, weight_change: null,
    bodyfat_change: null, weight_trend: null, last_workout: null, days_since_workout: null, workouts_this_week: null,
    training_suggestion: null, body_series: [] },
  finance: { ...META, currency: 'PLN', month: null, mtd_net: null, mtd_income: null, mtd_expense: null, active_budget_alerts: null,
    alerts: [], budgets: [], monthly_net: [], upcoming: [], upcoming_note: null },
  pantry: { ...META, variant: null, tracked_products: null, low_stock_count: null, low_stock_items: [], low_stock: [],
    expired_count: null, expiring_count: null, expiring: [] },
};

/** update_data of one domain's state, as the engine records it. */
export function snapshotText<D extends DomainName>(domain: D, value: TwinState[D]): string {
  return JSON.stringify(snapshotOf({ ...EMPTY_STATE, [domain]: value }, domain));
}
