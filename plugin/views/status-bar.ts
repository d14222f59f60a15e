// The compact state shown in the desktop status bar.
import type { TwinSnapshot } from '../twin/twin-store';
import { collectAlerts } from '../twin/twin-alerts';

export function statusBarText(snapshot: TwinSnapshot): string {
  if (snapshot.error?.kind === 'unauthorised') return 'Twin: key refused';
  if (snapshot.error !== null) return 'Twin offline';
  if (snapshot.status === null) return snapshot.loading ? 'Twin …' : 'Twin';
  const count = collectAlerts(snapshot.status).length;
  return count === 0 ? 'Twin ✓' : `Twin: ${count} alert${count === 1 ? '' : 's'}`;
}

export function statusBarTooltip(snapshot: TwinSnapshot): string {
  if (snapshot.error !== null) return snapshot.error.message;
  if (snapshot.status === null) return 'Digital twin: no data yet';
  const alerts = collectAlerts(snapshot.status);
  return alerts.length === 0 ? 'Digital twin: all well' : alerts.map((alert) => alert.text).join('\n');
}
