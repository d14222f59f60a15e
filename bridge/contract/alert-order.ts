// The order budgets and alerts are read in, the same in the bridge (briefing, /finance) and the
// plugin (panel, status bar, history): the worst first, not the database function's priority order.
import type { AlertSeverity } from './twin-state';

const SEVERITY_RANK: Record<string, number> = { CRITICAL: 0, HIGH: 1, MEDIUM: 2 } satisfies Record<AlertSeverity, number>;

/** 0 for the worst severity; no alert, or a word written by another system, comes last. */
export function severityRank(severity: string | null): number {
  return (severity === null ? undefined : SEVERITY_RANK[severity]) ?? 3;
}

/**
 * CRITICAL, HIGH, MEDIUM, then budgets that do not alert, each by utilisation descending. Stable:
 * equal rows keep the order they came in (the function's, ties by budget_id).
 */
export function worstFirst<T extends { alert_severity: AlertSeverity | null; utilization_pct: number }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => severityRank(a.alert_severity) - severityRank(b.alert_severity) || b.utilization_pct - a.utilization_pct);
}
