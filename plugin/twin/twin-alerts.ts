// What counts as "something needs attention" in a twin state: used to open the briefing callout,
// for the status bar count and for the panel's alert list.
import type { StatusResponse } from '../../bridge/contract/responses';
import { worstFirst } from '../../bridge/contract/alert-order';
import type { DomainName } from '../../bridge/contract/twin-state';

// The views sort budgets with it too.
export { worstFirst } from '../../bridge/contract/alert-order';

export interface TwinAlert {
  domain: DomainName;
  severity: 'critical' | 'high' | 'warning';
  text: string;
}

const DOMAINS: readonly DomainName[] = ['health', 'finance', 'pantry'];

/** Words that, by the user's note convention, open a collapsed section. */
export const OPENING_WORDS = /\b(alert|anomaly|breach|urgent|failure|train today)\b/i;

const OVERDUE_DAYS = 5;

const TWIN_ALERT_RANK: Record<TwinAlert['severity'], number> = { critical: 0, high: 1, warning: 2 };

export function degradedDomains(status: StatusResponse): DomainName[] {
  return DOMAINS.filter((name) => status.state[name]?.status === 'degraded');
}

export function collectAlerts(status: StatusResponse): TwinAlert[] {
  const alerts: TwinAlert[] = [];
  const { health, finance, pantry } = status.state;
  for (const alert of worstFirst(finance.alerts)) {
    if (alert.alert_severity === 'CRITICAL' || alert.alert_severity === 'HIGH') {
      alerts.push({
        domain: 'finance',
        severity: alert.alert_severity === 'CRITICAL' ? 'critical' : 'high',
        text: `${alert.category_path}: ${alert.utilization_pct}% of budget`,
      });
    }
  }
  const days = health.days_since_workout;
  if (health.training_suggestion?.code === 'overdue' || (typeof days === 'number' && days > OVERDUE_DAYS)) {
    alerts.push({ domain: 'health', severity: 'high', text: `Training overdue${typeof days === 'number' ? `: ${days} days since the last workout` : ''}` });
  }
  if (typeof pantry.expired_count === 'number' && pantry.expired_count > 0) {
    alerts.push({ domain: 'pantry', severity: 'high', text: `${pantry.expired_count} expired pantry item${pantry.expired_count === 1 ? '' : 's'}` });
  }
  for (const name of degradedDomains(status)) {
    const error = status.state[name].error;
    alerts.push({ domain: name, severity: 'warning', text: `${name} data degraded${error ? `: ${error}` : ''}` });
  }
  // Stable: within a severity, finance (worst budget first), then health, then pantry.
  return alerts.sort((a, b) => TWIN_ALERT_RANK[a.severity] - TWIN_ALERT_RANK[b.severity]);
}

/** Open the callout when anything needs attention, or the text itself says so. */
export function shouldOpenBriefing(status: StatusResponse): boolean {
  return collectAlerts(status).length > 0 || OPENING_WORDS.test(status.report);
}
