// The transition between two history snapshots of one entity: the list of changes that the webhook
// pushes and the history view shows, computed here only. Pure and plain TypeScript (no zod), so the
// plugin runs the same function as the bridge.
//
// Rows are read back from a table that people, other systems and older versions write too, so the
// readers below take any value: a field of the wrong type counts as missing (null), a number may come
// as numeric text (node-postgres gives numeric columns as strings), an alert without a budget_id or a
// known severity is skipped.
//
// Budget alerts across a month boundary, the one rule: budgets are per month (a budget_id belongs to
// one month), so a new month starts from an empty month. When `month` changes from one known month to
// another, the change is reported once as `new_month`; the new month's net, alert count and alerts
// are compared with nothing (each alert of the new month is `alert_new`, and counts for the payload's
// alert_severity), and last month's alerts are not reported as cleared (they closed with their
// month). Within a month, alerts are matched by budget_id.
import { severityRank } from './alert-order';
import type { HistoryEntity } from './responses';
import type { AlertSnapshot, FinanceSnapshot, HealthSnapshot, PantrySnapshot } from './snapshot';
import type { TransitionChange } from './transition-change';
import type { AlertSeverity } from './twin-state';

type Data = Record<string, unknown>;

/** A snapshot as read back: every field may be missing (null); words may be any text. */
export type SnapshotRead<T> = { [K in keyof T]: T[K] extends readonly unknown[] ? T[K] : (NonNullable<T[K]> extends string ? string : NonNullable<T[K]>) | null };
export type HealthRead = SnapshotRead<HealthSnapshot>;
export type FinanceRead = SnapshotRead<FinanceSnapshot>;
export type PantryRead = SnapshotRead<PantrySnapshot>;

export function asData(value: unknown): Data | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Data) : null;
}

export function numberOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

const textOf = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const SEVERITIES: readonly string[] = ['CRITICAL', 'HIGH', 'MEDIUM'] satisfies AlertSeverity[];
const isSeverity = (value: unknown): value is AlertSeverity => typeof value === 'string' && SEVERITIES.includes(value);

/** The alerts of a row, one per budget (the first wins), worst first; the recorded order stays within a severity. */
function alertsOf(value: unknown): AlertSnapshot[] {
  const seen = new Map<string, AlertSnapshot>();
  for (const item of Array.isArray(value) ? value : []) {
    const a = asData(item);
    const id = typeof a?.budget_id === 'number' ? String(a.budget_id) : textOf(a?.budget_id);
    if (a === null || id === null || !isSeverity(a.severity) || seen.has(id)) continue;
    seen.set(id, { budget_id: id, category: textOf(a.category) ?? id, severity: a.severity });
  }
  return [...seen.values()].sort((x, y) => severityRank(x.severity) - severityRank(y.severity));
}

export function readHealth(value: unknown): HealthRead {
  const d = asData(value) ?? {};
  return {
    bodyweight_kg: numberOf(d.bodyweight_kg),
    bodyfat_pct: numberOf(d.bodyfat_pct),
    weight_trend: textOf(d.weight_trend),
    last_workout_date: textOf(d.last_workout_date),
    days_since_workout: numberOf(d.days_since_workout),
    workouts_this_week: numberOf(d.workouts_this_week),
    suggestion: textOf(d.suggestion),
  };
}

export function readFinance(value: unknown): FinanceRead {
  const d = asData(value) ?? {};
  return {
    month: textOf(d.month),
    currency: textOf(d.currency),
    mtd_net: numberOf(d.mtd_net),
    mtd_income: numberOf(d.mtd_income),
    mtd_expense: numberOf(d.mtd_expense),
    active_budget_alerts: numberOf(d.active_budget_alerts),
    alerts: alertsOf(d.alerts),
  };
}

export function readPantry(value: unknown): PantryRead {
  const d = asData(value) ?? {};
  return {
    low_stock_count: numberOf(d.low_stock_count),
    low_stock_items: strings(d.low_stock_items),
    expired_count: numberOf(d.expired_count),
    expiring_count: numberOf(d.expiring_count),
  };
}

type FigureKind = Extract<TransitionChange, { value: number | null }>['kind'];
type WordKind = Extract<TransitionChange, { value: string | null }>['kind'];

function figure(kind: FigureKind, value: number | null, previous: number | null): TransitionChange[] {
  return value === previous ? [] : [{ kind, value, previous }];
}

function word(kind: WordKind, value: string | null, previous: string | null): TransitionChange[] {
  return value === previous ? [] : [{ kind, value, previous }];
}

function alertChanges(before: readonly AlertSnapshot[], after: readonly AlertSnapshot[]): TransitionChange[] {
  const changes: TransitionChange[] = [];
  const old = new Map(before.map((a) => [a.budget_id, a]));
  for (const a of after) {
    const was = old.get(a.budget_id);
    if (!was) changes.push({ kind: 'alert_new', ...a });
    else if (was.severity !== a.severity) {
      const kind = severityRank(a.severity) < severityRank(was.severity) ? 'alert_escalated' : 'alert_eased';
      changes.push({ kind, ...a, previous_severity: was.severity });
    }
  }
  const now = new Set(after.map((a) => a.budget_id));
  for (const a of before) {
    if (!now.has(a.budget_id)) changes.push({ kind: 'alert_cleared', budget_id: a.budget_id, category: a.category, previous_severity: a.severity });
  }
  return changes;
}

const EMPTY_MONTH = readFinance(null);

function financeChanges(prev: FinanceRead, next: FinanceRead): TransitionChange[] {
  const changes: TransitionChange[] = [];
  if (next.month !== null && next.month !== prev.month) changes.push({ kind: 'new_month', month: next.month, previous_month: prev.month });
  // The month-boundary rule (see the top of this file).
  const base = prev.month !== null && next.month !== null && next.month !== prev.month ? EMPTY_MONTH : prev;
  return [
    ...changes,
    ...figure('mtd_net_changed', next.mtd_net, base.mtd_net),
    ...figure('alert_count_changed', next.active_budget_alerts, base.active_budget_alerts),
    ...alertChanges(base.alerts, next.alerts),
  ];
}

function healthChanges(prev: HealthRead, next: HealthRead): TransitionChange[] {
  const workout = next.last_workout_date;
  return [
    ...figure('bodyweight_changed', next.bodyweight_kg, prev.bodyweight_kg),
    ...figure('bodyfat_changed', next.bodyfat_pct, prev.bodyfat_pct),
    ...word('weight_trend_changed', next.weight_trend, prev.weight_trend),
    ...(workout !== null && workout !== prev.last_workout_date ? [{ kind: 'workout_logged' as const, date: workout, previous: prev.last_workout_date }] : []),
    ...figure('days_since_workout_changed', next.days_since_workout, prev.days_since_workout),
    ...figure('workouts_this_week_changed', next.workouts_this_week, prev.workouts_this_week),
    ...word('suggestion_changed', next.suggestion, prev.suggestion),
  ];
}

function pantryChanges(prev: PantryRead, next: PantryRead): TransitionChange[] {
  const before = new Set(prev.low_stock_items);
  const after = new Set(next.low_stock_items);
  return [
    ...figure('low_stock_count_changed', next.low_stock_count, prev.low_stock_count),
    ...[...after].filter((p) => !before.has(p)).map((product): TransitionChange => ({ kind: 'low_stock_new', product })),
    ...[...before].filter((p) => !after.has(p)).map((product): TransitionChange => ({ kind: 'low_stock_cleared', product })),
    ...figure('expired_changed', next.expired_count, prev.expired_count),
    ...figure('expiring_changed', next.expiring_count, prev.expiring_count),
  ];
}

/**
 * The changes from `previous` to `current` (update_data of two rows of one entity, oldest first).
 * An entity's first row (previous null) is compared with an empty state, so a CRITICAL alert already
 * in it is still announced as new. Entities without a known snapshot (person, goal, training) have
 * no changes beyond `first_snapshot`.
 */
export function transitionChanges(entity: HistoryEntity, previous: unknown, current: unknown): TransitionChange[] {
  const first = previous === null || previous === undefined;
  const head: TransitionChange[] = first ? [{ kind: 'first_snapshot' }] : [];
  switch (entity) {
    case 'finance':
      return [...head, ...financeChanges(readFinance(previous), readFinance(current))];
    case 'health':
      return [...head, ...healthChanges(readHealth(previous), readHealth(current))];
    case 'pantry':
      return [...head, ...pantryChanges(readPantry(previous), readPantry(current))];
    default:
      return head;
  }
}

/**
 * The worst budget alert that appeared or got worse in this transition; null when none did. An alert
 * that was already CRITICAL in the previous row is not news and does not count again.
 */
export function newAlertSeverity(changes: readonly TransitionChange[]): AlertSeverity | null {
  let worst: AlertSeverity | null = null;
  for (const c of changes) {
    if (c.kind !== 'alert_new' && c.kind !== 'alert_escalated') continue;
    if (worst === null || severityRank(c.severity) < severityRank(worst)) worst = c.severity;
  }
  return worst;
}
