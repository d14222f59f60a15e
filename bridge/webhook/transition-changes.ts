// What changed between two history snapshots of one entity, as a list a receiver can filter on
// (n8n: "a new CRITICAL alert") and a person can read. Pure, and defensive about shapes: rows are
// read back from a table that other systems and older versions write too.
import type { HistoryEntity } from '../contract/responses';

export type AlertSeverityName = 'CRITICAL' | 'HIGH' | 'MEDIUM';

export type TransitionChange =
  | { kind: 'first_snapshot' }
  | { kind: 'alert_new'; budget_id: string; category: string; severity: AlertSeverityName }
  | { kind: 'alert_escalated' | 'alert_eased'; budget_id: string; category: string; severity: AlertSeverityName; previous_severity: AlertSeverityName }
  | { kind: 'alert_cleared'; budget_id: string; category: string; previous_severity: AlertSeverityName }
  | { kind: 'new_month'; month: string; previous_month: string | null }
  | { kind: 'mtd_net_changed'; value: number | null; previous: number | null }
  | { kind: 'low_stock_new' | 'low_stock_cleared'; product: string }
  | { kind: 'expired_changed' | 'expiring_changed'; value: number | null; previous: number | null }
  | { kind: 'workout_logged'; date: string }
  | { kind: 'suggestion_changed'; value: string | null; previous: string | null }
  | { kind: 'bodyweight_changed' | 'bodyfat_changed'; value: number | null; previous: number | null }
  | { kind: 'domain_degraded'; error: string | null }
  | { kind: 'domain_back' };

const RANK: Record<AlertSeverityName, number> = { CRITICAL: 3, HIGH: 2, MEDIUM: 1 };

type Data = Record<string, unknown>;

function asData(value: unknown): Data {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Data) : {};
}

const numOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

interface AlertKey {
  budget_id: string;
  category: string;
  severity: AlertSeverityName;
}

function alertsOf(data: Data): Map<string, AlertKey> {
  const out = new Map<string, AlertKey>();
  if (!Array.isArray(data.alerts)) return out;
  for (const raw of data.alerts) {
    const a = asData(raw);
    const severity = a.severity;
    if (typeof a.budget_id !== 'string' || (severity !== 'CRITICAL' && severity !== 'HIGH' && severity !== 'MEDIUM')) continue;
    out.set(a.budget_id, { budget_id: a.budget_id, category: strOrNull(a.category) ?? a.budget_id, severity });
  }
  return out;
}

type NumberChangeKind = Extract<TransitionChange, { value: number | null }>['kind'];

/** A change for each numeric field whose value differs (a missing or non-numeric value is null). */
function numberChanges(prev: Data, next: Data, fields: readonly (readonly [field: string, kind: NumberChangeKind])[]): TransitionChange[] {
  const changes: TransitionChange[] = [];
  for (const [field, kind] of fields) {
    const value = numOrNull(next[field]);
    const previous = numOrNull(prev[field]);
    if (value !== previous) changes.push({ kind, value, previous });
  }
  return changes;
}

function financeChanges(prev: Data, next: Data): TransitionChange[] {
  const changes: TransitionChange[] = [];
  const month = strOrNull(next.month);
  const previousMonth = strOrNull(prev.month);
  if (month !== null && month !== previousMonth) changes.push({ kind: 'new_month', month, previous_month: previousMonth });
  const before = alertsOf(prev);
  const after = alertsOf(next);
  for (const a of after.values()) {
    const old = before.get(a.budget_id);
    if (!old) changes.push({ kind: 'alert_new', ...a });
    else if (RANK[a.severity] !== RANK[old.severity]) {
      changes.push({ kind: RANK[a.severity] > RANK[old.severity] ? 'alert_escalated' : 'alert_eased', ...a, previous_severity: old.severity });
    }
  }
  for (const old of before.values()) {
    if (!after.has(old.budget_id)) changes.push({ kind: 'alert_cleared', budget_id: old.budget_id, category: old.category, previous_severity: old.severity });
  }
  return [...changes, ...numberChanges(prev, next, [['mtd_net', 'mtd_net_changed']])];
}

function pantryChanges(prev: Data, next: Data): TransitionChange[] {
  const changes: TransitionChange[] = [];
  const before = new Set(strings(prev.low_stock_items));
  const after = new Set(strings(next.low_stock_items));
  for (const product of after) if (!before.has(product)) changes.push({ kind: 'low_stock_new', product });
  for (const product of before) if (!after.has(product)) changes.push({ kind: 'low_stock_cleared', product });
  return [
    ...changes,
    ...numberChanges(prev, next, [
      ['expired_count', 'expired_changed'],
      ['expiring_count', 'expiring_changed'],
    ]),
  ];
}

function healthChanges(prev: Data, next: Data): TransitionChange[] {
  const changes: TransitionChange[] = [];
  const workout = strOrNull(next.last_workout_date);
  if (workout !== null && workout !== strOrNull(prev.last_workout_date)) changes.push({ kind: 'workout_logged', date: workout });
  const suggestion = strOrNull(next.suggestion);
  const previousSuggestion = strOrNull(prev.suggestion);
  if (suggestion !== previousSuggestion) changes.push({ kind: 'suggestion_changed', value: suggestion, previous: previousSuggestion });
  return [
    ...changes,
    ...numberChanges(prev, next, [
      ['bodyweight_kg', 'bodyweight_changed'],
      ['bodyfat_pct', 'bodyfat_changed'],
    ]),
  ];
}

function changesOf(entity: HistoryEntity, prev: Data, next: Data): TransitionChange[] {
  switch (entity) {
    case 'finance':
      return financeChanges(prev, next);
    case 'pantry':
      return pantryChanges(prev, next);
    case 'health':
      return healthChanges(prev, next);
    default:
      return [];
  }
}

/**
 * The changes from `previous` to `current`. The entity's first row (previous null) is compared with
 * an empty state, so a CRITICAL alert already present in it is still announced as new.
 */
export function transitionChanges(entity: HistoryEntity, previous: unknown, current: unknown): TransitionChange[] {
  const first = previous === null || previous === undefined;
  const changes = changesOf(entity, first ? {} : asData(previous), asData(current));
  return first ? [{ kind: 'first_snapshot' }, ...changes] : changes;
}

/**
 * The worst budget alert that appeared or got worse in this transition; null when none did. An alert
 * that was already CRITICAL in the previous row is not news and does not count again.
 */
export function newAlertSeverity(changes: readonly TransitionChange[]): AlertSeverityName | null {
  let worst: AlertSeverityName | null = null;
  for (const c of changes) {
    if (c.kind !== 'alert_new' && c.kind !== 'alert_escalated') continue;
    if (worst === null || RANK[c.severity] > RANK[worst]) worst = c.severity;
  }
  return worst;
}
